/** The statements part of the OpenAPI document, merged into it by openapi.ts. */
import { CreateFeedSchema } from '../../statements/feeds/feed-input.ts';
import { FEED_STATUSES } from '../../statements/feeds/feed-store.ts';
import { CreateStatementSchema } from '../../statements/statement-input.ts';
import { SIMILARITY_METRICS } from '../../statements/statement-store.ts';
import { PatchFeedSchema, SimilarTextSchema } from './statements-routes.ts';
import { schema, ref, json, problem, idParam, secured } from './openapi-parts.ts';

const list = (item: string) => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
});
const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid token'),
  '403': problem('The token’s role does not allow this'),
  '404': problem('No such resource'),
};
const similarParams = [
  { name: 'metric', in: 'query', schema: { enum: [...SIMILARITY_METRICS], default: 'jaccard' } },
  {
    name: 'threshold',
    in: 'query',
    schema: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.3 },
    description: 'lowest score listed',
  },
  {
    name: 'maskNames',
    in: 'query',
    schema: { type: 'boolean', default: false },
    description: 'compare with names masked, so one template matches across counterparts',
  },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
];
const statementProperties = {
  id: { type: 'string' },
  issuer: { type: 'string' },
  title: { type: 'string' },
  publishedAt: { type: 'string', format: 'date-time' },
  url: { type: ['string', 'null'] },
  language: { type: 'string' },
  text: { type: 'string' },
  parties: { type: 'array', items: { type: 'string' } },
  tags: { type: 'array', items: { type: 'string' } },
  feedId: { type: ['string', 'null'], description: 'the feed it was ingested from' },
  createdAt: { type: 'string', format: 'date-time' },
  page: { type: 'string', description: 'reader page of the statement' },
};

/** Component schemas and paths of the statements API. */
export function statementsOpenApi(): { schemas: Record<string, object>; paths: Record<string, object> } {
  return {
    schemas: {
      Statement: { type: 'object', properties: statementProperties },
      SimilarStatement: {
        type: 'object',
        properties: {
          statement: ref('Statement'),
          score: { type: 'number', description: 'the metric asked for' },
          jaccard: { type: 'number', description: 'Jaccard of the word-3-shingle sets' },
          containment: {
            type: 'number',
            description: 'share of the query’s shingles found in this statement',
          },
          sharedShingles: { type: 'integer' },
          compare: { type: ['string', 'null'], description: 'reader page comparing the two' },
        },
      },
      StatementComparison: {
        type: 'object',
        properties: {
          statements: { type: 'array', items: ref('Statement') },
          template: {
            type: 'array',
            description:
              'literal text, and slots holding each statement’s words (in the order of `statements`)',
            items: {
              oneOf: [
                { type: 'object', properties: { kind: { const: 'text' }, text: { type: 'string' } } },
                {
                  type: 'object',
                  properties: {
                    kind: { const: 'slot' },
                    variants: { type: 'array', items: { type: 'string' } },
                  },
                },
              ],
            },
          },
          templateText: {
            type: 'string',
            example: 'President of [Iran Hassan Rouhani | Turkey Recep Tayyip Erdogan]',
          },
          pairs: {
            type: 'array',
            description: 'each statement after the first against the first, word by word',
            items: {
              type: 'object',
              properties: {
                from: { type: 'string' },
                to: { type: 'string' },
                jaccard: { type: 'number' },
                containment: { type: 'number' },
                parts: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { kind: { enum: ['same', 'removed', 'added'] }, text: { type: 'string' } },
                  },
                },
              },
            },
          },
          page: { type: 'string' },
        },
      },
      StatementFeed: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          url: { type: 'string' },
          issuer: { type: 'string' },
          language: { type: 'string' },
          intervalSeconds: { type: 'integer' },
          status: { enum: [...FEED_STATUSES] },
          lastError: { type: ['string', 'null'] },
          lastPolledAt: { type: ['string', 'null'] },
          lastSuccessAt: { type: ['string', 'null'] },
          nextPollAt: { type: 'string' },
          failures: { type: 'integer', description: 'failed polls in a row (the backoff doubles with each)' },
          statementsAdded: { type: 'integer' },
          disabledAt: { type: ['string', 'null'], description: 'set while an admin has stopped polling it' },
        },
      },
      CreateStatement: schema(CreateStatementSchema),
      SimilarText: schema(SimilarTextSchema),
      CreateStatementFeed: schema(CreateFeedSchema),
      PatchStatementFeed: schema(PatchFeedSchema),
    },
    paths: {
      '/statements': {
        get: {
          summary: 'Official statements, newest published first',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'issuer', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'Statements', content: json(list('Statement')) }, ...errors },
        },
        post: {
          summary: 'Add a statement (editor); the response lists the earlier statements it reuses',
          security: secured,
          requestBody: { required: true, content: json(ref('CreateStatement')) },
          responses: {
            '201': {
              description: 'Added',
              content: json({
                allOf: [
                  ref('Statement'),
                  {
                    type: 'object',
                    properties: { similar: { type: 'array', items: ref('SimilarStatement') } },
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      '/statements/{id}': {
        get: {
          summary: 'Get a statement',
          parameters: [idParam],
          responses: { '200': { description: 'The statement', content: json(ref('Statement')) }, ...errors },
        },
      },
      '/statements/{id}/similar': {
        get: {
          summary: 'Earlier statements sharing its wording, best first (every one above the threshold)',
          parameters: [idParam, ...similarParams],
          responses: {
            '200': { description: 'Similar statements', content: json(list('SimilarStatement')) },
            ...errors,
          },
        },
      },
      '/statements/similar': {
        post: {
          summary: 'Statements sharing the wording of pasted text (contributor)',
          security: secured,
          requestBody: { required: true, content: json(ref('SimilarText')) },
          responses: {
            '200': { description: 'Similar statements', content: json(list('SimilarStatement')) },
            ...errors,
          },
        },
      },
      '/statements/compare': {
        get: {
          summary:
            'Compare 2 to 10 statements: the shared template with slots, and each against the first word by word',
          parameters: [
            {
              name: 'ids',
              in: 'query',
              required: true,
              schema: { type: 'string' },
              description: 'statement ids separated by commas',
            },
          ],
          responses: {
            '200': { description: 'The comparison', content: json(ref('StatementComparison')) },
            ...errors,
          },
        },
      },
      '/statement-feeds': {
        get: {
          summary: 'Configured statement feeds with their status and last error (editor)',
          security: secured,
          responses: { '200': { description: 'Feeds', content: json(list('StatementFeed')) }, ...errors },
        },
        post: {
          summary: 'Add an RSS, Atom or JSON Feed of statements, polled on a schedule (admin)',
          security: secured,
          requestBody: { required: true, content: json(ref('CreateStatementFeed')) },
          responses: {
            '201': { description: 'Added; polled at once', content: json(ref('StatementFeed')) },
            '409': problem('That URL is already configured'),
            ...errors,
          },
        },
      },
      '/statement-feeds/{id}': {
        get: {
          summary: 'A feed and its last outcome (editor)',
          security: secured,
          parameters: [idParam],
          responses: { '200': { description: 'The feed', content: json(ref('StatementFeed')) }, ...errors },
        },
        patch: {
          summary: 'Stop or resume polling a feed (admin)',
          security: secured,
          parameters: [idParam],
          requestBody: { required: true, content: json(ref('PatchStatementFeed')) },
          responses: { '200': { description: 'The feed', content: json(ref('StatementFeed')) }, ...errors },
        },
      },
      '/statement-feeds/{id}/poll': {
        post: {
          summary: 'Poll a feed now and return its outcome (admin)',
          security: secured,
          parameters: [idParam],
          responses: {
            '200': { description: 'The feed after the poll', content: json(ref('StatementFeed')) },
            ...errors,
          },
        },
      },
    },
  };
}
