/** OpenAPI paths of the webhook admin API and related coverage, merged into the document by openapi.ts. */
import { problem, idParam, secured } from './openapi-parts.ts';

const subscriber = {
  type: 'object',
  properties: { id: { type: 'string' }, url: { type: 'string' }, createdAt: { type: 'string' } },
};

/** Paths added by reach. */
export const REACH_OPENAPI_PATHS = {
  '/webhooks': {
    get: {
      summary: 'List webhook subscribers (admin)',
      security: secured,
      responses: {
        '200': { description: 'Subscribers, without their secrets' },
        '403': problem('Not an admin'),
      },
    },
    post: {
      summary: 'Add a webhook subscriber (admin); the secret is returned once',
      description:
        'Subscribers receive POSTs for update.published, update.edited, update.claim_changed and update.deleted, signed `X-Dateline-Signature: sha256=HMAC-SHA256(secret, "{X-Dateline-Timestamp}.{body}")`, with `X-Dateline-Delivery` to dedupe by. Failures are retried with exponential backoff.',
      security: secured,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['url'],
              properties: {
                url: { type: 'string', format: 'uri' },
                secret: { type: 'string', minLength: 16 },
              },
            },
          },
        },
      },
      responses: {
        '201': {
          description: 'The subscriber, with its secret',
          content: { 'application/json': { schema: subscriber } },
        },
        '400': problem('Invalid input; `field` names what is wrong'),
        '403': problem('Not an admin'),
      },
    },
  },
  '/webhooks/{id}': {
    delete: {
      summary: 'Remove a webhook subscriber (admin); its pending deliveries are abandoned',
      security: secured,
      parameters: [idParam],
      responses: { '204': { description: 'Removed' }, '404': problem('No such subscriber') },
    },
  },
  '/webhooks/{id}/deliveries': {
    get: {
      summary: 'The delivery log of a subscriber, newest first (admin)',
      security: secured,
      parameters: [idParam, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 200 } }],
      responses: {
        '200': { description: 'Deliveries: state, attempts, last status and error, next attempt' },
      },
    },
  },
  '/related': {
    post: {
      summary: 'Earlier stories and updates related to a draft, with "See …" cross-links to insert (editor)',
      description:
        'The enrichment pipeline reads the unsaved draft; earlier updates whose stored enrichment names the same people, organisations and places (by canonical name, so another spelling still matches) come first, then those sharing its terms.',
      security: secured,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['text'],
              properties: {
                text: { type: 'string', maxLength: 20000 },
                storyId: { type: 'string' },
                limit: { type: 'integer', minimum: 1, maximum: 20, default: 5 },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description:
            'Suggestions: kind, id, url, label, snippetHtml, at, markdown, shared (the canonical names the draft and the update both name)',
        },
        '400': problem('Invalid input; `field` names what is wrong'),
      },
    },
  },
};
