/** `GET /api/v1/search` (JSON) and the server-rendered `/search` page, over the store's SearchStore. */
import type { Site } from '../../domain/site.ts';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { parseInput } from '../api/schemas.ts';
import { sendPage } from '../kit/send-page.ts';
import { Layout, renderDocument } from '../reader/views/layout.tsx';
import { z } from 'zod';
import { hitPath, hitStoryPath, SearchPage } from './search-page.tsx';
import { SearchQuerySchema, toSearchQuery, type SearchParams } from './search-query.ts';

/** Names of each type a page or an API answer offers as filters. */
const FACETS_PER_TYPE = 12;

// The API's own parameter: whether to count facets (they cost a second query).
const ApiExtra = z.object({
  facets: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

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

  app.get('/api/v1/search', async (request, reply) => {
    const params = parseInput(SearchQuerySchema, request.query, 'query');
    const extra = parseInput(ApiExtra, request.query, 'query');
    if (params.q === '') throw new DomainError('validation', 'q: is required', { field: 'q' });
    const query = toSearchQuery(params);
    const [results, facets] = await Promise.all([
      store.search.search(query),
      extra.facets ? store.search.facets(query, FACETS_PER_TYPE) : undefined,
    ]);
    return reply.header('cache-control', 'public, max-age=30').send({
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
    });
  });

  app.get('/search', async (request, reply) => {
    let params: SearchParams;
    let error: string | null = null;
    try {
      params = parseInput(SearchQuerySchema, request.query, 'query');
    } catch (thrown) {
      if (!(thrown instanceof DomainError)) throw thrown;
      error = `The search could not be run: ${thrown.message}.`;
      params = SearchQuerySchema.parse({
        q:
          typeof (request.query as { q?: unknown }).q === 'string'
            ? (request.query as { q: string }).q.slice(0, 200)
            : '',
      });
    }
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
  });
}
