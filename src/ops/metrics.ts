/**
 * Prometheus metrics of one node (prom-client): open streams, live events and deliveries, how long
 * an event takes from commit to the last reader's socket, database query timings, and Node's own
 * process metrics. One registry per node, so several nodes in one process (tests) stay apart.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveEvent } from '../domain/types.ts';
import type { SseHubStats } from '../live/sse-hub.ts';
import type { QueryObserver } from '../store/sql/query-log.ts';

/** The node's metrics and the hooks that feed them. */
export interface Metrics {
  registry: Registry;
  /** For the store: each query's kind and duration. */
  observeQuery: QueryObserver;
  /** For the SSE hub: an event written to `readers` connections of a channel. */
  observeDelivery(event: LiveEvent, readers: number, channel: 'story' | 'site'): void;
  /** Reads connection counts from the hub when scraped. */
  watchStreams(stats: () => SseHubStats): void;
  /** The text exposition format. */
  render(): Promise<string>;
  contentType: string;
}

/** Creates the registry with every Dateline metric. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let stats: (() => SseHubStats) | undefined;

  new Gauge({
    name: 'dateline_sse_connections',
    help: 'Open live streams, by channel (story pages, or the site-wide stream of the LATEST rail)',
    labelNames: ['channel'],
    registers: [registry],
    collect() {
      const now = stats?.();
      this.set({ channel: 'story' }, now === undefined ? 0 : now.total - now.site);
      this.set({ channel: 'site' }, now?.site ?? 0);
    },
  });
  new Gauge({
    name: 'dateline_sse_slow_readers_cut',
    help: 'Readers disconnected since start because they stopped reading',
    registers: [registry],
    collect() {
      this.set(stats?.().slowReadersCut ?? 0);
    },
  });
  const events = new Counter({
    name: 'dateline_live_events_total',
    help: 'Live events written to a channel with readers (rate() gives events per second)',
    labelNames: ['channel', 'type'],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'dateline_sse_deliveries_total',
    help: 'Frames written to reader connections',
    labelNames: ['channel'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'dateline_live_delivery_seconds',
    help: 'From the commit of an event to its frame being written to every reader of its story on this node',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'dateline_db_query_seconds',
    help: 'Database query durations, by kind and outcome',
    labelNames: ['kind', 'outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });

  return {
    registry,
    observeQuery(kind, durationMs, failed) {
      queries.observe({ kind, outcome: failed ? 'error' : 'ok' }, durationMs / 1000);
    },
    observeDelivery(event, readers, channel) {
      if (readers === 0) return;
      events.inc({ channel, type: event.data.type });
      deliveries.inc({ channel }, readers);
      if (channel === 'story') latency.observe(Math.max(0, Date.now() - Date.parse(event.at)) / 1000);
    },
    watchStreams(read) {
      stats = read;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
