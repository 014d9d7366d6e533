/** The OpenAPI 3.1 document of /api/v1: its frame and the shared schemas; every path comes from its route. */
import { ChangeDeskSchema } from './admin-routes.ts';
import { CLAIM_STATUSES, STORY_STATUSES } from '../../domain/types.ts';
import {
  CreateDeskSchema,
  CreateStorySchema,
  CreateUpdateSchema,
  PatchStorySchema,
  PatchUpdateSchema,
  SourceSchema,
} from './schemas.ts';
import { statementsOpenApi } from './statements-openapi.ts';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { openApiOptions } from '../kit/openapi-document.ts';
import { schema, ref } from '../kit/openapi-parts.ts';

/**
 * Options for @fastify/swagger: the document's frame and shared schemas; the paths are generated from
 * the routes' declarations (kit/endpoint.ts).
 */
export function apiOpenApiOptions(): FastifyDynamicSwaggerOptions {
  return openApiOptions(documentFrame());
}

function documentFrame() {
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
            author: { type: 'string', description: 'who filed it (a user or API token)' },
            authors: {
              type: 'array',
              items: { type: 'string' },
              description: 'the byline: the names given, or who filed it',
            },
            media: {
              type: ['object', 'null'],
              description:
                'the photo (the first, when there are several): id, url, alt, caption, credit, width, height, variants',
            },
            gallery: {
              type: 'array',
              items: { type: 'object' },
              description: 'the photos after `media`, in order, each like `media`',
            },
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
        ...statements.schemas,
      },
    },
  };
}
