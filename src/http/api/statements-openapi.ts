/** The statements API's shared schemas in the OpenAPI document, merged into it by openapi.ts. */
import { CreateFeedSchema } from '../../statements/feeds/feed-input.ts';
import { FEED_STATUSES } from '../../statements/feeds/feed-store.ts';
import { CreateStatementSchema } from '../../statements/statement-input.ts';
import { PatchFeedSchema, SimilarTextSchema } from './statements-routes.ts';
import { schema, ref } from '../kit/openapi-parts.ts';

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

/** Component schemas of the statements API (its paths come from statements-routes.ts). */
export function statementsOpenApi(): { schemas: Record<string, object> } {
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
  };
}
