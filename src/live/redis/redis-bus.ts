/**
 * The live bus across nodes, over one Redis Stream per deployment (`<prefix>:live`).
 *
 * Why Redis Streams (bench/bus.ts, figures in bench/README.md): on loopback every candidate (Redis
 * pub/sub, Redis Streams, core NATS, NATS JetStream) delivers in about 1 ms at p50 and single-digit
 * ms at p99 at 100 and 1000 events/s, so latency does not decide. Losing the connection does: with
 * a subscriber cut for half a second, pub/sub and core NATS lost every event published meanwhile;
 * Streams and JetStream replayed all of them. With the publisher cut, Streams (the client queues the
 * XADDs and sends them on reconnect) lost none, while JetStream's publishes failed and core NATS lost
 * them. Redis also needs no provisioning (no stream or consumer to declare) and is a server operators
 * already run; the only client is ioredis.
 *
 * How it works:
 * - `publish` hands the event to this node's subscribers at once (so a node's own readers never wait
 *   on Redis, nor stop when it is down), then XADDs `{o: origin, e: JSON}`; the stream keeps about
 *   `maxLen` entries for replay.
 * - One reader connection loops on `XREAD BLOCK` from the last entry id it handled, skipping entries
 *   of its own origin. After a reconnect it carries on from that id, so what other nodes published
 *   during the outage arrives late but arrives (at-least-once: an XADD resent after a reconnect may
 *   appear twice; subscribers dedupe by `(storyId, seq)`).
 * - While the writer is down, XADDs wait in the client's queue and go out in order on reconnect;
 *   `publish` rejects after `publishTimeoutMs` but the event stays queued, up to `maxQueued`.
 * - Replay cannot cover everything: an outage longer than the stream's retention, a Redis restart
 *   that loses unread entries, or a node that died between commit and XADD. So each reconnect of
 *   the reader is announced through `onReconnect`, for the hub to re-sync from the EventLog.
 */
import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';

import {
  LIVE_EVENT_TYPES,
  PRIVATE_EVENT_KINDS,
  type LiveEvent,
  type PrivateEvent,
} from '../../domain/types.ts';
import type { LiveBus } from '../bus.ts';

/** Where the bus reports trouble; a pino logger fits. */
export interface RedisBusLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** How to reach Redis and how the bus behaves. */
export interface RedisBusOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` for TLS. */
  url: string;
  /** Starts every key, so several deployments can share one server. Default `dateline`. */
  prefix?: string;
  /** Entries the stream keeps (approximately) for readers that reconnect. Default 10 000. */
  maxLen?: number;
  /** How long `open` waits for the first connection before failing. Default 5000. */
  connectTimeoutMs?: number;
  /** How long `publish` waits for Redis to acknowledge before rejecting. Default 2000. */
  publishTimeoutMs?: number;
  /** Unacknowledged publishes kept while Redis is unreachable; beyond that they are dropped. Default 10 000. */
  maxQueued?: number;
  /** Longest pause between reconnect attempts; they start at 50 ms and double. Default 2000. */
  maxReconnectDelayMs?: number;
  /** Receives exceptions thrown by subscribers and entries that are not valid events. */
  onError?: (error: unknown, event: LiveEvent | undefined) => void;
  logger?: RedisBusLogger;
}

/** Key names and entry ids allowed in a prefix: no spaces or control characters in keys. */
const PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** XREAD blocks at most this long, so a dead connection is noticed by `socketTimeout`. */
const BLOCK_MS = 5000;
const READ_COUNT = 500;

/** A LiveBus over a Redis Stream; open with `RedisBus.open`, which resolves once both connections are up. */
export class RedisBus implements LiveBus {
  readonly #writer: Redis;
  readonly #reader: Redis;
  readonly #key: string;
  readonly #origin = randomBytes(8).toString('hex');
  readonly #maxLen: number;
  readonly #publishTimeoutMs: number;
  readonly #maxQueued: number;
  readonly #onError: (error: unknown, event: LiveEvent | undefined) => void;
  readonly #log: RedisBusLogger;
  readonly #handlers = new Set<(event: LiveEvent) => void>();
  readonly #privateHandlers = new Set<(event: PrivateEvent) => void>();
  readonly #reconnectHandlers = new Set<() => void>();
  readonly #pending = new Set<Promise<unknown>>();

  /** Id of the last stream entry handled; the reader resumes after it. */
  #lastId = '0-0';
  #readerUp = false;
  #readerConnectedOnce = false;
  /** Set when the reader reconnected, so the loop checks the stream before reading on. */
  #recheckPosition = false;
  #loop: Promise<void> | undefined;
  #closed = false;
  /** Abandons the XREAD in flight; called when the reader's connection closes. */
  #readerLost: (() => void) | undefined;
  /** Ends a pause of the read loop early, when the bus closes. */
  #wake: (() => void) | undefined;
  #lastErrorLog = 0;

  private constructor(options: RedisBusOptions, prefix: string) {
    this.#key = `${prefix}:live`;
    this.#maxLen = positiveInt('maxLen', options.maxLen ?? 10_000);
    this.#publishTimeoutMs = positiveInt('publishTimeoutMs', options.publishTimeoutMs ?? 2000);
    this.#maxQueued = positiveInt('maxQueued', options.maxQueued ?? 10_000);
    const maxDelay = positiveInt('maxReconnectDelayMs', options.maxReconnectDelayMs ?? 2000);
    this.#log = options.logger ?? CONSOLE_LOGGER;
    this.#onError =
      options.onError ??
      ((error, event) =>
        this.#log.error(
          { err: error, storyId: event?.storyId, seq: event?.seq },
          'live bus subscriber failed',
        ));
    const connectTimeout = positiveInt('connectTimeoutMs', options.connectTimeoutMs ?? 5000);
    const common = {
      lazyConnect: true,
      connectTimeout,
      // Queued commands wait for the next connection however many attempts it takes; publish has its own timeout.
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times - 1, 16), maxDelay),
      // A half-open connection sends nothing: with a command pending (XREAD wakes every BLOCK_MS) that
      // means dead, and the socket is dropped and reconnected instead of waiting for TCP keepalive.
      socketTimeout: BLOCK_MS + 5000,
      keepAlive: 10_000,
    };
    this.#writer = new Redis(options.url, { ...common, connectionName: `${prefix}:writer` });
    this.#reader = new Redis(options.url, {
      ...common,
      connectionName: `${prefix}:reader`,
      // A resent XREAD would read from a position taken before the outage and block ahead of the
      // position check; the loop issues a fresh one instead.
      autoResendUnfulfilledCommands: false,
    });
    this.#writer.on('error', (error: unknown) => this.#connectionError('writer', error));
    this.#reader.on('error', (error: unknown) => this.#connectionError('reader', error));
    this.#reader.on('close', () => {
      if (this.#readerUp && !this.#closed)
        this.#log.warn({ key: this.#key }, 'live bus reader lost its connection');
      this.#readerUp = false;
      this.#readerLost?.();
    });
    this.#reader.on('ready', () => this.#readerReady());
  }

  /**
   * Connects, finds where the stream ends (this node receives what is published from then on) and
   * starts reading. Rejects, naming only host and port, if Redis cannot be reached in time.
   */
  static async open(options: RedisBusOptions): Promise<RedisBus> {
    const prefix = options.prefix ?? 'dateline';
    if (!PREFIX_PATTERN.test(prefix)) {
      throw new Error(`live bus prefix must be 1-64 of A-Z a-z 0-9 _ . : - (got ${JSON.stringify(prefix)})`);
    }
    const bus = new RedisBus(options, prefix);
    try {
      await Promise.all([bus.#writer.connect(), bus.#reader.connect()]);
      bus.#lastId = await bus.#streamEnd();
    } catch (error) {
      bus.#writer.disconnect();
      bus.#reader.disconnect();
      throw new Error(`cannot reach the live bus at ${describe(options.url)}: ${message(error)}`, {
        cause: error,
      });
    }
    bus.#loop = bus.#read();
    return bus;
  }

  /**
   * Delivers to this node's subscribers now, and to other nodes through the stream. Resolves once
   * Redis has stored the event; rejects if that takes longer than `publishTimeoutMs` (the event
   * stays queued and goes out on reconnect) or if too many are already queued (it is dropped).
   */
  publish(event: LiveEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('live bus is closed'));
    if (this.#pending.size >= this.#maxQueued) {
      this.#dispatch(event);
      return Promise.reject(new Error(`live bus has ${this.#pending.size} events queued; event not sent`));
    }
    // XADD is queued before local delivery so that a subscriber publishing from its handler keeps order.
    const added = this.#append('e', event);
    this.#dispatch(event);
    return added;
  }

  /** XADDs `event` under `field` (`e` public, `p` private); settles when Redis acknowledges it, or times out. */
  #append(field: 'e' | 'p', event: LiveEvent | PrivateEvent): Promise<void> {
    const added = this.#writer.xadd(
      this.#key,
      'MAXLEN',
      '~',
      String(this.#maxLen),
      '*',
      'o',
      this.#origin,
      field,
      JSON.stringify(event),
    );
    this.#pending.add(added);
    added.then(
      () => this.#pending.delete(added),
      () => this.#pending.delete(added),
    );
    return withTimeout(added, this.#publishTimeoutMs, 'live bus did not acknowledge the event in time').then(
      () => undefined,
    );
  }

  /**
   * Delivers to this node's private subscribers now, and to other nodes through the same stream (field
   * `p` instead of `e`, so a public subscriber never parses one). Best-effort: rejects on timeout.
   */
  publishPrivate(event: PrivateEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('live bus is closed'));
    this.#dispatchPrivate(event);
    if (this.#pending.size >= this.#maxQueued)
      return Promise.reject(new Error(`live bus has ${this.#pending.size} events queued; event not sent`));
    return this.#append('p', event);
  }

  /** Adds a private subscriber for events from this node and from others; returns a function removing it. */
  subscribePrivate(handler: (event: PrivateEvent) => void): () => void {
    const entry = (event: PrivateEvent): void => handler(event);
    this.#privateHandlers.add(entry);
    return () => {
      this.#privateHandlers.delete(entry);
    };
  }

  /** Adds `handler` for events from this node and from others; the returned function removes it. */
  subscribe(handler: (event: LiveEvent) => void): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry = (event: LiveEvent): void => handler(event);
    this.#handlers.add(entry);
    return () => {
      this.#handlers.delete(entry);
    };
  }

  /**
   * Calls `handler` each time the reader connection comes back after a loss (not on the first
   * connect). Events missed meanwhile are normally replayed from the stream; the call is for
   * re-syncing from the EventLog in case they were not. Returns a function that removes it.
   */
  onReconnect(handler: () => void): () => void {
    const entry = (): void => handler();
    this.#reconnectHandlers.add(entry);
    return () => {
      this.#reconnectHandlers.delete(entry);
    };
  }

  /** True while both connections are up and the bus is open; for /readyz. */
  isReady(): boolean {
    return !this.#closed && this.#readerUp && this.#writer.status === 'ready';
  }

  /**
   * Waits (up to `publishTimeoutMs`) for queued publishes to be acknowledged, then stops reading and
   * closes both connections. Subscribers get nothing more; later publishes reject.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#handlers.clear();
    this.#privateHandlers.clear();
    this.#reconnectHandlers.clear();
    if (this.#pending.size > 0) {
      await withTimeout(Promise.allSettled([...this.#pending]), this.#publishTimeoutMs, '').catch(() => {
        this.#log.warn({ queued: this.#pending.size }, 'live bus closed with events not acknowledged');
      });
    }
    this.#reader.disconnect();
    this.#wake?.();
    await this.#loop;
    if (this.#writer.status === 'ready') await this.#writer.quit().catch(() => {});
    this.#writer.disconnect();
  }

  #dispatch(event: LiveEvent): void {
    // A snapshot, so a handler that unsubscribes (or subscribes) mid-delivery does not skip anyone.
    for (const handler of [...this.#handlers]) {
      try {
        handler(event);
      } catch (error) {
        this.#onError(error, event);
      }
    }
  }

  #dispatchPrivate(event: PrivateEvent): void {
    for (const handler of [...this.#privateHandlers]) {
      try {
        handler(event);
      } catch (error) {
        this.#onError(error, undefined);
      }
    }
  }

  #readerReady(): void {
    this.#readerUp = true;
    if (!this.#readerConnectedOnce) {
      this.#readerConnectedOnce = true;
      return;
    }
    this.#recheckPosition = true;
    this.#log.info({ key: this.#key, after: this.#lastId }, 'live bus reader reconnected');
    for (const handler of [...this.#reconnectHandlers]) {
      try {
        handler();
      } catch (error) {
        this.#onError(error, undefined);
      }
    }
  }

  /** Reads the stream until the bus closes; connection trouble is waited out, never thrown. */
  async #read(): Promise<void> {
    while (!this.#closed) {
      try {
        if (this.#reader.status !== 'ready') await this.#readerConnected();
        if (this.#closed) return;
        if (this.#recheckPosition) {
          this.#recheckPosition = false;
          await this.#checkPosition();
        }
        const lost = new Promise<null>((resolve) => {
          this.#readerLost = () => resolve(null);
        });
        const read = this.#reader.xread(
          'COUNT',
          READ_COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.#key,
          this.#lastId,
        ) as Promise<XReadReply | null>;
        // On a lost connection the XREAD is abandoned (the client drops it: unfulfilled commands are
        // not resent) and a new one follows the reconnect, after the position is checked.
        const reply = await Promise.race([read, lost]);
        this.#readerLost = undefined;
        for (const [, entries] of reply ?? [])
          for (const [id, fields] of entries) this.#handleEntry(id, fields);
      } catch (error) {
        if (this.#closed) return;
        // Not a lost connection (that is raced above) but a failing command, say a key holding
        // something else: report it and do not spin.
        this.#log.error({ err: message(error), key: this.#key }, 'live bus read failed; retrying');
        await this.#pause(1000);
      }
    }
  }

  #handleEntry(id: string, fields: string[]): void {
    this.#lastId = id;
    let origin: string | undefined;
    let text: string | undefined;
    let privateText: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'o') origin = fields[i + 1];
      else if (fields[i] === 'e') text = fields[i + 1];
      else if (fields[i] === 'p') privateText = fields[i + 1];
    }
    if (origin === this.#origin) return;
    if (privateText !== undefined && text === undefined) {
      try {
        this.#dispatchPrivate(parsePrivateEvent(privateText));
      } catch (error) {
        this.#onError(new Error(`live bus entry ${id} is not a private event`, { cause: error }), undefined);
      }
      return;
    }
    let event: LiveEvent;
    try {
      event = parseLiveEvent(text);
    } catch (error) {
      this.#onError(new Error(`live bus entry ${id} is not a live event`, { cause: error }), undefined);
      return;
    }
    this.#dispatch(event);
  }

  /** The id of the stream's newest entry, or `0-0` when there is none. */
  async #streamEnd(): Promise<string> {
    const newest = (await this.#reader.xrevrange(this.#key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return newest[0]?.[0] ?? '0-0';
  }

  /**
   * After a reconnect: if the stream now ends before the last id handled (Redis restarted and the
   * clock is behind, or the key was deleted), reading after that id would skip every new entry.
   */
  async #checkPosition(): Promise<void> {
    const end = await this.#streamEnd();
    if (compareIds(end, this.#lastId) < 0) {
      this.#log.warn(
        { key: this.#key, was: this.#lastId, end },
        'live bus stream restarted; reading from its start',
      );
      this.#lastId = '0-0';
    }
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #readerConnected(): Promise<void> {
    if (this.#reader.status === 'ready' || this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.#reader.off('ready', done);
        this.#reader.off('end', done);
        resolve();
      };
      this.#reader.on('ready', done);
      this.#reader.on('end', done);
    });
  }

  #connectionError(which: 'reader' | 'writer', error: unknown): void {
    // ioredis emits an error per failed attempt; one line every few seconds is enough for operators.
    const now = Date.now();
    if (now - this.#lastErrorLog < 5000) return;
    this.#lastErrorLog = now;
    this.#log.warn({ connection: which, err: message(error) }, 'live bus connection error');
  }
}

type XReadReply = [key: string, entries: [id: string, fields: string[]][]][];

/** Orders two stream ids (`ms-seq`). */
function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Checks the envelope of an event read from Redis; the payload was validated before it was stored. */
function parseLiveEvent(text: string | undefined): LiveEvent {
  if (text === undefined) throw new TypeError('entry has no event');
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new TypeError('event is not an object');
  const e = value as Record<string, unknown>;
  if (!Number.isSafeInteger(e.globalId) || !Number.isSafeInteger(e.seq)) throw new TypeError('bad ids');
  if (typeof e.storyId !== 'string' || typeof e.at !== 'string') throw new TypeError('bad storyId or at');
  const data = e.data as Record<string, unknown> | null;
  if (
    typeof data !== 'object' ||
    data === null ||
    !(LIVE_EVENT_TYPES as readonly unknown[]).includes(data.type)
  ) {
    throw new TypeError('bad data.type');
  }
  return value as LiveEvent;
}

/** Checks the envelope of a private event read from Redis. */
function parsePrivateEvent(text: string): PrivateEvent {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new TypeError('event is not an object');
  const e = value as Record<string, unknown>;
  if (!(PRIVATE_EVENT_KINDS as readonly unknown[]).includes(e.kind)) throw new TypeError('bad kind');
  if (typeof e.storyId !== 'string') throw new TypeError('bad storyId');
  return value as PrivateEvent;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} (${ms} ms)`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Host and port of a Redis URL, never its password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unparseable URL';
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`RedisBus ${name} must be a positive integer`);
  return value;
}

const CONSOLE_LOGGER: RedisBusLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};
