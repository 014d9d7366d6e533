/** `GET /api/v1/search` (JSON) and the server-rendered `/search` page, over the store's SearchStore. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../../web/build-assets.ts';
import { parseInput } from '../api/schemas.ts';
import { sendPage } from '../reader/send-page.ts';
import { Layout, renderDocument } from '../reader/views/layout.tsx';
import { hitPath, SearchPage } from './search-page.tsx';
import { SearchQuerySchema, toSearchQuery, type SearchParams } from './search-query.ts';

/** What search needs. */
export interface SearchDeps {
  store: Store;
  assets: Assets;
  siteName?: string;
  siteUrl?: string;
}

/** Registers the search API and page on `app`. */
export async function registerSearchRoutes(app: FastifyInstance, deps: SearchDeps): Promise<void> {
  const { store } = deps;
  const siteName = deps.siteName ?? 'Dateline';
  const originOf = (request: FastifyRequest): string =>
    (deps.siteUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  app.get('/api/v1/search', async (request, reply) => {
    const params = parseInput(SearchQuerySchema, request.query, 'query');
    if (params.q === '') throw new DomainError('validation', 'q: is required', { field: 'q' });
    const results = await store.search.search(toSearchQuery(params));
    return reply.header('cache-control', 'public, max-age=30').send({
      query: params.q,
      items: results.hits.map((hit) => ({
        kind: hit.kind,
        id: hit.id,
        url: hitPath(hit),
        story: {
          id: hit.story.id,
          headline: hit.story.headline,
          desk: hit.story.deskSlug,
          url: hitPath({ ...hit, kind: 'story' }),
        },
        titleHtml: hit.titleHtml,
        snippetHtml: hit.snippetHtml,
        at: hit.at,
        claimStatus: hit.claimStatus,
        keyEvent: hit.keyEvent,
      })),
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
    const [desks, results] = await Promise.all([
      store.desks.list(),
      error === null && params.q !== '' ? store.search.search(toSearchQuery(params)) : null,
    ]);
    const title = params.q === '' ? `Search – ${siteName}` : `${params.q} – Search – ${siteName}`;
    const html = renderDocument(
      <Layout
        siteName={siteName}
        meta={{
          title,
          description: `Search every update and live page on ${siteName}.`,
          canonicalUrl: `${originOf(request)}/search`,
          noindex: true,
        }}
        assets={{ css: deps.assets.url('reader.css'), js: deps.assets.url('reader-live.js') }}
        script={false}
      >
        <SearchPage view={{ params, desks, results, error }} />
      </Layout>,
    );
    return sendPage(reply, error === null ? 200 : 400, html, 'public, max-age=30');
  });
}
