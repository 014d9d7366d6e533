/** `GET /api/v1/search` (JSON) and the server-rendered `/search` page, over the store's SearchStore. */
import type { Site } from '../../domain/site.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CLAIM_STATUSES } from '../../domain/types.ts';
import { SEARCH_ENTITY_TYPES, SEARCH_KINDS } from '../../store/search.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { json, problem, ref } from '../kit/openapi-parts.ts';
import { endpoints } from '../kit/endpoint.ts';
import { forms } from '../kit/form.ts';
import { sendPage } from '../kit/send-page.ts';
import { Layout, renderDocument } from '../reader/views/layout.tsx';
import { z } from 'zod';
import { hitPath, hitStoryPath, SearchPage } from './search-page.tsx';
import { SearchQuerySchema, toSearchQuery, type SearchParams } from './search-query.ts';

/** Names of each type a page or an API answer offers as filters. */
const FACETS_PER_TYPE = 12;

// The API's query: the page's, with `q` required and whether to count facets (a second query).
const SearchApiQuery = SearchQuerySchema.extend({
  q: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters')
    .describe('words (all must match), "quoted phrases", -excluded words'),
  facets: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('also count the people, organisations and places the best matching updates name'),
});

const SearchHit = {
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
};

const SearchFacet = {
  type: 'object',
  required: ['type', 'name', 'count'],
  properties: {
    type: { enum: [...SEARCH_ENTITY_TYPES] },
    name: { type: 'string', description: 'canonical name; pass it back as person=, organization= or place=' },
    count: { type: 'integer', description: 'how many of the best 200 matching updates name it' },
  },
};

/** What search needs. */
export interface SearchDeps {
  store: Store;
  assets: Assets;
  site: Site;
}

/** Registers the search API and page on `app`. */
export async function registerSearchRoutes(app: FastifyInstance, deps: SearchDeps): Promise<void> {
  const { store } = deps;
  const siteName = deps.site.name;

  const define = endpoints(app, store);
  define({
    method: 'GET',
    url: '/api/v1/search',
    querystring: SearchApiQuery,
    docs: {
      summary: 'Full-text search over public updates, live pages and official statements, best match first',
      responses: {
        '200': {
          description: 'A page of hits',
          content: json({
            type: 'object',
            required: ['query', 'items', 'nextOffset'],
            properties: {
              query: { type: 'string' },
              items: { type: 'array', items: ref('SearchHit') },
              facets: {
                type: 'array',
                description: 'with facets=true: up to 12 names of each type, most named first',
                items: ref('SearchFacet'),
              },
              nextOffset: { type: ['integer', 'null'] },
            },
          }),
        },
        '400': problem('Invalid query; `field` names what is wrong'),
      },
      schemas: { SearchHit, SearchFacet },
    },
    handler: async ({ query: params, reply }) => {
      const query = toSearchQuery(params);
      const [results, facets] = await Promise.all([
        store.search.search(query),
        params.facets ? store.search.facets(query, FACETS_PER_TYPE) : undefined,
      ]);
      reply.header('cache-control', 'public, max-age=30');
      return {
        query: params.q,
        items: results.hits.map((hit) => ({
          kind: hit.kind,
          id: hit.id,
          url: hitPath(hit),
          story:
            hit.kind === 'statement'
              ? null
              : {
                  id: hit.story.id,
                  headline: hit.story.headline,
                  desk: hit.story.deskSlug,
                  url: hitStoryPath(hit),
                },
          statement: hit.kind === 'statement' ? hit.statement : null,
          titleHtml: hit.titleHtml,
          snippetHtml: hit.snippetHtml,
          at: hit.at,
          claimStatus: hit.claimStatus,
          keyEvent: hit.keyEvent,
        })),
        ...(facets !== undefined && { facets }),
        nextOffset: results.more ? params.offset + params.limit : null,
      };
    },
  });

  // The page: a query that does not parse shows the page again with the reason and what was typed.
  const form = forms(app);
  form({
    method: 'GET',
    url: '/search',
    fields: SearchQuerySchema,
    refused: {
      render: ({ reply, values, error }) =>
        searchPage(
          reply,
          SearchQuerySchema.parse({ q: values['q']?.slice(0, 200) ?? '' }),
          `The search could not be run: ${error.message}.`,
        ),
    },
    handler: ({ reply, fields }) => searchPage(reply, fields, null),
  });

  async function searchPage(reply: FastifyReply, params: SearchParams, error: string | null) {
    const searching = error === null && params.q !== '';
    const [desks, results, facets] = await Promise.all([
      store.desks.list(),
      searching ? store.search.search(toSearchQuery(params)) : null,
      searching ? store.search.facets(toSearchQuery(params), FACETS_PER_TYPE) : [],
    ]);
    const title = params.q === '' ? `Search – ${siteName}` : `${params.q} – Search – ${siteName}`;
    const html = renderDocument(
      <Layout
        siteName={siteName}
        meta={{
          title,
          description: `Search every update, live page and official statement on ${siteName}.`,
          canonicalUrl: `${deps.site.origin()}/search`,
          noindex: true,
        }}
        assets={{ css: deps.assets.url('reader.css'), js: deps.assets.url('reader-live.js') }}
        script={false}
      >
        <SearchPage view={{ params, desks, results, error, facets }} />
      </Layout>,
    );
    return sendPage(reply, {
      status: error === null ? 200 : 400,
      html: html,
      cache: 'public, max-age=30',
      script: false,
    });
  }
}
