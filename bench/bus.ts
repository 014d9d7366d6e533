/**
 * Bus bench: the candidate transports for carrying live events between nodes, measured the way the
 * LiveBus uses them. For each candidate one connection publishes and another subscribes (as two
 * nodes would), in this one process, against the local servers; `redis-bus` is Dateline's RedisBus
 * itself, two instances. Each connection goes through a TCP proxy in this process, so either can be
 * cut like a network failure.
 *
 * - latency: publish→receive p50/p99/max at each rate, how long `publish` takes to be acknowledged
 *   (what a write request waits for), and lost / duplicated / out-of-order events;
 * - reconnect: at 100 events/s for 3 s, after 1 s the subscriber's (then, in a second run, the
 *   publisher's) connection is dropped and refused for 500 ms; prints when it was back, how many
 *   events were published meanwhile and how many of those the subscriber received in the end.
 *
 * `nats` is not a dependency; without it the NATS candidates are skipped (see loadNats).
 *
 *   node --import tsx bench/bus.ts [--rates 100,1000] [--seconds 5]
 *        [--candidates redis-pubsub,redis-streams,nats-core,jetstream,redis-bus]
 *        [--redis redis://127.0.0.1:6379]
 *        [--nats nats://127.0.0.1:4222] [--json out.json]
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { Redis } from 'ioredis';

import type { LiveEvent } from '../src/domain/types.ts';
import { RedisBus } from '../src/live/redis/redis-bus.ts';

const CANDIDATES = ['redis-pubsub', 'redis-streams', 'nats-core', 'jetstream', 'redis-bus'] as const;
type CandidateName = (typeof CANDIDATES)[number];

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '100,1000' },
    seconds: { type: 'string', default: '5' },
    candidates: { type: 'string', default: CANDIDATES.join(',') },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
    json: { type: 'string' },
  },
});
const RATES = (args.rates ?? '').split(',').map(Number);
const SECONDS = Number(args.seconds);
const CHOSEN = (args.candidates ?? '').split(',') as CandidateName[];
const REDIS_URL = args.redis ?? '';
const NATS_URL = args.nats ?? '';
if (RATES.some((r) => !(r > 0)) || !(SECONDS > 0)) throw new Error('--rates and --seconds must be positive');
for (const c of CHOSEN) if (!CANDIDATES.includes(c)) throw new Error(`unknown candidate ${c}`);

/** Backoff between reconnect attempts, the same for every candidate so outages compare. */
const RECONNECT_MS = 100;
/** How long a cut connection stays unreachable. */
const OUTAGE_MS = 500;

/** One publishing and one subscribing connection over a transport. */
interface Pair {
  /** Resolves when the server acknowledged the event (or, for fire-and-forget, when it is written). */
  publish(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds a pair: the publisher connects to `pubUrl`, the subscriber to `subUrl` (each through its own
 * proxy, so the bench can cut either) and calls `onMessage` with each event's text.
 */
type Factory = (
  prefix: string,
  urls: { pub: string; sub: string },
  onMessage: (text: string) => void,
) => Promise<Pair>;

/**
 * A TCP proxy in front of a server: `cut()` drops every connection through it and refuses new ones
 * for `OUTAGE_MS`, like a network failure; clients must notice and reconnect by themselves.
 */
class CutProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #refuseUntil = 0;
  /** When the first connection after the last cut was accepted. */
  reconnectedAt = NaN;

  constructor(target: { host: string; port: number }) {
    this.#server = net.createServer((client) => {
      if (performance.now() < this.#refuseUntil) {
        client.destroy();
        return;
      }
      if (Number.isNaN(this.reconnectedAt)) this.reconnectedAt = performance.now();
      const upstream = net.connect(target);
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.#sockets.add(a);
        a.pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.#sockets.delete(a);
          b.destroy();
        });
      }
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return (this.#server.address() as net.AddressInfo).port;
  }

  cut(): void {
    this.#refuseUntil = performance.now() + OUTAGE_MS;
    this.reconnectedAt = NaN;
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

// A realistic event: an update of a few hundred words, as the bus would carry it.
const BODY = 'Shelling was reported overnight near the front line, according to regional officials. '.repeat(
  8,
);

function message(n: number): string {
  return JSON.stringify({
    n,
    t: performance.now(),
    event: {
      globalId: n,
      storyId: 'bench-story',
      seq: n,
      at: new Date().toISOString(),
      data: { type: 'update', update: { id: `u-${n}`, sequence: n, body: BODY, bodyHtml: `<p>${BODY}</p>` } },
    },
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `check()` holds (polled every 2 ms) or after `timeoutMs`; returns whether it held. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await sleep(2);
  }
  return true;
}

// --- Redis -------------------------------------------------------------------------------------

async function redisClient(url: string): Promise<Redis> {
  const client = new Redis(url, { retryStrategy: () => RECONNECT_MS, maxRetriesPerRequest: null });
  client.on('error', () => {});
  await new Promise<void>((resolve) => client.once('ready', resolve));
  return client;
}

const redisPubSub: Factory = async (prefix, urls, onMessage) => {
  const pub = await redisClient(urls.pub);
  const sub = await redisClient(urls.sub);
  const channel = `${prefix}:events`;
  sub.on('message', (_channel: string, text: string) => onMessage(text));
  await sub.subscribe(channel);
  return {
    publish: async (text) => {
      await pub.publish(channel, text);
    },
    close: async () => {
      sub.disconnect();
      pub.disconnect();
    },
  };
};

const redisStreams: Factory = async (prefix, urls, onMessage) => {
  const pub = await redisClient(urls.pub);
  const sub = await redisClient(urls.sub);
  const key = `${prefix}:stream`;
  let closed = false;
  let lastId = '0-0';
  // The loop a bus would run: block on XREAD from the last id seen, so a reconnect resumes there.
  const loop = (async () => {
    while (!closed) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await sub.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', key, lastId)) as typeof reply;
      } catch {
        if (closed) return;
        await sleep(RECONNECT_MS);
        continue;
      }
      for (const [, entries] of reply ?? []) {
        for (const [entryId, fields] of entries) {
          lastId = entryId;
          const text = fields[1];
          if (text !== undefined) onMessage(text);
        }
      }
    }
  })();
  return {
    publish: async (text) => {
      await pub.xadd(key, 'MAXLEN', '~', 10_000, '*', 'e', text);
    },
    close: async () => {
      closed = true;
      sub.disconnect();
      await loop;
      await pub.del(key);
      pub.disconnect();
    },
  };
};

/** Dateline's own RedisBus, two instances as two nodes: what the candidates' figures turn into. */
const redisBus: Factory = async (prefix, urls, onMessage) => {
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const common = { prefix, maxReconnectDelayMs: RECONNECT_MS, logger: quiet };
  const pub = await RedisBus.open({ ...common, url: urls.pub });
  const sub = await RedisBus.open({ ...common, url: urls.sub });
  // The bench's number and send time ride in globalId and at, which the bus carries untouched.
  sub.subscribe((event) => onMessage(JSON.stringify({ n: event.globalId, t: Number(event.at) })));
  return {
    publish: (text) => {
      const { n, t, event } = JSON.parse(text) as { n: number; t: number; event: LiveEvent };
      return pub.publish({ ...event, globalId: n, at: String(t) });
    },
    close: async () => {
      await sub.close();
      await pub.close();
    },
  };
};

// --- NATS --------------------------------------------------------------------------------------

// `nats` is not a dependency of Dateline (the bus runs on Redis); install it to include these
// candidates: `npm install --no-save nats@2`. The types below are the part of its API used here.
interface NatsMsg {
  string(): string;
}
interface NatsConnection {
  subscribe(subject: string, opts: { callback: (err: unknown, msg: NatsMsg) => void }): unknown;
  publish(subject: string, data: Uint8Array): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  jetstreamManager(): Promise<{
    streams: { add(config: object): Promise<unknown>; delete(name: string): Promise<unknown> };
  }>;
  jetstream(): {
    publish(subject: string, data: Uint8Array): Promise<unknown>;
    consumers: {
      get(
        stream: string,
        opts: object,
      ): Promise<{
        consume(opts: { callback: (msg: NatsMsg) => void }): Promise<{ close(): Promise<unknown> }>;
      }>;
    };
  };
}
interface NatsModule {
  connect(opts: object): Promise<NatsConnection>;
  StorageType: { Memory: unknown };
  DeliverPolicy: { New: unknown };
  nanos(ms: number): number;
}

let natsModule: NatsModule | undefined;
async function loadNats(): Promise<NatsModule> {
  const specifier = 'nats';
  natsModule ??= (await import(specifier)) as NatsModule;
  return natsModule;
}

async function natsClient(url: string): Promise<NatsConnection> {
  const { connect } = await loadNats();
  return connect({
    servers: url,
    reconnectTimeWait: RECONNECT_MS,
    reconnectJitter: 0,
    maxReconnectAttempts: -1,
    // Only the proxy's address, never the server's own: the bench must be able to cut the path.
    ignoreClusterUpdates: true,
  });
}

const natsCore: Factory = async (prefix, urls, onMessage) => {
  const pub = await natsClient(urls.pub);
  const sub = await natsClient(urls.sub);
  const subject = `${prefix}.events`;
  sub.subscribe(subject, { callback: (_err, msg) => onMessage(msg.string()) });
  await sub.flush();
  const encoder = new TextEncoder();
  return {
    publish: (text) => {
      pub.publish(subject, encoder.encode(text));
      return Promise.resolve();
    },
    close: async () => {
      await sub.close();
      await pub.close();
    },
  };
};

const jetStream: Factory = async (prefix, urls, onMessage) => {
  const { StorageType, DeliverPolicy, nanos } = await loadNats();
  const pub = await natsClient(urls.pub);
  const sub = await natsClient(urls.sub);
  const stream = `${prefix}_events`;
  const subject = `${prefix}.events`;
  const jsm = await pub.jetstreamManager();
  await jsm.streams.add({
    name: stream,
    subjects: [subject],
    storage: StorageType.Memory,
    max_age: nanos(60_000),
    max_msgs: 10_000,
  });
  const js = pub.jetstream();
  // An ordered consumer: ephemeral, in order, and re-created after a reconnect from the last
  // stream sequence it delivered, so what was published meanwhile is replayed.
  const consumer = await sub.jetstream().consumers.get(stream, { deliver_policy: DeliverPolicy.New });
  const messages = await consumer.consume({ callback: (msg) => onMessage(msg.string()) });
  const encoder = new TextEncoder();
  return {
    publish: async (text) => {
      await js.publish(subject, encoder.encode(text));
    },
    close: async () => {
      await messages.close();
      await jsm.streams.delete(stream);
      await sub.close();
      await pub.close();
    },
  };
};

const FACTORIES: Record<CandidateName, Factory> = {
  'redis-pubsub': redisPubSub,
  'redis-streams': redisStreams,
  'nats-core': natsCore,
  jetstream: jetStream,
  'redis-bus': redisBus,
};

/** A pair whose two connections each go through a CutProxy. */
async function openPair(
  name: CandidateName,
  onMessage: (text: string) => void,
): Promise<{ pair: Pair; pubProxy: CutProxy; subProxy: CutProxy }> {
  const server = new URL(name.startsWith('redis') ? REDIS_URL : NATS_URL);
  const target = { host: server.hostname, port: Number(server.port) };
  const pubProxy = new CutProxy(target);
  const subProxy = new CutProxy(target);
  const via = async (proxy: CutProxy): Promise<string> => {
    const url = new URL(server);
    url.hostname = '127.0.0.1';
    url.port = String(await proxy.listen());
    return url.toString();
  };
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const pair = await FACTORIES[name](
    prefix,
    { pub: await via(pubProxy), sub: await via(subProxy) },
    onMessage,
  );
  return { pair, pubProxy, subProxy };
}

// --- Measurement -------------------------------------------------------------------------------

interface Received {
  latencies: number[];
  seen: Set<number>;
  duplicates: number;
  outOfOrder: number;
  last: number;
}

function receiver(): { state: Received; onMessage: (text: string) => void } {
  const state: Received = { latencies: [], seen: new Set(), duplicates: 0, outOfOrder: 0, last: 0 };
  const onMessage = (text: string): void => {
    const at = performance.now();
    const { n, t } = JSON.parse(text) as { n: number; t: number };
    if (state.seen.has(n)) {
      state.duplicates++;
      return;
    }
    if (n < state.last) state.outOfOrder++;
    state.last = Math.max(state.last, n);
    state.seen.add(n);
    state.latencies.push(at - t);
  };
  return { state, onMessage };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** What one paced publishing run did. */
interface Published {
  /** Publish time of each event number. */
  at: Map<number, number>;
  acked: Set<number>;
  rejected: number;
  ackMs: number[];
}

/**
 * Publishes `count` events at `rate`/s numbered from `first`, without waiting for each ack (as
 * concurrent write requests would); `onTick` sees the count sent so far. Resolves once all settled.
 */
async function publishAt(
  pair: Pair,
  rate: number,
  count: number,
  first: number,
  onTick?: (sent: number) => void,
): Promise<Published> {
  const out: Published = { at: new Map(), acked: new Set(), rejected: 0, ackMs: [] };
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (sent < due) {
      const n = first + sent++;
      const t0 = performance.now();
      out.at.set(n, t0);
      pending.push(
        pair.publish(message(n)).then(
          () => {
            out.ackMs.push(performance.now() - t0);
            out.acked.add(n);
          },
          () => {
            out.rejected++;
          },
        ),
      );
    }
    onTick?.(sent);
    await sleep(1);
  }
  await Promise.all(pending);
  return out;
}

interface LatencyResult {
  candidate: CandidateName;
  rate: number;
  events: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
}

async function measureLatency(name: CandidateName, rate: number): Promise<LatencyResult> {
  let current = receiver();
  const { pair, pubProxy, subProxy } = await openPair(name, (text) => current.onMessage(text));
  try {
    // Warm-up: connections, JIT, the stream's first allocation.
    const warmCount = Math.min(200, rate);
    await publishAt(pair, rate, warmCount, 1_000_000);
    await until(() => current.state.seen.size >= warmCount, 5000);
    current = receiver();
    const { state } = current;
    const count = Math.round(rate * SECONDS);
    const published = await publishAt(pair, rate, count, 1);
    await until(() => [...published.acked].every((n) => state.seen.has(n)), 3000);
    return {
      candidate: name,
      rate,
      events: count,
      p50: percentile(state.latencies, 50),
      p99: percentile(state.latencies, 99),
      max: Math.max(...state.latencies),
      ackP50: percentile(published.ackMs, 50),
      ackP99: percentile(published.ackMs, 99),
      lost: count - state.seen.size,
      duplicates: state.duplicates,
      outOfOrder: state.outOfOrder,
    };
  } finally {
    await pair.close();
    await Promise.all([pubProxy.close(), subProxy.close()]);
  }
}

type Side = 'subscriber' | 'publisher';

interface ReconnectResult {
  candidate: CandidateName;
  side: Side;
  /** From the cut to the cut client's first new connection. */
  downMs: number;
  /** Events published from the cut until the cut client reconnected. */
  duringOutage: number;
  /** Of those, how many the subscriber received in the end. */
  receivedAfter: number;
  /** `publish` calls that rejected. */
  rejected: number;
  lostTotal: number;
  duplicates: number;
}

/** At 100 events/s for 3 s, cuts one side's connection after 1 s for OUTAGE_MS. */
async function measureReconnect(name: CandidateName, side: Side): Promise<ReconnectResult> {
  const { state, onMessage } = receiver();
  const { pair, pubProxy, subProxy } = await openPair(name, onMessage);
  const proxy = side === 'subscriber' ? subProxy : pubProxy;
  try {
    let cutAt = NaN;
    const count = 300;
    const published = await publishAt(pair, 100, count, 1, (sent) => {
      if (Number.isNaN(cutAt) && sent >= 100) {
        cutAt = performance.now();
        proxy.cut();
      }
    });
    await until(() => state.seen.size >= count, 5000);
    const upAt = proxy.reconnectedAt;
    const outage = [...published.at].filter(([, t]) => t >= cutAt && t <= upAt).map(([n]) => n);
    return {
      candidate: name,
      side,
      downMs: upAt - cutAt,
      duringOutage: outage.length,
      receivedAfter: outage.filter((n) => state.seen.has(n)).length,
      rejected: published.rejected,
      lostTotal: count - state.seen.size,
      duplicates: state.duplicates,
    };
  } finally {
    await pair.close();
    await Promise.all([pubProxy.close(), subProxy.close()]);
  }
}

const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '—');

const latency: LatencyResult[] = [];
const reconnect: ReconnectResult[] = [];
for (const name of CHOSEN) {
  if (name === 'nats-core' || name === 'jetstream') {
    try {
      await loadNats();
    } catch {
      console.log(
        `${name.padEnd(14)} skipped: the nats client is not installed (npm install --no-save nats@2)`,
      );
      continue;
    }
  }
  for (const rate of RATES) {
    const r = await measureLatency(name, rate);
    latency.push(r);
    console.log(
      `${name.padEnd(14)} ${String(rate).padStart(5)}/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  ` +
        `max ${fmt(r.max)} ms  ack p50 ${fmt(r.ackP50)} p99 ${fmt(r.ackP99)} ms  ` +
        `lost ${r.lost}  dup ${r.duplicates}  out-of-order ${r.outOfOrder}`,
    );
  }
  for (const side of ['subscriber', 'publisher'] as const) {
    const r = await measureReconnect(name, side);
    reconnect.push(r);
    console.log(
      `${name.padEnd(14)} ${side} cut: back after ${fmt(r.downMs)} ms; ${r.duringOutage} events published ` +
        `meanwhile, ${r.receivedAfter} of them received; ${r.rejected} publishes rejected; ` +
        `${r.lostTotal} lost in all, ${r.duplicates} duplicates`,
    );
  }
}

console.log('\n| candidate | events/s | p50 ms | p99 ms | max ms | publish ack p50 / p99 ms | lost |');
console.log('| --- | --: | --: | --: | --: | --: | --: |');
for (const r of latency) {
  console.log(
    `| ${r.candidate} | ${r.rate} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ` +
      `${fmt(r.ackP50)} / ${fmt(r.ackP99)} | ${r.lost} |`,
  );
}
console.log(
  `\n| candidate | connection cut for ${OUTAGE_MS} ms | back after ms | published meanwhile | ` +
    'of those received | publishes rejected | lost in all |',
);
console.log('| --- | --- | --: | --: | --: | --: | --: |');
for (const r of reconnect) {
  console.log(
    `| ${r.candidate} | ${r.side} | ${fmt(r.downMs)} | ${r.duringOutage} | ${r.receivedAfter} | ` +
      `${r.rejected} | ${r.lostTotal} |`,
  );
}
if (args.json !== undefined) writeFileSync(args.json, JSON.stringify({ latency, reconnect }, null, 2));
