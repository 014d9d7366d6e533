/**
 * The composition root: opens storage, the live bus and hub, builds the HTTP server, seeds sample
 * content, and closes it all in the right order on shutdown.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { AccountService } from './accounts/account-service.ts';
import type { Config } from './config.ts';
import { createLiveFormatter } from './http/reader/live-format.ts';
import { createServer } from './http/server.ts';
import { MemoryBus } from './live/memory/memory-bus.ts';
import { MediaService } from './media/media-service.ts';
import { SseHub } from './live/sse-hub.ts';
import { seedSampleContent } from './sample/sample-content.ts';
import { LiveBlogService } from './service/live-blog.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { buildAssets } from './web/build-assets.ts';

/** A running (or ready to run) Dateline node. */
export interface App {
  app: FastifyInstance;
  store: Store;
  liveBlog: LiveBlogService;
  accounts: AccountService;
  hub: SseHub;
  logger: Logger;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Ends live streams, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** Builds a Dateline node from `config`. */
export async function createApp(config: Config, options: { logger?: Logger } = {}): Promise<App> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const store = await openSqliteStore({ filename: join(config.dataDir, 'dateline.db') });
  const bus = new MemoryBus();
  const liveBlog = new LiveBlogService({ store, bus });
  const accounts = new AccountService({ store });
  const media = new MediaService({ store, dataDir: config.dataDir });
  const hub = new SseHub({ bus, events: store.events, format: createLiveFormatter({ store }), logger });
  await hub.start();
  if (config.sample) {
    const { seeded } = await seedSampleContent({ store, liveBlog });
    if (seeded)
      logger.info('seeded a fresh data directory with sample content (DATELINE_SAMPLE=off to skip)');
  }
  const assets = await buildAssets();
  const app = await createServer({ store, liveBlog, accounts, media, hub, assets, logger });
  let closed = false;
  return {
    app,
    store,
    liveBlog,
    accounts,
    hub,
    logger,
    async listen() {
      return app.listen({ port: config.port, host: config.host });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Streams first, so app.close() is not held open by readers; then requests; the database last.
      await hub.close();
      await app.close();
      await bus.close();
      await store.close();
    },
  };
}
