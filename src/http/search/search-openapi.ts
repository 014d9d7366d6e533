/** The OpenAPI description of `GET /search`, merged into the API document by api/openapi.ts. */
import { CLAIM_STATUSES } from '../../domain/types.ts';
import { SEARCH_ENTITY_TYPES, SEARCH_KINDS } from '../../store/search.ts';

const entityParam = (name: string, what: string) => ({
  name,
  in: 'query',
  schema: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 5 },
  style: 'form',
  explode: true,
  description: `only updates whose extracted entities, and statements whose parties, name this ${what} (canonical name as in /api/v1/updates/{id}/enrichment, any case); repeat to require several. Stories are left out; statement parties carry no type, so any party of that name matches.`,
});

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** Paths and component schemas of search. */
export const SEARCH_OPENAPI = {
  schemas: {
    SearchHit: {
      type: 'object',
      required: ['kind', 'id', 'url', 'story', 'statement', 'snippetHtml', 'at'],
      properties: {
        kind: { enum: [...SEARCH_KINDS] },
        id: { type: 'string' },
        url: {
          type: 'string',
          description: 'reader path: update permalink, story page or statement page (/statements/{id})',
        },
        statement: {
          type: ['object', 'null'],
          description: 'for kind statement: who issued it and its title (may be empty)',
          properties: { issuer: { type: 'string' }, title: { type: 'string' } },
        },
        story: {
          type: ['object', 'null'],
          description: 'the live page an update or story belongs to; null for statements',
          properties: {
            id: { type: 'string' },
            headline: { type: 'string' },
            desk: { type: ['string', 'null'] },
            url: { type: 'string' },
          },
        },
        titleHtml: { type: ['string', 'null'], description: 'escaped HTML; matches in <mark>' },
        snippetHtml: { type: 'string', description: 'escaped HTML; matches in <mark>' },
        at: { type: 'string', format: 'date-time' },
        claimStatus: { enum: [...CLAIM_STATUSES, null] },
        keyEvent: { type: 'boolean' },
      },
    },
    SearchFacet: {
      type: 'object',
      required: ['type', 'name', 'count'],
      properties: {
        type: { enum: [...SEARCH_ENTITY_TYPES] },
        name: {
          type: 'string',
          description: 'canonical name; pass it back as person=, organization= or place=',
        },
        count: { type: 'integer', description: 'how many of the best 200 matching updates name it' },
      },
    },
  },
  paths: {
    '/search': {
      get: {
        summary: 'Full-text search over public updates, live pages and official statements, best match first',
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            schema: { type: 'string', maxLength: 200 },
            description: 'words (all must match), "quoted phrases", -excluded words',
          },
          { name: 'desk', in: 'query', schema: { type: 'string' }, description: 'desk slug' },
          {
            name: 'from',
            in: 'query',
            schema: { type: 'string', format: 'date' },
            description: 'first UTC day',
          },
          {
            name: 'to',
            in: 'query',
            schema: { type: 'string', format: 'date' },
            description: 'last UTC day',
          },
          {
            name: 'claim',
            in: 'query',
            schema: { type: 'array', items: { enum: [...CLAIM_STATUSES] } },
            style: 'form',
            explode: true,
            description: 'only updates with these claim statuses (repeat or comma-separate)',
          },
          { name: 'keyEvents', in: 'query', schema: { type: 'boolean' }, description: 'only key events' },
          { name: 'kind', in: 'query', schema: { enum: [...SEARCH_KINDS] }, description: 'only this kind' },
          entityParam('person', 'person'),
          entityParam('organization', 'organisation'),
          entityParam('place', 'place or country'),
          {
            name: 'facets',
            in: 'query',
            schema: { type: 'boolean', default: false },
            description: 'also count the people, organisations and places the best matching updates name',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1000, default: 0 } },
        ],
        responses: {
          '200': {
            description: 'A page of hits',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['query', 'items', 'nextOffset'],
                  properties: {
                    query: { type: 'string' },
                    items: { type: 'array', items: { $ref: '#/components/schemas/SearchHit' } },
                    facets: {
                      type: 'array',
                      description: 'with facets=true: up to 12 names of each type, most named first',
                      items: { $ref: '#/components/schemas/SearchFacet' },
                    },
                    nextOffset: { type: ['integer', 'null'] },
                  },
                },
              },
            },
          },
          '400': { description: 'Invalid query; `field` names what is wrong', content: problem },
        },
      },
    },
  },
};
