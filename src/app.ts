/**
 * The composition root: opens storage, the live bus and hub, builds the HTTP server, seeds sample
 * content, and closes it all in the right order on shutdown.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { AccountService } from './accounts/account-service.ts';
import { TokenService } from './accounts/token-service.ts';
import type { Config } from './config.ts';
import { createSite } from './domain/site.ts';
import { EnrichmentWorker } from './service/enrichment-worker.ts';
import { loadEnricher, type Enricher } from './enrich/pipeline.ts';
import { ImportedPlaces } from './enrich/places/imported-places.ts';
import { createLiveFormatter } from './http/reader/live-format.ts';
import { layerCardsFrame } from './http/map/layer-cards.tsx';
import { createArticleRenderer } from './http/reader/article-renderer.ts';
import { MapLayerService } from './service/map-layers.ts';
import { createServer } from './http/server.ts';
import type { LiveBus } from './live/bus.ts';
import type { IpcChannel } from './live/ipc/ipc-bus.ts';
import { openBus } from './live/open-bus.ts';
import { SseHub } from './live/sse-hub.ts';
import { StreamSlots } from './http/stream-slots.ts';
import { MediaService, type MediaOptions } from './media/media-service.ts';
import { createMetrics } from './ops/metrics.ts';
import { seedSampleContent } from './sample/sample-content.ts';
import { FeedPoller } from './service/feed-poller.ts';
import { partiesFromEnricher } from './statements/statement-parties.ts';
import { StatementService } from './statements/statement-service.ts';
import { LiveBlogService } from './service/live-blog.ts';
import { PublishingService } from './service/publishing.ts';
import { Scheduler } from './service/scheduler.ts';
import { StatementFeedService } from './service/statement-feeds.ts';
import { createOutboundPolicy } from './outbound/outbound-policy.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { buildAssets, type Assets } from './http/assets/build-assets.ts';
import { WebhookDispatcher, type DispatcherOptions } from './webhooks/webhook-dispatcher.ts';

/** How long in-flight requests get to finish on shutdown before their connections are closed. */
const CLOSE_GRACE_MS = 10_000;

/** A running (or ready to run) Dateline node. */
export interface App {
  app: FastifyInstance;
  store: Store;
  bus: LiveBus;
  liveBlog: LiveBlogService;
  /** Map layers editors draw. */
  mapLayers: MapLayerService;
  /** Every write to desks, stories, updates and submissions, with its rules and audit entry. */
  publishing: PublishingService;
  accounts: AccountService;
  hub: SseHub;
  /** Sends outbound webhooks from the database queue. */
  webhooks: WebhookDispatcher;
  /** Enriches published and edited updates in the background. */
  enrichment: EnrichmentWorker;
  statements: StatementService;
  /** Polls statement feeds once the node listens. */
  feedPoller: FeedPoller;
  logger: Logger;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Ends live streams, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** Builds a Dateline node from `config`. */
export async function createApp(
  config: Config,
  options: {
    logger?: Logger;
    webhooks?: Partial<DispatcherOptions>;
    /** Default: from config.referenceDir (the shipped resources/), loaded here at boot. Tests of other parts pass a small one. */
    enricher?: Enricher;
    media?: MediaOptions;
    /** Default: built here at boot. Tests pass the ones built once for the whole run. */
    assets?: Assets;
    /** How often the enrichment worker looks for what the command line changed (gazetteer imports, statements); tests that drive it pass 0. */
    commandLinePollMs?: number;
  } = {},
): Promise<App> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const enricher = options.enricher ?? loadEnricher(config.referenceDir);
  const metrics = createMetrics();
  const store = await openStore(config.databaseUrl, config.dataDir, { onQuery: metrics.observeQuery });
  let bus: LiveBus;
  try {
    bus = await openBus(config.busUrl, {
      onError: (error, event) => logger.error({ err: error, storyId: event?.storyId }, 'live bus error'),
      logger,
      ...(cluster.isWorker ? { ipc: process as IpcChannel } : {}),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const site = createSite({ url: config.siteUrl });
  const liveBlog = new LiveBlogService({ store, bus });
  const mapLayers = new MapLayerService({ store, bus });
  // Open newsroom streams on every node recheck their credentials when someone's access lessens.
  const onAccessLessened = () =>
    bus
      .publishPrivate({ kind: 'credentials', storyId: '' })
      .catch((error: unknown) => logger.error({ err: error }, 'credentials notice not sent'));
  const accounts = new AccountService({ store, onAccessLessened });
  const tokens = new TokenService({ store, onAccessLessened });
  const media = new MediaService({ store, dataDir: config.dataDir, ...options.media });
  const orphans = await media.removeOrphans();
  if (orphans.length > 0)
    logger.info({ removed: orphans }, `removed ${orphans.length} photo folder(s) no record lists`);
  const enrichment = new EnrichmentWorker({
    bus,
    store,
    enricher,
    logger,
    owner: `${hostname()}:${process.pid}:${randomUUID()}`,
    importedPlaces: new ImportedPlaces(store.gazetteer),
    ...(options.commandLinePollMs !== undefined && { commandLinePollMs: options.commandLinePollMs }),
  });
  enrichment.start();
  // One renderer of update articles for the pages, the live push, the embed and the newsroom.
  const articles = createArticleRenderer(store);
  const { format, formatArticle } = createLiveFormatter({ store, articles });
  const hub = new SseHub({
    bus,
    events: store.events,
    format,
    formatArticle,
    formatCards: (storyId, deskId) => layerCardsFrame(store, mapLayers, storyId, deskId),
    maxReplay: config.streams.replayMax,
    logger,
    onDelivered: (event, readers, channel) => metrics.observeDelivery(event, readers, channel),
  });
  metrics.watchStreams(() => hub.stats());
  await hub.start();
  const publishing = new PublishingService({ store, liveBlog, media });
  const scheduler = new Scheduler({ store, publishing, logger });
  scheduler.start();
  const outbound = createOutboundPolicy(config.outboundAllow);
  const webhooks = new WebhookDispatcher({
    store,
    bus,
    logger,
    outbound,
    site,
    options: options.webhooks ?? {},
  });
  webhooks.start();
  if (config.sample) {
    const { seeded } = await seedSampleContent({ store, liveBlog });
    if (seeded)
      logger.info('seeded a fresh data directory with sample content (DATELINE_SAMPLE=off to skip)');
  }
  const statements = new StatementService({
    statements: store.statements,
    partiesOf: partiesFromEnricher(enricher),
    // Every node's enrichment worker hears of it and reads its contacts (no polling).
    onAdded: (statement) =>
      void bus
        .publishPrivate({ kind: 'statement', storyId: '', statementId: statement.id })
        .catch((error: unknown) =>
          logger.error({ err: error, statementId: statement.id }, 'statement notice not sent'),
        ),
    onRemoved: (statement, by) =>
      store.audit.record({
        actor: by.name,
        actorKey: by.key,
        action: 'statement.delete',
        target: statement.id,
        detail: { issuer: statement.issuer, title: statement.title },
      }),
  });
  const feedPoller = new FeedPoller({ store, statements, logger, outbound });
  const statementFeeds = new StatementFeedService({ store, feedPoller, outbound });
  const assets = options.assets ?? (await buildAssets());
  const app = await createServer({
    store,
    bus,
    liveBlog,
    mapLayers,
    publishing,
    accounts,
    tokens,
    media,
    hub,
    assets,
    articles,
    logger,
    metrics,
    statements,
    statementFeeds,
    enrichment,
    enricher,
    trustProxy: config.trustProxy,
    streamSlots: new StreamSlots(config.streams),
    outbound,
    site,
    metricsToken: config.metricsToken,
  });
  if (config.metricsToken === undefined && isExposed(config))
    logger.warn(
      '/metrics is public: set DATELINE_METRICS_TOKEN, or keep /metrics off the public site at the proxy',
    );
  let closed = false;
  return {
    app,
    store,
    bus,
    liveBlog,
    mapLayers,
    publishing,
    accounts,
    hub,
    webhooks,
    enrichment,
    statements,
    feedPoller,
    logger,
    async listen() {
      const url = await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      if (address !== null && typeof address === 'object') site.listening(address);
      // With `serve --workers`, one worker polls feeds (dedupe would absorb a second, but not for free).
      if (!cluster.isWorker || cluster.worker?.id === 1) feedPoller.start();
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Streams first, so app.close() is not held open by readers; then requests; the database last.
      await scheduler.close();
      await hub.close();
      // A client that never finishes sending its request must not hold shutdown for ever.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      await app.close();
      clearTimeout(force);
      await webhooks.close();
      await enrichment.close();
      await feedPoller.close();
      await bus.close();
      await store.close();
    },
  };
}

/** Whether other machines can reach the node: behind a proxy, or bound beyond loopback. */
function isExposed(config: Config): boolean {
  return config.trustProxy !== false || !/^(127\.|::1$|localhost$)/.test(config.host);
}
