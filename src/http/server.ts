/** Assembles the HTTP server: the JSON API under /api/v1, the reader site at /, one error envelope. */
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { OutboundPolicy } from '../outbound/outbound-policy.ts';
import type { Logger } from 'pino';
import type { LiveBus } from '../live/bus.ts';
import type { Metrics } from '../ops/metrics.ts';
import { installTemporaryPasswordGate } from './temporary-password-gate.ts';
import { registerEnrichmentRoutes } from './api/enrichment-routes.ts';
import { registerContactRoutes } from './api/contacts-routes.ts';
import { registerLayerRoutes } from './api/layer-routes.ts';
import type { MapLayerService } from '../service/map-layers.ts';
import { registerSuggestionRoutes, type SuggestionDeps } from './api/suggestion-routes.ts';
import { registerPlaceRoutes } from './api/place-routes.ts';
import { registerPlacePages } from './newsroom/place-pages.tsx';
import { PlaceEdits } from '../service/place-edits.ts';
import { registerApiRoutes, type ApiDeps } from './api/routes.ts';
import { apiOpenApiOptions } from './api/openapi.ts';
import { registerNewsroomRoutes, type NewsroomDeps } from './newsroom/routes.tsx';
import { registerProfilePage } from './newsroom/profile-page.tsx';
import { registerNewsroomStatementPages } from './newsroom/statements-pages.tsx';
import { registerWebhookRoutes } from './api/webhook-routes.ts';
import { registerTokenRoutes, type TokenRouteDeps } from './api/token-routes.ts';
import { registerRelatedRoutes } from './api/related-routes.ts';
import { registerStatementApiRoutes, type StatementApiDeps } from './api/statements-routes.ts';
import { DomainError } from '../domain/errors.ts';
import { sameSecret } from './auth.ts';
import {
  NEWSROOM_POLICY,
  READER_POLICY,
  STATEMENT_POLICY,
  useBaseHeaders,
  usePagePolicy,
} from './kit/security-headers.ts';
import { sendPage } from './kit/send-page.ts';
import { installErrorHandler, sendFrameworkProblem } from './problem.ts';
import { refuseNulInput } from './refuse-nul-input.ts';
import { reserveTopLevelRoutes } from './reserve-top-level-routes.ts';
import { registerArchiveRoutes } from './reader/archive/archive-routes.tsx';
import {
  registerReaderRoutes,
  renderReaderNotFound,
  type ReaderDeps,
  type StoryPreview,
} from './reader/routes.tsx';
import { registerMapRoutes } from './map/map-routes.tsx';
import { registerLayerEditorPage } from './newsroom/layer-editor-page.tsx';
import { registerFeedRoutes } from './reader/feeds/feed-routes.ts';
import { registerEmbedRoutes } from './embed/embed-routes.tsx';
import { registerStatementPages } from './reader/statements/statement-pages.tsx';
import { registerEntityPages } from './reader/entities/entity-pages.tsx';
import { registerDeskContacts } from './reader/network/desk-contacts.tsx';
import { registerContactTemplatePage } from './reader/contacts/template-page.tsx';
import { registerAuthorPages } from './reader/authors/author-page.tsx';
import { layerCards, layerFeedItems } from './map/layer-cards.tsx';
import { registerSearchRoutes } from './search/search-routes.tsx';

/** Everything the HTTP layer needs, built by the composition root. */
export type ServerDeps = ApiDeps &
  ReaderDeps &
  StatementApiDeps &
  Omit<NewsroomDeps, 'previewStoryPage'> &
  TokenRouteDeps &
  SuggestionDeps & {
    logger: Logger;
    bus: LiveBus;
    /** Map layers editors draw (service/map-layers.ts). */
    mapLayers: MapLayerService;
    metrics: Metrics;
    /** Which outbound URLs may be saved (webhooks). */
    outbound: OutboundPolicy;
    /** Fastify's `trustProxy` (config DATELINE_TRUST_PROXY): whose X-Forwarded-Proto/-For to believe. */
    trustProxy?: boolean | string | number;
    /** When set, `/metrics` answers only `Authorization: Bearer <it>` (DATELINE_METRICS_TOKEN). */
    metricsToken?: string | undefined;
  };

// Bodies are JSON updates of at most a few tens of KB; anything bigger is refused before parsing.
const BODY_LIMIT = 256 * 1024;

// A hop count as a function: Fastify accepts a number at run time but its types do not.
function fastifyTrustProxy(setting: boolean | string | number) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** Builds the Fastify instance with every route registered (not yet listening). */
export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // Per-request logs would cost more than an SSE delivery; errors are still logged.
    logController: new LogController({
      disableRequestLogging: deps.logger.level !== 'debug' && deps.logger.level !== 'trace',
    }),
    return503OnClosing: true,
    // Behind a TLS-terminating proxy, X-Forwarded-Proto tells request.protocol (and so the Secure
    // cookie flag) that the browser used HTTPS; believed only from the proxies configured.
    trustProxy: fastifyTrustProxy(deps.trustProxy ?? false),
    // A whole request (headers and body) must arrive within this, so a stalled client cannot hold a
    // connection (or shutdown) for ever; generous for photo uploads on slow links. Live streams are
    // long responses, not long requests, and are not affected.
    requestTimeout: 120_000,
    frameworkErrors: sendFrameworkProblem,
  });
  installErrorHandler(app);
  refuseNulInput(app);
  reserveTopLevelRoutes(app);
  // Security headers come from here and nowhere else: nosniff and no-store (authenticated) on every
  // response, the reader's policy by default, and each scope below that differs says so once.
  useBaseHeaders(app);
  usePagePolicy(app, READER_POLICY);
  // Parses the newsroom session cookie; cookies are not signed: the value is a 256-bit random secret
  // looked up by its hash, so a forged one matches nothing.
  await app.register(fastifyCookie);
  // Collects the endpoints registered after it into the OpenAPI document (/api/v1/openapi.json).
  await app.register(fastifySwagger, apiOpenApiOptions());
  installTemporaryPasswordGate(app, deps.store);
  const places = new PlaceEdits(deps);
  await app.register(
    async (api) => {
      await registerApiRoutes(api, deps);
      await registerEnrichmentRoutes(api, deps);
      await registerContactRoutes(api, deps);
      await registerLayerRoutes(api, deps);
      await registerSuggestionRoutes(api, deps);
      await registerPlaceRoutes(api, { ...deps, places });
      await registerStatementApiRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
  // The reader's story page renderer, which the newsroom's preview shares (set as this scope loads).
  let previewStoryPage: StoryPreview | undefined;
  await app.register(async (site) => {
    ({ previewStoryPage } = await registerReaderRoutes(site, {
      ...deps,
      layerCards: (desk, story) => layerCards(deps.mapLayers, desk, story),
    }));
    await registerEntityPages(site, deps);
    await registerDeskContacts(site, deps);
    await registerContactTemplatePage(site, deps);
    await registerAuthorPages(site, deps);
  });
  await app.register(async (statements) => {
    usePagePolicy(statements, STATEMENT_POLICY);
    await registerStatementPages(statements, deps);
  });
  // Uploaded photos: content-addressed by id, never change, so cache for ever.
  app.get('/media/:id/:file', async (request, reply) => {
    const { id, file } = request.params as { id: string; file: string };
    const { data, type } = await deps.media.read(id, file);
    return reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(data);
  });
  // Paths no route knows, outside the API (which answers problem+json): the reader's 404 page.
  const notFoundPage = renderReaderNotFound(deps);
  app.setNotFoundHandler((_request, reply) =>
    sendPage(reply, { status: 404, html: notFoundPage, cache: 'public, max-age=5', script: false }),
  );
  // For Prometheus: with DATELINE_METRICS_TOKEN only for the scraper holding it; without, an
  // operator's proxy keeps it off the public site (docs/operations.md).
  const metricsToken = deps.metricsToken;
  app.get('/metrics', async (request, reply) => {
    if (metricsToken !== undefined && !isBearer(request.headers.authorization, metricsToken))
      throw new DomainError('unauthorized', '/metrics needs Authorization: Bearer <DATELINE_METRICS_TOKEN>');
    return reply.type(deps.metrics.contentType).send(await deps.metrics.render());
  });
  await app.register(async (feeds) =>
    registerFeedRoutes(feeds, {
      ...deps,
      layerItems: (origin, desk) => layerFeedItems(deps.mapLayers, origin, desk),
    }),
  );
  await app.register(async (map) => registerMapRoutes(map, deps));
  await app.register(async (search) => registerSearchRoutes(search, deps));
  await app.register(async (newsroom) => {
    usePagePolicy(newsroom, NEWSROOM_POLICY);
    if (!previewStoryPage) throw new Error('reader routes must load before the newsroom');
    await registerNewsroomRoutes(newsroom, { ...deps, previewStoryPage });
    await registerProfilePage(newsroom, deps);
  });
  await app.register(async (newsroom) => {
    usePagePolicy(newsroom, NEWSROOM_POLICY);
    await registerNewsroomStatementPages(newsroom, deps);
  });
  await app.register(async (newsroom) => {
    usePagePolicy(newsroom, NEWSROOM_POLICY);
    await registerPlacePages(newsroom, { ...deps, places });
  });
  await app.register(async (newsroom) => {
    usePagePolicy(newsroom, NEWSROOM_POLICY);
    await registerLayerEditorPage(newsroom, deps);
  });
  await app.register(async (archive) => registerArchiveRoutes(archive, deps));
  await app.register(async (embed) => registerEmbedRoutes(embed, deps));
  await app.register(async (api) => registerWebhookRoutes(api, deps), { prefix: '/api/v1' });
  await app.register(async (api) => registerTokenRoutes(api, deps), { prefix: '/api/v1' });
  await app.register(async (api) => registerRelatedRoutes(api, deps), { prefix: '/api/v1' });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = { database: 'ok', bus: deps.bus.isReady() ? 'ok' : 'down' };
    try {
      await deps.store.ping();
    } catch {
      checks.database = 'down';
    }
    const ready = checks.database === 'ok' && checks.bus === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  return app;
}

/** Whether `header` is `Bearer <secret>`, compared in constant time. */
function isBearer(header: string | undefined, secret: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] !== undefined && sameSecret(match[1], secret);
}
