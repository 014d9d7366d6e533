/**
 * `dateline serve`: one process, or with `--workers N` a primary that prepares the database once and
 * forks N identical workers sharing the port (node:cluster). Fan-out to thousands of readers is
 * mostly kernel time per socket write; workers spread it over the machine's cores. The workers pass
 * live events to each other through the primary (live/ipc/), unless a network bus is configured.
 */
import cluster, { type Worker } from 'node:cluster';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import type { Config } from '../config.ts';
import { relayLiveEvents } from '../live/ipc/ipc-bus.ts';
import { MemoryBus } from '../live/memory/memory-bus.ts';
import { seedSampleContent } from '../sample/sample-content.ts';
import { LiveBlogService } from '../service/live-blog.ts';
import { openStore } from '../store/open-store.ts';

/** Serves until SIGTERM or SIGINT. */
export async function serve(config: Config, workers: number): Promise<void> {
  if (workers > 1 && cluster.isPrimary) return servePrimary(config, workers);
  const node = await createApp(config);
  const url = await node.listen();
  if (cluster.isWorker) {
    process.send?.({ kind: 'dateline:listening', url });
  } else {
    node.logger.info({ dataDir: config.dataDir }, `Dateline is serving ${displayUrl(url)}`);
  }
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    node.logger.info(`${reason}: closing live streams, finishing writes, closing the database`);
    node.close().then(
      () => process.exit(0),
      (error: unknown) => {
        node.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A worker whose primary died (even by SIGKILL) must not linger holding readers and the database.
  if (cluster.isWorker) process.on('disconnect', () => stop('primary gone'));
}

async function servePrimary(config: Config, workers: number): Promise<void> {
  const logger = pino({ level: config.logLevel });
  // Migrations and the sample seed run once, here, rather than racing in every worker.
  const store = await openStore(config.databaseUrl, config.dataDir);
  try {
    if (config.sample)
      await seedSampleContent({ store, liveBlog: new LiveBlogService({ store, bus: new MemoryBus() }) });
  } finally {
    await store.close();
  }
  relayLiveEvents(cluster);
  let stopping = false;
  let announced = false;
  let exitCode = 0;
  let restarts = 0;
  const listening = new Set<Worker>();
  const fork = () => cluster.fork({ DATELINE_SAMPLE: 'off' });
  cluster.on('message', (worker, message: { kind?: string; url?: string }) => {
    if (message?.kind !== 'dateline:listening' || message.url === undefined) return;
    listening.add(worker);
    if (!announced && listening.size === workers) {
      announced = true;
      restarts = 0;
      logger.info({ dataDir: config.dataDir, workers }, `Dateline is serving ${displayUrl(message.url)}`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const hadListened = listening.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    if (!hadListened && !announced) {
      // It failed before it could serve (port taken, database or bus unreachable): so will the others.
      logger.error({ pid: worker.process.pid, code, signal }, 'a worker failed to start; stopping');
      exitCode = 1;
      stop('SIGTERM');
      return;
    }
    // A crash while serving: replace it, backing off if workers keep dying.
    const delay = Math.min(30_000, 250 * 2 ** Math.min(restarts++, 7));
    logger.error({ pid: worker.process.pid, code, signal, delay }, 'a worker exited; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${workers} workers`);
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(exitCode);
    for (const worker of running) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < workers; i++) fork();
}

function displayUrl(url: string): string {
  return url.replace('127.0.0.1', 'localhost');
}
