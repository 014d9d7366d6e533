/** The OpenAPI 3.1 document of /api/v1: its frame and the shared schemas; every path comes from its route. */
import { ChangeDeskSchema } from './admin-routes.ts';
import { STORY_STATUSES } from '../../domain/types.ts';
import {
  CreateDeskSchema,
  CreateStorySchema,
  CreateUpdateSchema,
  PatchStorySchema,
  PatchUpdateSchema,
  SourceSchema,
  UpdateResponseSchema,
} from './schemas.ts';
import { statementsOpenApi } from './statements-openapi.ts';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { openApiOptions } from '../kit/openapi-document.ts';
import { responseSchema, schema } from '../kit/openapi-parts.ts';

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
        Update: responseSchema(UpdateResponseSchema),
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
