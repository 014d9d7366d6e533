/**
 * The SSE hub: one stream per story and one site-wide stream (the LATEST rail), fed by the live bus.
 *
 * Guarantees:
 * - Each event is formatted once and serialised once per channel into a Buffer shared by every
 *   connection; the hub writes it straight to the connection's socket.
 * - Per story, events are delivered in `seq` order without duplicates: the bus is at-least-once, so
 *   the hub drops `seq <= last seen` and fills gaps from the EventLog before delivering.
 *   The site stream does the same with `globalId`.
 * - A reader that resumes with Last-Event-ID (or `?since=`) gets exactly the events it missed, from
 *   the channel's ring buffer when it still holds them, else from the EventLog. Events that arrive
 *   while the replay is loading are held for that connection and sent after it, minus any the
 *   replay already covered.
 * - A replay sends only what is public now: of the events it covers for one update (or for the story
 *   header), only the newest, so a since-deleted update's text and an edited update's earlier versions
 *   are never replayed (live readers saw them while they were public; a resuming reader need not).
 * - Replay is bounded: a reader more than `maxReplay` events behind gets one `reload` event (the page
 *   reloads itself) instead of the history. Formatted events are cached by id, so many readers
 *   replaying the same events cost one render.
 * - A reader whose socket buffers more than `maxBufferedBytes` is disconnected; its browser
 *   reconnects and resumes from its Last-Event-ID.
 * - Newsroom-private events (PrivateEvent) never reach a reader. When one says an update's public
 *   article changed without a new version (its names were linked, its citations changed), the hub
 *   renders that public article again (`formatArticle`) and sends it to the story's readers as an
 *   `edit` frame without an id (their resume point does not move), and the ring's frame of that update
 *   is replaced so a reader resuming later gets the same article.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { LiveEvent, PrivateEvent } from '../domain/types.ts';
import type { EventLog } from '../store/store.ts';
import type { LiveBus } from './bus.ts';
import { createRetryFrame, createSseFrame, HEARTBEAT_FRAME, jitterRetryMs } from './sse-frame.ts';

/** Where the hub reports trouble; a pino logger fits. */
export interface SseHubLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The `data:` text of one event for each stream; `site: null` keeps it off the site stream. */
export interface FormattedEvent {
  story: string;
  site: string | null;
}

/** What the hub is built from. */
export interface SseHubDeps {
  bus: LiveBus;
  events: EventLog;
  /** Renders an event's payload (JSON text); called once per event, and for replays from the log. */
  format: (event: LiveEvent) => Promise<FormattedEvent>;
  /**
   * Renders the `update` frame data of an update as it is now, or null when it is not public; used
   * when a private event says its article changed. Without it such events are ignored.
   */
  formatArticle?: (storyId: string, updateId: string) => Promise<string | null>;
  /**
   * The `cards` frame data of a story's map cards after a layer of `deskId` changed, or null when the
   * story is not that desk's. Without it layer changes are not pushed.
   */
  formatCards?: (storyId: string, deskId: string) => Promise<string | null>;
  /** Frames kept per channel for resume without a database read. Default 256. */
  ringSize?: number;
  /** Events a resuming reader may be behind before it is told to reload instead. Default 256. */
  maxReplay?: number;
  /** Interval of comment frames on idle streams. Default 20 000. */
  heartbeatMs?: number;
  /** Bytes a socket may have queued in user space before the reader is cut off. Default 256 KiB. */
  maxBufferedBytes?: number;
  /** Reconnection delay suggested to readers, jittered per connection. Default 3000. */
  retryMs?: number;
  /** A story channel with no readers is dropped (ring and all) after this long idle. Default 10 min. */
  channelIdleMs?: number;
  /** Extra response headers, e.g. CORS for embeds. */
  headers?: Record<string, string>;
  logger?: SseHubLogger;
  /** Told of each event once it has been written to every reader of a channel, for /metrics. */
  onDelivered?: (event: LiveEvent, readers: number, channel: 'story' | 'site') => void;
}

/** Open connections, for /metrics and tests. */
export interface SseHubStats {
  total: number;
  site: number;
  /** Connections per story id, only stories with at least one. */
  stories: Record<string, number>;
  /** Readers disconnected for not reading, since start. */
  slowReadersCut: number;
}

interface Frame {
  id: number;
  /** The event's globalId, so a refreshed article can replace its cached formatting too. */
  globalId: number;
  bytes: Buffer;
  /** What the event is about (`u:{updateId}`, or `story`): a replay sends only the newest per subject. */
  subject: string;
  /** The event type; a replay turns a newest `edit` into `update` when it also skipped the `update`. */
  type: string;
  /** `bytes` with `event: update`, built the first time a replay needs it. */
  asUpdate?: Buffer;
}

interface Connection {
  readonly socket: Socket;
  readonly channel: Channel;
  /** The id of the newest event this reader has been sent (or had before connecting). */
  lastId: number;
  /** Live frames held back while a replay is written; null once live. */
  held: Frame[] | null;
  heldBytes: number;
  gone: boolean;
}

/** Ids are `seq` on story channels and `globalId` on the site channel. */
type ChannelKind = 'story' | 'site';

/** The newest frames of a channel, oldest evicted first. */
class FrameRing {
  readonly #slots: (Frame | undefined)[];
  #start = 0;
  #length = 0;
  /**
   * Every frame this channel delivered with an id above `floor` is in the ring; undefined until the
   * channel knows where its history starts.
   */
  floor: number | undefined;

  constructor(capacity: number, floor: number | undefined) {
    this.#slots = new Array<Frame | undefined>(capacity);
    this.floor = floor;
  }

  push(frame: Frame, previousId: number): void {
    this.floor ??= previousId;
    const capacity = this.#slots.length;
    if (capacity === 0) {
      this.floor = frame.id;
      return;
    }
    if (this.#length === capacity) {
      const evicted = this.#slots[this.#start];
      if (evicted !== undefined) this.floor = evicted.id;
      this.#slots[this.#start] = frame;
      this.#start = (this.#start + 1) % capacity;
    } else {
      this.#slots[(this.#start + this.#length) % capacity] = frame;
      this.#length++;
    }
  }

  /** Replaces the contents: `frames` (oldest first) are every frame with an id above `floor`. */
  reset(floor: number, frames: Frame[]): void {
    this.#slots.fill(undefined);
    this.#start = 0;
    this.#length = 0;
    this.floor = floor;
    let previous = floor;
    for (const frame of frames) {
      this.push(frame, previous);
      previous = frame.id;
    }
  }

  /** The newest id this ring has accounted for, or undefined when it knows nothing yet. */
  newest(): number | undefined {
    if (this.#length === 0) return this.floor;
    return this.#slots[(this.#start + this.#length - 1) % this.#slots.length]?.id;
  }

  /** The newest frame about `subject`, if the ring holds one. */
  newestOf(subject: string): Frame | undefined {
    for (let i = this.#length - 1; i >= 0; i--) {
      const frame = this.#slots[(this.#start + i) % this.#slots.length];
      if (frame?.subject === subject) return frame;
    }
    return undefined;
  }

  /** Frames with id above `afterId`, or null when the ring cannot prove it holds all of them. */
  after(afterId: number): Frame[] | null {
    if (this.floor === undefined || afterId < this.floor) return null;
    const out: Frame[] = [];
    for (let i = 0; i < this.#length; i++) {
      const frame = this.#slots[(this.#start + i) % this.#slots.length];
      if (frame !== undefined && frame.id > afterId) out.push(frame);
    }
    return out;
  }
}

class Channel {
  readonly conns = new Set<Connection>();
  readonly ring: FrameRing;
  idleSince = Date.now();
  /** Set once the ring has been filled from the log (see SseHub#warm). */
  warmed: Promise<void> | undefined;

  constructor(
    readonly kind: ChannelKind,
    /** Story id, or '' for the site channel. */
    readonly storyId: string,
    ringSize: number,
    floor: number | undefined,
  ) {
    this.ring = new FrameRing(ringSize, floor);
  }
}

const REPLAY_PAGE = 500;
/** Formatted events kept by globalId for replays (a bounded, insertion-ordered map). */
const FORMAT_CACHE_SIZE = 4096;
const CLOSE_GRACE_MS = 2000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses a resume point: a non-negative integer, else undefined. A malformed value is treated as no
 * resume point at all (a fresh connection), because guessing could replay the wrong events.
 */
export function parseEventId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/**
 * The id after which a connection resumes: the Last-Event-ID header when the request has one (a
 * browser reconnecting), else `since` (the `?since=` the page embedded for its first connect, raw
 * or already parsed).
 */
export function resumePoint(req: IncomingMessage, since: number | string | undefined): number | undefined {
  const header = req.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') return parseEventId(header);
  if (typeof since === 'number') return Number.isSafeInteger(since) && since >= 0 ? since : undefined;
  return parseEventId(since);
}

/** Fans live events out to SSE readers; construct at boot, `start()`, and `close()` on shutdown. */
export class SseHub {
  readonly #bus: LiveBus;
  readonly #events: EventLog;
  readonly #format: (event: LiveEvent) => Promise<FormattedEvent>;
  readonly #formatArticle: SseHubDeps['formatArticle'];
  readonly #formatCards: SseHubDeps['formatCards'];
  readonly #ringSize: number;
  readonly #maxReplay: number;
  readonly #heartbeatMs: number;
  readonly #maxBuffered: number;
  readonly #retryMs: number;
  readonly #channelIdleMs: number;
  readonly #head: Buffer;
  readonly #log: SseHubLogger;
  readonly #onDelivered: NonNullable<SseHubDeps['onDelivered']>;

  readonly #stories = new Map<string, Channel>();
  #site: Channel | undefined;
  /** Newest `seq` delivered per story; absent until the hub sees an event of the story. */
  readonly #storyLast = new Map<string, number>();
  /** A watched story's newest `seq` in the log when its channel opened, until its first live event. */
  readonly #storyStart = new Map<string, Promise<number | undefined>>();
  /** Newest `globalId` processed; undefined until `start()` reads it from the log. */
  #siteLast: number | undefined;

  #queue: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #unsubscribePrivate: (() => void) | undefined;
  #stopResync: (() => void) | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;
  #slowReadersCut = 0;
  /** In-flight replays from the log, shared by readers resuming from the same point at once. */
  readonly #loading = new Map<string, Promise<Replay>>();
  /** Formatted events by globalId, oldest first, for replays and for the live path. */
  readonly #formatted = new Map<number, Promise<FormattedEvent | undefined>>();

  /** Validates options; does not subscribe until `start()`. */
  constructor(deps: SseHubDeps) {
    this.#bus = deps.bus;
    this.#events = deps.events;
    this.#format = deps.format;
    this.#formatArticle = deps.formatArticle;
    this.#formatCards = deps.formatCards;
    this.#ringSize = checkInt('ringSize', deps.ringSize ?? 256, 0);
    this.#maxReplay = checkInt('maxReplay', deps.maxReplay ?? 256, 0);
    this.#heartbeatMs = checkInt('heartbeatMs', deps.heartbeatMs ?? 20_000, 1);
    this.#maxBuffered = checkInt('maxBufferedBytes', deps.maxBufferedBytes ?? 256 * 1024, 1);
    this.#retryMs = checkInt('retryMs', deps.retryMs ?? 3000, 0);
    this.#channelIdleMs = checkInt('channelIdleMs', deps.channelIdleMs ?? 10 * 60_000, 0);
    this.#log = deps.logger ?? CONSOLE_LOGGER;
    this.#onDelivered = deps.onDelivered ?? (() => {});
    let head =
      'HTTP/1.1 200 OK\r\n' +
      'content-type: text/event-stream; charset=utf-8\r\n' +
      'cache-control: no-cache, no-transform\r\n' +
      'x-accel-buffering: no\r\n' +
      'connection: keep-alive\r\n';
    for (const [name, value] of Object.entries(deps.headers ?? {})) {
      if (!HEADER_NAME.test(name) || /[\r\n\0]/.test(value))
        throw new TypeError(`invalid SSE header ${name}`);
      head += `${name}: ${value}\r\n`;
    }
    this.#head = Buffer.from(head + '\r\n', 'latin1');
  }

  /** Subscribes to the bus and starts heartbeats; resolves once the site stream knows its position. */
  async start(): Promise<void> {
    if (this.#started) throw new Error('SseHub already started');
    this.#started = true;
    const positioned = this.#events.lastGlobalId().then((id) => {
      this.#siteLast = id;
    });
    // Events published while the position loads queue up behind it.
    this.#queue = positioned.catch(() => {});
    this.#unsubscribe = this.#bus.subscribe((event) => this.#enqueue(event));
    this.#unsubscribePrivate = this.#bus.subscribePrivate((event) => this.#enqueuePrivate(event));
    this.#stopResync = this.#bus.onReconnect?.(() => this.resync());
    this.#heartbeat = setInterval(() => this.#tick(), this.#heartbeatMs);
    this.#heartbeat.unref();
    await positioned;
  }

  /**
   * Streams a story to `res`, which must be untouched (the HTTP layer hijacks it). `since` is the
   * `?since=` query value; the request's Last-Event-ID header takes precedence (see `resumePoint`).
   */
  attachStory(
    storyId: string,
    since: number | string | undefined,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    this.#attach('story', storyId, resumePoint(req, since), res);
  }

  /** Streams the site-wide channel (ids are `globalId`) to `res`; `since` as for `attachStory`. */
  attachSite(since: number | string | undefined, req: IncomingMessage, res: ServerResponse): void {
    this.#attach('site', '', resumePoint(req, since), res);
  }

  /** Current connections per channel. */
  stats(): SseHubStats {
    const stories: Record<string, number> = {};
    let total = 0;
    for (const [id, channel] of this.#stories) {
      if (channel.conns.size === 0) continue;
      stories[id] = channel.conns.size;
      total += channel.conns.size;
    }
    const site = this.#site?.conns.size ?? 0;
    return { total: total + site, site, stories, slowReadersCut: this.#slowReadersCut };
  }

  /**
   * Stops taking events and ends every stream (readers reconnect, with jitter, to another node or
   * to this one restarted); resolves when all sockets have closed.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribePrivate?.();
    this.#stopResync?.();
    clearInterval(this.#heartbeat);
    const closing: Promise<void>[] = [];
    for (const channel of this.#channels()) {
      for (const conn of channel.conns) {
        closing.push(new Promise((resolve) => conn.socket.once('close', () => resolve())));
        conn.socket.end();
      }
    }
    // end() waits for queued bytes to flush; a reader that stopped reading would hold close() forever.
    const force = setTimeout(() => {
      for (const channel of this.#channels()) for (const conn of channel.conns) conn.socket.destroy();
    }, CLOSE_GRACE_MS);
    force.unref();
    await Promise.all(closing);
    clearTimeout(force);
  }

  /**
   * Delivers every event in the log after the newest one this hub has seen, as if the bus had
   * carried them: for a bus that reconnected after losing what it cannot replay. Duplicates are
   * dropped by the usual `(storyId, seq)` check.
   */
  resync(): Promise<void> {
    const done = this.#queue.then(async () => {
      let after = this.#siteLast ?? 0;
      for (;;) {
        if (this.#closed) return;
        const page = await this.#events.listAfterGlobal(after, REPLAY_PAGE);
        for (const event of page) {
          await this.#handle(event);
          after = Math.max(after, event.globalId);
        }
        if (page.length < REPLAY_PAGE) return;
      }
    });
    this.#queue = done.catch((error: unknown) => {
      this.#log.error({ err: error }, 'could not re-read live events from the log after a reconnect');
    });
    return this.#queue;
  }

  #enqueue(event: LiveEvent): void {
    this.#queue = this.#queue
      .then(() => this.#handle(event))
      .catch((error: unknown) => {
        this.#log.error({ err: error, storyId: event.storyId, seq: event.seq }, 'live event dropped');
      });
  }

  /** Queued behind the public events, so a refresh never overtakes the event it refreshes. */
  #enqueuePrivate(event: PrivateEvent): void {
    if (event.kind === 'layer') {
      this.#queue = this.#queue
        .then(() => this.#refreshCards(event.deskId))
        .catch((error: unknown) => {
          this.#log.error({ err: error, deskId: event.deskId }, 'live map cards refresh dropped');
        });
      return;
    }
    // Only a change of the public article: names now linked, or citations changed.
    if (!(event.kind === 'cited' || (event.kind === 'enriched' && event.namesLinked))) return;
    if (this.#formatArticle === undefined || !this.#stories.has(event.storyId)) return;
    const { storyId, updateId } = event;
    this.#queue = this.#queue
      .then(() => this.#refreshArticle(storyId, updateId))
      .catch((error: unknown) => {
        this.#log.error({ err: error, storyId, updateId }, 'live article refresh dropped');
      });
  }

  /**
   * Sends the desk's open story pages their map cards as they now are, without an id (as for articles:
   * a reader who was away sees them on the next reload).
   */
  async #refreshCards(deskId: string): Promise<void> {
    if (this.#formatCards === undefined) return;
    for (const [storyId, channel] of this.#stories) {
      if (channel.conns.size === 0) continue;
      const data = await this.#formatCards(storyId, deskId);
      if (this.#closed || data === null) continue;
      const bytes = createSseFrame({ event: 'cards', data });
      for (const conn of channel.conns) if (conn.held === null) this.#send(conn, bytes);
    }
  }

  /** Sends an update's current public article to the story's readers, without an id (see the top). */
  async #refreshArticle(storyId: string, updateId: string): Promise<void> {
    const data = await this.#formatArticle?.(storyId, updateId);
    const channel = this.#stories.get(storyId);
    if (this.#closed || data === null || data === undefined || channel === undefined) return;
    const held = channel.ring.newestOf(`u:${updateId}`);
    if (held !== undefined && held.type !== 'delete') {
      // The same id and type with the new article: a resuming reader replays what a reload shows.
      held.bytes = createSseFrame({ event: held.type, id: held.id, data });
      held.asUpdate = undefined;
      this.#formatted.delete(held.globalId);
    }
    const bytes = createSseFrame({ event: 'edit', data });
    for (const conn of channel.conns) {
      // A reader replaying gets the ring's refreshed frame; a live one, this.
      if (conn.held === null) this.#send(conn, bytes);
    }
  }

  /** Delivers one bus event, plus any earlier ones the bus lost, to its story and to the site. */
  async #handle(event: LiveEvent): Promise<void> {
    if (this.#closed) return;
    for (const e of await this.#storyBacklog(event)) {
      // Nobody watching: skip formatting, but still advance, so a later channel knows where it starts.
      const text = this.#stories.has(e.storyId) ? await this.#formatCached(e) : undefined;
      const previous = this.#storyLast.get(e.storyId) ?? e.seq - 1;
      this.#storyLast.set(e.storyId, e.seq);
      // Looked up again after the await: the channel may have been created or evicted meanwhile.
      const channel = this.#stories.get(e.storyId);
      if (channel === undefined || text === undefined) continue;
      this.#deliver(channel, frameOf(e, e.seq, text.story), previous);
      this.#onDelivered(e, channel.conns.size, 'story');
      // Access is checked when a stream opens. A story taken back to draft is no longer public: end
      // every stream of it; those allowed to read drafts reconnect and resume, the rest get a 404.
      if (e.data.type === 'story' && e.data.story.status === 'draft') {
        for (const conn of channel.conns) conn.socket.end();
      }
    }

    for (const e of await this.#siteBacklog(event)) {
      const text = this.#site !== undefined ? await this.#formatCached(e) : undefined;
      const previous = this.#siteLast ?? e.globalId - 1;
      this.#siteLast = e.globalId;
      const channel = this.#site;
      if (channel === undefined || text === undefined || text.site === null) continue;
      this.#deliver(channel, frameOf(e, e.globalId, text.site), previous);
      this.#onDelivered(e, channel.conns.size, 'site');
    }
  }

  /**
   * The event formatted, once per globalId while it stays in the cache; undefined when it cannot be
   * (the event is then skipped, live and on replay: failing instead would stall the stream, or send
   * the reader into a reconnect loop on the same Last-Event-ID).
   */
  #formatCached(event: LiveEvent): Promise<FormattedEvent | undefined> {
    let text = this.#formatted.get(event.globalId);
    if (text === undefined) {
      text = this.#format(event).catch((error: unknown) => {
        this.#log.error(
          { err: error, storyId: event.storyId, seq: event.seq },
          'live event could not be formatted',
        );
        return undefined;
      });
      this.#formatted.set(event.globalId, text);
      if (this.#formatted.size > FORMAT_CACHE_SIZE) {
        const oldest = this.#formatted.keys().next();
        if (oldest.done !== true) this.#formatted.delete(oldest.value);
      }
    }
    return text;
  }

  /** The story events to deliver for `event`: none if already seen, else the missing ones and it. */
  async #storyBacklog(event: LiveEvent): Promise<LiveEvent[]> {
    let last = this.#storyLast.get(event.storyId);
    if (last === undefined) {
      // The first event of a story this hub sees. With several writers (nodes, workers) the bus may bring
      // seq 2 before 1, so start from where the log stood when readers began watching, not from this event.
      const start = this.#storyStart.get(event.storyId);
      this.#storyStart.delete(event.storyId);
      const position = start === undefined ? undefined : await start;
      if (position !== undefined && position < event.seq) last = position;
      const known = this.#storyLast.get(event.storyId);
      if (known !== undefined) last = known;
    }
    if (last !== undefined && event.seq <= last) return [];
    if (last === undefined || event.seq === last + 1) return [event];
    const missing = await this.#fill(
      last,
      event.seq,
      (after, limit) => this.#events.listAfter(event.storyId, after, limit),
      (e) => e.seq,
    );
    if (missing.length < event.seq - last - 1) {
      this.#log.warn(
        { storyId: event.storyId, after: last, before: event.seq },
        'live events missing from the log',
      );
    }
    return [...missing, event];
  }

  /** The events to pass through the site channel for `event`, in `globalId` order. */
  async #siteBacklog(event: LiveEvent): Promise<LiveEvent[]> {
    const last = this.#siteLast;
    if (last !== undefined && event.globalId <= last) return [];
    if (last === undefined || event.globalId === last + 1) return [event];
    // Gaps in globalId are normal (other nodes' ids, rolled-back sequences); the log says which are real.
    const missing = await this.#fill(
      last,
      event.globalId,
      (after, limit) => this.#events.listAfterGlobal(after, limit),
      (e) => e.globalId,
    );
    return [...missing, event];
  }

  /** Events with `after < id < before` from the log, oldest first; on a log error, what it got. */
  async #fill(
    after: number,
    before: number,
    list: (after: number, limit: number) => Promise<LiveEvent[]>,
    idOf: (e: LiveEvent) => number,
  ): Promise<LiveEvent[]> {
    const missing: LiveEvent[] = [];
    let cursor = after;
    try {
      while (cursor < before - 1) {
        const page = await list(cursor, REPLAY_PAGE);
        let progressed = false;
        for (const e of page) {
          const id = idOf(e);
          if (id <= cursor || id >= before) continue;
          missing.push(e);
          cursor = id;
          progressed = true;
        }
        if (!progressed || page.length < REPLAY_PAGE) break;
      }
    } catch (error) {
      this.#log.error({ err: error, after, before }, 'could not fill a gap in live events from the log');
    }
    return missing;
  }

  /** Appends a frame to the channel's ring and writes it to every reader that has not had it. */
  #deliver(channel: Channel, frame: Frame, previousId: number): void {
    channel.ring.push(frame, previousId);
    const bytes = frame.bytes;
    const limit = this.#maxBuffered;
    for (const conn of channel.conns) {
      if (conn.held !== null) {
        this.#hold(conn, frame);
        continue;
      }
      if (frame.id <= conn.lastId) continue;
      conn.lastId = frame.id;
      const socket = conn.socket;
      if (socket.writableLength > limit) this.#cut(conn);
      else socket.write(bytes);
    }
  }

  /** Queues a live frame behind a running replay; the same limit as for the socket applies. */
  #hold(conn: Connection, frame: Frame): void {
    const held = conn.held;
    if (held === null) return;
    if (conn.heldBytes + conn.socket.writableLength > this.#maxBuffered) {
      this.#cut(conn);
      return;
    }
    held.push(frame);
    conn.heldBytes += frame.bytes.length;
  }

  /**
   * Writes a frame unless the reader already has more than the limit queued, in which case it is cut
   * off. Checking what is queued, not queued plus this frame, lets a frame larger than the limit through.
   */
  #send(conn: Connection, bytes: Buffer): void {
    if (conn.socket.writableLength > this.#maxBuffered) this.#cut(conn);
    else conn.socket.write(bytes);
  }

  #cut(conn: Connection): void {
    if (conn.gone) return;
    this.#slowReadersCut++;
    this.#log.warn(
      { storyId: conn.channel.storyId || undefined, buffered: conn.socket.writableLength + conn.heldBytes },
      'slow SSE reader cut off',
    );
    this.#drop(conn);
    conn.socket.destroy();
  }

  #drop(conn: Connection): void {
    if (conn.gone) return;
    conn.gone = true;
    conn.held = null;
    const channel = conn.channel;
    channel.conns.delete(conn);
    if (channel.conns.size === 0) channel.idleSince = Date.now();
  }

  #attach(kind: ChannelKind, storyId: string, after: number | undefined, res: ServerResponse): void {
    const socket = res.socket;
    if (socket?.destroyed === true) return;
    if (res.headersSent) throw new Error('SseHub needs an untouched response');
    if (socket === null) {
      // Pipelined behind another response on the same connection: the socket is not ours to write to
      // yet. Answer through the response queue; EventSource retries with a fresh connection.
      res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain; charset=utf-8' }).end('Retry');
      return;
    }
    if (this.#closed) {
      res
        .writeHead(503, { 'retry-after': '5', 'content-type': 'text/plain; charset=utf-8' })
        .end('Shutting down');
      return;
    }
    const channel = kind === 'site' ? this.#siteChannel() : this.#storyChannel(storyId);
    const conn: Connection = { socket, channel, lastId: 0, held: null, heldBytes: 0, gone: false };
    // The head is written on the raw socket, so there is no chunked encoding and the stream ends when
    // the socket does: an HTTP/1.1 response without a length is delimited by connection close.
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.write(Buffer.concat([this.#head, createRetryFrame(jitterRetryMs(this.#retryMs))]));
    socket.on('close', () => this.#drop(conn));
    // 'close' follows every socket error; this listener only keeps the error from being unhandled.
    socket.on('error', () => {});
    channel.conns.add(conn);

    if (after === undefined) return;
    conn.lastId = after;
    const fromRing = channel.ring.after(after);
    if (fromRing !== null && fromRing.length > this.#maxReplay) {
      this.#sendReload(conn, fromRing.at(-1)?.id ?? after);
      return;
    }
    if (fromRing !== null) {
      const frames = replayFrames(fromRing);
      if (byteLength(frames) <= this.#maxBuffered) {
        for (const frame of frames) socket.write(frame);
        const newest = fromRing.at(-1);
        if (newest !== undefined) conn.lastId = newest.id;
        return;
      }
    }
    // Further behind than the ring by more than a replay may cover (ids never skip fewer events than
    // their difference on story channels; on the site channel a gap may make this reload a reader
    // that could have been replayed, which is harmless): no need to read the log to know.
    const floor = channel.ring.floor;
    if (fromRing === null && floor !== undefined && floor - after > this.#maxReplay) {
      this.#sendReload(conn, channel.ring.newest() ?? floor);
      return;
    }
    conn.held = [];
    this.#replay(conn, fromRing).catch((error: unknown) => {
      this.#log.error(
        { err: error, storyId: storyId || undefined, after },
        'SSE replay failed; reader disconnected',
      );
      this.#drop(conn);
      socket.destroy();
    });
  }

  /**
   * Tells a reader too far behind to reload the page (a fresh page is current and cheaper than the
   * history); the frame's id is the newest event, so a client that ignores it carries on live.
   */
  #sendReload(conn: Connection, newestId: number): void {
    conn.lastId = Math.max(conn.lastId, newestId);
    conn.socket.write(createSseFrame({ event: 'reload', id: conn.lastId, data: '{}' }));
  }

  /** Writes what the reader missed (from the ring, else the log), then what arrived meanwhile. */
  async #replay(conn: Connection, fromRing: Frame[] | null): Promise<void> {
    let replay: Replay | null = fromRing;
    const channel = conn.channel;
    if (replay === null && channel.warmed === undefined && this.#ringSize > 0) {
      await this.#warm(channel);
      const frames = channel.ring.after(conn.lastId);
      if (frames !== null)
        replay = frames.length > this.#maxReplay ? { reload: frames.at(-1)?.id ?? conn.lastId } : frames;
    }
    replay ??= await this.#loadReplay(channel, conn.lastId);
    if (conn.gone) return;
    if ('reload' in replay) {
      this.#sendReload(conn, replay.reload);
    } else {
      const newest = replay.at(-1);
      for (const bytes of replayFrames(replay)) if (!(await this.#writeReplay(conn, bytes))) return;
      if (newest !== undefined) conn.lastId = Math.max(conn.lastId, newest.id);
    }
    const held = conn.held ?? [];
    conn.held = null;
    conn.heldBytes = 0;
    for (const frame of held) {
      if (frame.id <= conn.lastId) continue;
      conn.lastId = frame.id;
      conn.socket.write(frame.bytes);
    }
  }

  /** Writes one replayed frame, waiting for the socket to drain; false once the reader is gone. */
  async #writeReplay(conn: Connection, bytes: Buffer): Promise<boolean> {
    if (conn.gone) return false;
    if (!conn.socket.write(bytes)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          conn.socket.off('drain', done);
          conn.socket.off('close', done);
          resolve();
        };
        conn.socket.on('drain', done);
        conn.socket.on('close', done);
      });
    }
    return !conn.gone;
  }

  /**
   * Fills a channel's ring from the log with its newest events, once per channel: after a restart (or
   * once a quiet story's channel was dropped) the ring holds only what arrived since, so every
   * resuming reader would read the log; after this they replay from memory. Runs on the event queue,
   * so no delivery interleaves: the ring then holds exactly the events up to the newest processed.
   */
  #warm(channel: Channel): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.#closed) return;
      const story = channel.kind === 'story';
      if (story && this.#stories.get(channel.storyId) !== channel) return;
      const known = story ? this.#storyLast.get(channel.storyId) : this.#siteLast;
      const last =
        known ?? (story ? await this.#events.lastSeq(channel.storyId) : await this.#events.lastGlobalId());
      const floor = Math.max(0, last - this.#ringSize);
      const events = story
        ? await this.#events.listAfter(channel.storyId, floor, this.#ringSize)
        : await this.#events.listAfterGlobal(floor, this.#ringSize);
      const frames: Frame[] = [];
      for (const e of events) {
        const id = story ? e.seq : e.globalId;
        if (id > last || (frames.at(-1)?.id ?? floor) >= id) continue;
        const text = await this.#formatCached(e);
        const data = story ? text?.story : text?.site;
        if (data !== undefined && data !== null) frames.push(frameOf(e, id, data));
      }
      channel.ring.reset(floor, frames);
      // Events up to `last` are in the ring now; later ones arrive from the bus (gaps filled from the log).
      if (story && known === undefined) {
        this.#storyLast.set(channel.storyId, last);
        this.#storyStart.delete(channel.storyId);
      }
    };
    if (channel.warmed === undefined) {
      const done = this.#queue.then(run);
      this.#queue = done.catch((error: unknown) => {
        this.#log.error({ err: error, storyId: channel.storyId || undefined }, 'could not fill a live ring');
      });
      channel.warmed = this.#queue;
    }
    return channel.warmed;
  }

  /** A channel's events after `after` from the log, formatted; concurrent identical loads share work. */
  #loadReplay(channel: Channel, after: number): Promise<Replay> {
    const key = `${channel.kind}:${channel.storyId}:${after}`;
    let replay = this.#loading.get(key);
    if (replay === undefined) {
      replay = this.#readReplay(channel, after).finally(() => this.#loading.delete(key));
      this.#loading.set(key, replay);
    }
    return replay;
  }

  async #readReplay(channel: Channel, after: number): Promise<Replay> {
    const story = channel.kind === 'story';
    // One more than allowed: reading it proves the reader is too far behind, without reading history.
    const limit = this.#maxReplay + 1;
    const events = story
      ? await this.#events.listAfter(channel.storyId, after, limit)
      : await this.#events.listAfterGlobal(after, limit);
    if (events.length === limit) {
      const newest = story ? await this.#events.lastSeq(channel.storyId) : await this.#events.lastGlobalId();
      return { reload: newest };
    }
    const frames: Frame[] = [];
    let cursor = after;
    for (const e of events) {
      const id = story ? e.seq : e.globalId;
      if (id <= cursor) continue;
      cursor = id;
      const text = await this.#formatCached(e);
      const data = story ? text?.story : text?.site;
      if (data !== undefined && data !== null) frames.push(frameOf(e, id, data));
    }
    return frames;
  }

  #storyChannel(storyId: string): Channel {
    let channel = this.#stories.get(storyId);
    if (channel === undefined) {
      if (!this.#storyLast.has(storyId) && !this.#storyStart.has(storyId)) {
        this.#storyStart.set(
          storyId,
          this.#events.lastSeq(storyId).catch(() => undefined),
        );
      }
      channel = new Channel('story', storyId, this.#ringSize, this.#storyLast.get(storyId));
      this.#stories.set(storyId, channel);
    }
    return channel;
  }

  #siteChannel(): Channel {
    this.#site ??= new Channel('site', '', this.#ringSize, this.#siteLast);
    return this.#site;
  }

  *#channels(): Iterable<Channel> {
    yield* this.#stories.values();
    if (this.#site !== undefined) yield this.#site;
  }

  /** Heartbeats every live reader and forgets story channels nobody has watched for a while. */
  #tick(): void {
    const idleBefore = Date.now() - this.#channelIdleMs;
    for (const channel of this.#channels()) {
      for (const conn of channel.conns) if (conn.held === null) this.#send(conn, HEARTBEAT_FRAME);
      if (channel.kind === 'story' && channel.conns.size === 0 && channel.idleSince < idleBefore) {
        this.#stories.delete(channel.storyId);
        this.#storyStart.delete(channel.storyId);
      }
    }
  }
}

/** Frames to replay, oldest first, or the newest id when the reader must reload instead. */
type Replay = Frame[] | { reload: number };

function frameOf(event: LiveEvent, id: number, data: string): Frame {
  const type = event.data.type;
  const subject = type === 'story' ? 'story' : `u:${event.data.update.id}`;
  return { id, globalId: event.globalId, bytes: createSseFrame({ event: type, id, data }), subject, type };
}

/**
 * What a replay of `frames` (consecutive, oldest first) writes: per subject only its newest frame, so
 * text that was since deleted or edited is not sent again. The reader still converges on the current
 * page: a deletion replays as `delete`, and an `edit` whose `update` was skipped replays as `update`
 * (a reader that never had the update adds it). The last frame is always kept, so the reader's
 * Last-Event-ID still ends at the newest event.
 */
function replayFrames(frames: Frame[]): Buffer[] {
  const newest = new Map<string, number>();
  frames.forEach((frame, i) => newest.set(frame.subject, i));
  const created = new Set<string>();
  const out: Buffer[] = [];
  frames.forEach((frame, i) => {
    if (newest.get(frame.subject) !== i) {
      if (frame.type === 'update') created.add(frame.subject);
      return;
    }
    if (frame.type === 'edit' && created.has(frame.subject)) {
      frame.asUpdate ??= Buffer.concat([UPDATE_LINE, frame.bytes.subarray(EDIT_LINE.length)]);
      out.push(frame.asUpdate);
    } else {
      out.push(frame.bytes);
    }
  });
  return out;
}

const EDIT_LINE = Buffer.from('event: edit\n');
const UPDATE_LINE = Buffer.from('event: update\n');

function byteLength(frames: Buffer[]): number {
  let total = 0;
  for (const bytes of frames) total += bytes.length;
  return total;
}

function checkInt(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`SseHub ${name} must be an integer >= ${min}`);
  return value;
}

const CONSOLE_LOGGER: SseHubLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};
