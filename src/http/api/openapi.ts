/** The OpenAPI 3.1 document of /api/v1, with request schemas generated from the zod schemas that enforce them. */
import { NEWSROOM_OPENAPI_PATHS } from './newsroom-openapi.ts';
import { ChangeDeskSchema } from './admin-routes.ts';
import { CLAIM_STATUSES, STORY_STATUSES } from '../../domain/types.ts';
import {
  ApproveSchema,
  CreateDeskSchema,
  CreateStorySchema,
  CreateUpdateSchema,
  PatchStorySchema,
  PatchUpdateSchema,
  RejectSchema,
  SourceSchema,
} from './schemas.ts';
import { SEARCH_OPENAPI } from '../search/search-openapi.ts';
import { enrichmentPaths } from './enrichment-routes.ts';
import { contactPaths } from './contacts-routes.ts';
import { suggestionPaths } from './suggestion-openapi.ts';
import { REACH_OPENAPI_PATHS } from './reach-openapi.ts';
import { statementsOpenApi } from './statements-openapi.ts';
import { schema, ref, json, problem, idParam, secured } from './openapi-parts.ts';

const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
});
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
];
const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid token'),
  '403': problem('The token’s role does not allow this'),
  '404': problem('No such resource'),
};

/** Builds the OpenAPI document. */
export function createOpenApiDocument(): object {
  const statements = statementsOpenApi();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dateline API',
      version: '1',
      description:
        'Live pages for conflict and foreign-affairs desks. Reads of live and ended stories are public; writes need `Authorization: Bearer <token>` from `dateline token create`. Errors are RFC 9457 problem documents. Lists are newest first and cursor-paginated. Edits carry the `version` they were based on and get 409 with the current record on conflict.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            field: { type: 'string', description: 'the input at fault' },
            current: { description: 'on 409: the record as it is now' },
          },
        },
        Source: schema(SourceSchema),
        Desk: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            slug: { type: 'string' },
            name: { type: 'string' },
            description: { type: 'string' },
            timezone: { type: 'string' },
            url: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
            archivedAt: {
              type: ['string', 'null'],
              format: 'date-time',
              description: 'set: off reader listings, pages still readable',
            },
          },
        },
        Story: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            desk: { type: ['string', 'null'] },
            slug: { type: 'string' },
            date: { type: ['string', 'null'], format: 'date' },
            url: { type: 'string', description: 'absolute path of the reader page' },
            headline: { type: 'string' },
            standfirst: { type: 'string' },
            body: { type: 'string' },
            bodyHtml: { type: 'string' },
            status: { enum: [...STORY_STATUSES] },
            openedAt: { type: ['string', 'null'] },
            endedAt: { type: ['string', 'null'] },
            version: { type: 'integer' },
            lastEventSeq: { type: 'integer' },
          },
        },
        Update: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            storyId: { type: 'string' },
            sequence: { type: 'integer' },
            version: { type: 'integer' },
            headline: { type: ['string', 'null'] },
            body: { type: 'string' },
            bodyHtml: { type: 'string' },
            author: { type: 'string' },
            publishedAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
            pinned: { type: 'boolean' },
            keyEvent: { type: 'boolean' },
            claimStatus: { enum: [...CLAIM_STATUSES] },
            claimNote: { type: 'string' },
            corrections: {
              type: 'array',
              description: 'corrections after publication (headline or body changed), oldest first',
              items: {
                type: 'object',
                required: ['at', 'note'],
                properties: { at: { type: 'string', format: 'date-time' }, note: { type: 'string' } },
              },
            },
            sources: { type: 'array', items: ref('Source') },
            videoUrl: { type: ['string', 'null'] },
            url: { type: 'string', description: 'permalink page' },
            anchor: { type: 'string', description: 'the update on its story page' },
            statementIds: { type: 'array', items: { type: 'string' }, description: 'statements it cites' },
            statements: {
              type: 'array',
              description: 'the statements it cites: id, title, issuer, publishedAt, page',
              items: { type: 'object' },
            },
          },
        },
        CreateDesk: schema(CreateDeskSchema),
        ChangeDesk: schema(ChangeDeskSchema),
        CreateStory: schema(CreateStorySchema),
        PatchStory: schema(PatchStorySchema),
        CreateUpdate: schema(CreateUpdateSchema),
        PatchUpdate: schema(PatchUpdateSchema),
        ...SEARCH_OPENAPI.schemas,
        ...statements.schemas,
      },
    },
    paths: {
      ...SEARCH_OPENAPI.paths,
      ...REACH_OPENAPI_PATHS,
      ...NEWSROOM_OPENAPI_PATHS,
      '/desks': {
        get: {
          summary: 'List desks',
          responses: { '200': { description: 'Desks', content: json(page('Desk')) } },
        },
        post: {
          summary: 'Create a desk (admin)',
          security: secured,
          requestBody: { required: true, content: json(ref('CreateDesk')) },
          responses: {
            '201': { description: 'Created', content: json(ref('Desk')) },
            '409': problem('Slug taken'),
            ...errors,
          },
        },
      },
      '/desks/{slug}': {
        get: {
          summary: 'Get a desk',
          parameters: [slugParam],
          responses: { '200': { description: 'The desk', content: json(ref('Desk')) }, ...errors },
        },
        patch: {
          summary: 'Rename a desk, set its time zone or description, archive or restore it (admin)',
          security: secured,
          parameters: [slugParam],
          requestBody: { required: true, content: json(ref('ChangeDesk')) },
          responses: { '200': { description: 'The desk', content: json(ref('Desk')) }, ...errors },
        },
      },
      '/desks/{slug}/stories': {
        get: {
          summary: 'A desk’s stories, newest day first',
          parameters: [slugParam, ...pageParams],
          responses: { '200': { description: 'Stories', content: json(page('Story')) }, ...errors },
        },
      },
      '/desks/{slug}/days/{date}': {
        put: {
          summary: 'Open the desk’s page for a date, creating "<Desk>, <day Month>" if missing (editor)',
          security: secured,
          parameters: [
            slugParam,
            { name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } },
          ],
          responses: {
            '200': { description: 'Existing page', content: json(ref('Story')) },
            '201': { description: 'Created page', content: json(ref('Story')) },
            ...errors,
          },
        },
      },
      '/stories': {
        post: {
          summary: 'Create a story (editor)',
          security: secured,
          requestBody: { required: true, content: json(ref('CreateStory')) },
          responses: {
            '201': { description: 'Created', content: json(ref('Story')) },
            '409': problem('Slug taken'),
            ...errors,
          },
        },
      },
      '/stories/{id}': {
        get: {
          summary: 'Get a story',
          parameters: [idParam],
          responses: { '200': { description: 'The story', content: json(ref('Story')) }, ...errors },
        },
        patch: {
          summary: 'Edit a story header (editor)',
          security: secured,
          parameters: [idParam],
          requestBody: { required: true, content: json(ref('PatchStory')) },
          responses: {
            '200': { description: 'Edited', content: json(ref('Story')) },
            '409': problem('Stale version; `current` holds the story'),
            ...errors,
          },
        },
      },
      '/stories/{id}/updates': {
        get: {
          summary: 'A story’s updates, newest first',
          parameters: [idParam, ...pageParams],
          responses: { '200': { description: 'Updates', content: json(page('Update')) }, ...errors },
        },
        post: {
          summary: 'Publish an update (editor)',
          security: secured,
          parameters: [idParam],
          requestBody: { required: true, content: json(ref('CreateUpdate')) },
          responses: {
            '201': { description: 'Published', content: json(ref('Update')) },
            '409': problem('The story has ended'),
            ...errors,
          },
        },
      },
      '/updates/{id}': {
        get: {
          summary: 'Get an update',
          parameters: [idParam],
          responses: { '200': { description: 'The update', content: json(ref('Update')) }, ...errors },
        },
        patch: {
          summary:
            'Edit an update (editor), or a pending submission (its author, or an editor; `version` not needed)',
          security: secured,
          parameters: [idParam],
          requestBody: { required: true, content: json(ref('PatchUpdate')) },
          responses: {
            '200': { description: 'Edited', content: json(ref('Update')) },
            '409': problem('Stale version; `current` holds the update'),
            ...errors,
          },
        },
        delete: {
          summary: 'Delete an update (editor); a tombstone is kept',
          security: secured,
          parameters: [idParam],
          responses: { '204': { description: 'Deleted' }, ...errors },
        },
      },
      '/updates/{id}/approve': {
        post: {
          summary: 'Publish a contributor’s submission (editor); optional changes apply first',
          security: secured,
          parameters: [idParam],
          requestBody: { required: false, content: json(schema(ApproveSchema)) },
          responses: {
            '200': { description: 'Published under the submission’s id', content: json(ref('Update')) },
            '409': problem('Not pending any more; `current` holds the submission'),
            ...errors,
          },
        },
      },
      '/updates/{id}/reject': {
        post: {
          summary: 'Turn down a submission with a reason the contributor sees (editor)',
          security: secured,
          parameters: [idParam],
          requestBody: { required: true, content: json(schema(RejectSchema)) },
          responses: { '200': { description: 'The rejected submission' }, ...errors },
        },
      },
      '/stories/{id}/submissions': {
        get: {
          summary:
            'Pending submissions, oldest first (editors: all; contributors: their own); `?mine=1`: the caller’s own in any state, newest first, with rejection reasons',
          security: secured,
          parameters: [idParam],
          responses: { '200': { description: 'Submissions' }, ...errors },
        },
      },
      '/updates/{id}/revisions': {
        get: {
          summary: 'Every change of an update (editor)',
          security: secured,
          parameters: [idParam],
          responses: { '200': { description: 'Revisions, oldest first' }, ...errors },
        },
      },
      '/stories/{id}/live': {
        get: {
          summary: 'Live events of a story (Server-Sent Events)',
          description:
            'Events `update`, `edit`, `delete`, `story`; `id:` is the story’s event sequence. Reconnect with `Last-Event-ID` (or `?since=`) to receive exactly the events missed.',
          parameters: [
            idParam,
            { name: 'since', in: 'query', schema: { type: 'integer' } },
            { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'An event stream',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errors,
          },
        },
      },
      '/live': {
        get: {
          summary: 'Live events of all live stories (Server-Sent Events), for the LATEST rail',
          parameters: [
            { name: 'since', in: 'query', schema: { type: 'integer' } },
            { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'An event stream; `id:` is the site-wide event id',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
          },
        },
      },
      ...enrichmentPaths(),
      ...contactPaths(),
      ...suggestionPaths(),
      ...statements.paths,
    },
  };
}
