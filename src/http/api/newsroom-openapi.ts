/** OpenAPI paths of the newsroom's admin and media routes (admin-routes.ts, media-routes.ts). */
import { json, problem, idParam, secured } from './openapi-parts.ts';

const denied = {
  '400': problem('Invalid input; `field` names it'),
  '401': problem('No credentials'),
  '403': problem('Not an admin'),
};
const role = { type: 'string', enum: ['contributor', 'editor', 'admin'] };
const desks = {
  type: ['array', 'null'],
  items: { type: 'string' },
  description: 'desk slugs the user is limited to; null: every desk',
};
const auditFilters = [
  {
    name: 'actor',
    in: 'query',
    schema: { type: 'string' },
    description: 'user:ID, token:ID, cli, or a target email',
  },
  {
    name: 'action',
    in: 'query',
    schema: { type: 'string' },
    description: 'exact, or a family ending in "." (update.)',
  },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'first UTC day' },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'last UTC day' },
];

/** Paths to merge into the API document. */
export const NEWSROOM_OPENAPI_PATHS = {
  '/users': {
    get: {
      summary: 'List newsroom users (admin)',
      security: secured,
      responses: { '200': { description: 'Users' }, ...denied },
    },
    post: {
      summary: 'Add a user (admin); the answer carries a one-time password, shown only here',
      security: secured,
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['email', 'name', 'role'],
          properties: { email: { type: 'string' }, name: { type: 'string' }, role, desks },
        }),
      },
      responses: { '201': { description: '`{user, password}`' }, '409': problem('Email taken'), ...denied },
    },
  },
  '/users/{id}': {
    patch: {
      summary: 'Change a user’s role, desks or disabled state (admin); disabling ends their sessions',
      security: secured,
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({ type: 'object', properties: { role, desks, disabled: { type: 'boolean' } } }),
      },
      responses: {
        '200': { description: 'The user' },
        '409': problem('An admin locking themself out'),
        ...denied,
      },
    },
  },
  '/users/{id}/password': {
    post: {
      summary: 'Give a user a new one-time password (admin); ends their sessions',
      security: secured,
      parameters: [idParam],
      responses: { '200': { description: '`{user, password}`' }, ...denied },
    },
  },
  '/session/password': {
    post: {
      summary:
        'Set one’s own password (signed in with the cookie; required after an admin’s one-time password); ends every session',
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 12 } },
        }),
      },
      responses: {
        '204': { description: 'Set; sign in again' },
        '400': problem('Wrong current password, or too short'),
      },
    },
  },
  '/audit': {
    get: {
      summary: 'The audit log, newest first, filtered and paged (admin)',
      security: secured,
      parameters: [
        ...auditFilters,
        { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 500 } },
        {
          name: 'before',
          in: 'query',
          schema: { type: 'integer' },
          description: 'nextCursor of the previous page',
        },
        { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } },
      ],
      responses: { '200': { description: '`{items, nextCursor}`' }, ...denied },
    },
  },
  '/audit/export': {
    get: {
      summary: 'Every audit entry matching the filters, as a CSV or JSON download (admin)',
      security: secured,
      parameters: [
        ...auditFilters,
        { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'json'] } },
      ],
      responses: { '200': { description: 'text/csv or application/json attachment' }, ...denied },
    },
  },
  '/media': {
    post: {
      summary: 'Upload a photo (contributor): multipart `file`, `alt`, `caption?`, `credit?`',
      security: secured,
      responses: {
        '201': { description: '`{id, url, variants}`' },
        '413': problem('Larger than 20 MB or 50 megapixels'),
        '415': problem('Not an image we can decode; HEIC is named as such'),
      },
    },
    get: {
      summary: 'Newest photos (editor)',
      security: secured,
      responses: { '200': { description: 'Photos' } },
    },
  },
  '/media/{id}': {
    delete: {
      summary: 'Delete a photo nothing shows, and its files (editor)',
      security: secured,
      parameters: [idParam],
      responses: {
        '204': { description: 'Deleted' },
        '409': problem('Still shown; `current.references` names the updates, stories, submissions'),
        '404': problem('No such photo'),
      },
    },
  },
};
