/** Assembles the HTTP server: the JSON API under /api/v1, the reader site at /, one error envelope. */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerApiRoutes, type ApiDeps } from './api/routes.ts';
import { registerWebhookRoutes } from './api/webhook-routes.ts';
import { installErrorHandler } from './problem.ts';
import { registerArchiveRoutes } from './reader/archive/archive-routes.tsx';
import { registerFeedRoutes } from './reader/feeds/feed-routes.ts';
import { registerEmbedRoutes } from './embed/embed-routes.tsx';
import { registerSearchRoutes } from './search/search-routes.tsx';
import { registerReaderRoutes, type ReaderDeps } from './reader/routes.tsx';

/** Everything the HTTP layer needs, built by the composition root. */
export type ServerDeps = ApiDeps & ReaderDeps & { logger: Logger };

// Bodies are JSON updates of at most a few tens of KB; anything bigger is refused before parsing.
const BODY_LIMIT = 256 * 1024;

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
  });
  installErrorHandler(app);
  await app.register(
    async (api) => {
      await registerApiRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
  await app.register(async (site) => {
    await registerReaderRoutes(site, deps);
  });
  await app.register(async (feeds) => registerFeedRoutes(feeds, deps));
  await app.register(async (search) => registerSearchRoutes(search, deps));
  await app.register(async (archive) => registerArchiveRoutes(archive, deps));
  await app.register(async (embed) => registerEmbedRoutes(embed, deps));
  await app.register(async (api) => registerWebhookRoutes(api, deps), { prefix: '/api/v1' });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = { database: 'ok', bus: deps.hub ? 'ok' : 'down' };
    try {
      await deps.store.ping();
    } catch {
      checks.database = 'down';
    }
    const ready = checks.database === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  return app;
}
