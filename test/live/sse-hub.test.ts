import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { after, afterEach, describe, it } from 'node:test';

import type { LiveEvent } from '../../src/domain/types.ts';
import { MemoryBus } from '../../src/live/memory/memory-bus.ts';
import type { FormattedEvent, SseHubDeps, SseHubLogger } from '../../src/live/sse-hub.ts';
import { SseHub } from '../../src/live/sse-hub.ts';
import type { EventLog } from '../../src/store/store.ts';
import { makeEvent, pollUntil, Waiter } from './live-fixtures.ts';
import { SseTestClient } from './sse-client.ts';

/** An EventLog in memory, whose reads can be held back to test what happens while a replay loads. */
class FakeEventLog implements EventLog {
  readonly events: LiveEvent[] = [];
  reads = 0;
  #gate: Promise<void> | undefined;

  append(event: LiveEvent): void {
    this.events.push(event);
  }

  /** Holds every read until the returned function is called. */
  hold(): () => void {
    let release = (): void => {};
    this.#gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.#gate = undefined;
      release();
    };
  }

  async listAfter(storyId: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
    this.reads++;
    await this.#gate;
    return this.events.filter((e) => e.storyId === storyId && e.seq > afterSeq).slice(0, limit);
  }

  async listAfterGlobal(afterId: number, limit: number): Promise<LiveEvent[]> {
    this.reads++;
    await this.#gate;
    return this.events.filter((e) => e.globalId > afterId).slice(0, limit);
  }

  async lastGlobalId(): Promise<number> {
    return this.events.at(-1)?.globalId ?? 0;
  }

  async lastSeq(storyId: string): Promise<number> {
    return Math.max(0, ...this.events.filter((e) => e.storyId === storyId).map((e) => e.seq));
  }
}

/** Pretty-printed JSON, so every test also crosses multi-line data; stories named draft-* stay off the site. */
async function format(event: LiveEvent): Promise<FormattedEvent> {
  const data = event.data;
  if ((data.type === 'update' || data.type === 'edit') && data.update.body === 'unformattable') {
    throw new Error('renderer bug');
  }
  const payload = data.type === 'story' ? { type: data.type } : { type: data.type, id: data.update.id };
  const body = data.type === 'update' || data.type === 'edit' ? data.update.body : null;
  const story = JSON.stringify({ ...payload, seq: event.seq, body }, null, 2);
  const site = event.storyId.startsWith('draft')
    ? null
    : JSON.stringify({ ...payload, story: event.storyId, body });
  return { story, site };
}

/** An in-process bus that can announce a reconnect, as a network bus does after an outage. */
class ReconnectingBus extends MemoryBus {
  readonly #handlers = new Set<() => void>();

  onReconnect(handler: () => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  reconnected(): void {
    for (const handler of this.#handlers) handler();
  }
}

/** A hub behind a real HTTP server, with a publisher that writes to the log and then the bus. */
class Harness {
  readonly bus = new ReconnectingBus();
  readonly log = new FakeEventLog();
  readonly warnings: string[] = [];
  readonly hub: SseHub;
  readonly server: http.Server;
  readonly waiter = new Waiter();
  /** Responses to /held wait for `release()`. */
  release: () => void = () => {};
  readonly held = new Promise<void>((resolve) => (this.release = resolve));
  readonly #seqs = new Map<string, number>();
  #globalId = 0;
  #clients: SseTestClient[] = [];

  constructor(options: Partial<SseHubDeps> = {}) {
    const logger: SseHubLogger = {
      info: () => {},
      warn: (_obj, msg) => {
        this.warnings.push(msg);
        this.waiter.notify();
      },
      error: (_obj, msg) => {
        this.warnings.push(msg);
        this.waiter.notify();
      },
    };
    this.hub = new SseHub({ bus: this.bus, events: this.log, format, logger, ...options });
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const since = url.searchParams.get('since') ?? undefined;
      const story = /^\/stories\/([^/]+)\/live$/.exec(url.pathname)?.[1];
      if (story !== undefined) this.hub.attachStory(story, since, req, res);
      else if (url.pathname === '/live') this.hub.attachSite(since, req, res);
      else if (url.pathname === '/held') void this.held.then(() => res.writeHead(200).end('held'));
      else res.writeHead(404).end();
    });
  }

  async start(): Promise<this> {
    await this.hub.start();
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Connects a client and waits for the response head. */
  async connect(path: string, opts: { lastEventId?: string } = {}): Promise<SseTestClient> {
    const client = new SseTestClient(this.url(path), opts);
    this.#clients.push(client);
    await client.connected();
    return client;
  }

  /** Commits the next event of `storyId` to the log; publishes it on the bus unless `publish` is false. */
  async publish(
    storyId: string,
    opts: { type?: 'update' | 'edit' | 'delete'; body?: string; publish?: boolean } = {},
  ): Promise<LiveEvent> {
    const seq = (this.#seqs.get(storyId) ?? 0) + 1;
    this.#seqs.set(storyId, seq);
    const event = makeEvent(storyId, seq, ++this.#globalId, opts);
    this.log.append(event);
    if (opts.publish !== false) await this.bus.publish(event);
    return event;
  }

  async stop(): Promise<void> {
    await this.hub.close();
    for (const client of this.#clients) await client.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.bus.close();
  }
}

const harnesses: Harness[] = [];
async function harness(options: Partial<SseHubDeps> = {}): Promise<Harness> {
  const h = new Harness(options);
  harnesses.push(h);
  return h.start();
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});

/** Sequence numbers 1..n or from..to. */
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('SseHub story stream', () => {
  it('sends an SSE head and a jittered retry, then each published update with its seq as id', async () => {
    const h = await harness({ retryMs: 2000 });
    const client = await h.connect('/stories/syria/live');
    assert.equal(client.status, 200);
    assert.equal(client.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(client.headers['cache-control'], 'no-cache, no-transform');
    assert.equal(client.headers['x-accel-buffering'], 'no');
    assert.equal(client.headers['transfer-encoding'], undefined);

    await h.publish('syria', { body: 'Shelling reported in Idlib' });
    await client.waitForEvents(1);
    const [event] = client.events;
    assert.equal(event?.event, 'update');
    assert.equal(event?.id, '1');
    assert.deepEqual(JSON.parse(event?.data ?? ''), {
      type: 'update',
      id: 'u-syria-1',
      seq: 1,
      body: 'Shelling reported in Idlib',
    });
    const retry = client.retries[0] ?? -1;
    assert.ok(retry >= 1000 && retry < 3000, `retry ${retry} within jitter range`);
  });

  it('splits multi-line data into one data line per line on the wire', async () => {
    const h = await harness();
    const client = await h.connect('/stories/syria/live');
    await h.publish('syria', { body: 'x' });
    await client.waitForEvents(1);
    assert.match(client.raw, /event: update\nid: 1\ndata: \{\ndata: {3}"type": "update",\n/);
    assert.equal(JSON.parse(client.events[0]?.data ?? '').body, 'x');
  });

  it('sends edits and deletions with their own event types, in order', async () => {
    const h = await harness();
    const client = await h.connect('/stories/iran/live');
    await h.publish('iran', { body: 'Readout of the call' });
    await h.publish('iran', { type: 'edit', body: 'Readout of the call (corrected)' });
    await h.publish('iran', { type: 'delete' });
    await client.waitForEvents(3);
    assert.deepEqual(
      client.events.map((e) => [e.event, e.id]),
      [
        ['update', '1'],
        ['edit', '2'],
        ['delete', '3'],
      ],
    );
    assert.equal(JSON.parse(client.events[1]?.data ?? '').body, 'Readout of the call (corrected)');
    assert.equal(JSON.parse(client.events[2]?.data ?? '').id, 'u-iran-3');
  });

  it('only sends a story its own events', async () => {
    const h = await harness();
    const syria = await h.connect('/stories/syria/live');
    const iran = await h.connect('/stories/iran/live');
    await h.publish('syria');
    await h.publish('iran');
    await h.publish('syria');
    await syria.waitForEvents(2);
    await iran.waitForEvents(1);
    assert.deepEqual(syria.ids(), [1, 2]);
    assert.deepEqual(iran.ids(), [1]);
  });

  it('delivers an event the bus repeats only once, and fills a gap the bus left from the log', async () => {
    const h = await harness();
    const client = await h.connect('/stories/syria/live');
    const first = await h.publish('syria');
    await h.bus.publish(first);
    await h.publish('syria', { publish: false });
    await h.publish('syria', { publish: false });
    await h.publish('syria');
    await h.bus.publish(first);
    await h.publish('syria');
    await client.waitForEvents(5);
    assert.deepEqual(client.ids(), [1, 2, 3, 4, 5]);
  });

  it('after the bus reconnects, delivers from the log what the bus lost, to story and site readers', async () => {
    const h = await harness();
    const story = await h.connect('/stories/syria/live');
    const site = await h.connect('/live');
    await h.publish('syria');
    await h.publish('syria', { publish: false });
    await h.publish('iran', { publish: false });
    await story.waitForEvents(1);
    h.bus.reconnected();
    await story.waitForEvents(2);
    await site.waitForEvents(3);
    assert.deepEqual(story.ids(), [1, 2]);
    assert.deepEqual(site.ids(), [1, 2, 3]);
    h.bus.reconnected();
    await h.publish('syria');
    await story.waitForEvents(3);
    assert.deepEqual(story.ids(), [1, 2, 3], 'a second re-sync repeats nothing');
  });

  it("delivers a story's first events in order even when the bus brings them out of order", async () => {
    const h = await harness();
    const reader = await h.connect('/stories/syria/live');
    const first = await h.publish('syria', { publish: false });
    const second = await h.publish('syria', { publish: false });
    // Another node's write (seq 2) reaches this node before the earlier one (seq 1).
    await h.bus.publish(second);
    await h.bus.publish(first);
    await reader.waitForEvents(2);
    assert.deepEqual(reader.ids(), [1, 2]);
  });

  it('resumes from the ring: a reconnecting reader gets exactly what it missed, without reading the log', async () => {
    const h = await harness({ ringSize: 16 });
    const first = await h.connect('/stories/syria/live');
    for (let i = 0; i < 3; i++) await h.publish('syria');
    await first.waitForEvents(3);
    await first.close();
    for (let i = 0; i < 3; i++) await h.publish('syria');
    const readsBefore = h.log.reads;

    const resumed = await h.connect('/stories/syria/live', { lastEventId: first.events.at(-1)?.id ?? '' });
    await resumed.waitForEvents(3);
    await h.publish('syria');
    await resumed.waitForEvents(4);
    assert.deepEqual(resumed.ids(), [4, 5, 6, 7]);
    assert.equal(h.log.reads, readsBefore);
  });

  it('resumes from the log when the ring no longer holds the missed events, no loss and no duplicates', async () => {
    const h = await harness({ ringSize: 2 });
    const first = await h.connect('/stories/syria/live');
    for (let i = 0; i < 3; i++) await h.publish('syria');
    await first.waitForEvents(3);
    await first.close();
    for (let i = 0; i < 5; i++) await h.publish('syria');

    const release = h.log.hold();
    const resumed = await h.connect('/stories/syria/live', { lastEventId: '3' });
    // Events published while the replay is loading must neither be lost nor come twice.
    await h.publish('syria');
    await h.publish('syria');
    release();
    await resumed.waitForEvents(7);
    await h.publish('syria');
    await resumed.waitForEvents(8);
    assert.deepEqual(resumed.ids(), range(4, 11));
    assert.ok(h.log.reads > 0);
  });

  it('replays from ?since= on a first connection, and lets Last-Event-ID win over it', async () => {
    const h = await harness();
    for (let i = 0; i < 5; i++) await h.publish('syria');
    const fromPage = await h.connect('/stories/syria/live?since=3');
    await fromPage.waitForEvents(2);
    assert.deepEqual(fromPage.ids(), [4, 5]);

    const reconnecting = await h.connect('/stories/syria/live?since=1', { lastEventId: '4' });
    await h.publish('syria');
    await reconnecting.waitForEvents(2);
    assert.deepEqual(reconnecting.ids(), [5, 6]);
  });

  it('treats a malformed Last-Event-ID as a fresh connection that replays nothing', async () => {
    const h = await harness();
    for (let i = 0; i < 3; i++) await h.publish('syria');
    const client = await h.connect('/stories/syria/live', { lastEventId: 'abc' });
    await h.publish('syria');
    await client.waitForEvents(1);
    assert.deepEqual(client.ids(), [4]);
  });

  it('cuts off a reader that stops reading, while others keep receiving everything', async () => {
    const h = await harness({ maxBufferedBytes: 64 * 1024 });
    const healthy = await h.connect('/stories/syria/live');
    const stalled = net.connect((h.server.address() as AddressInfo).port, '127.0.0.1');
    // Never reads: no 'data' listener, so the socket stays paused and the kernel buffers fill up.
    stalled.write('GET /stories/syria/live HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
    await pollUntil('stalled reader attached', () => h.hub.stats().total === 2);

    const body = 'x'.repeat(64 * 1024);
    let published = 0;
    while (!h.warnings.includes('slow SSE reader cut off') && published < 2000) {
      await h.publish('syria', { body });
      published++;
      await healthy.waitForEvents(published);
    }
    assert.ok(h.warnings.includes('slow SSE reader cut off'), `cut off after ${published} events`);
    assert.deepEqual(h.hub.stats(), { total: 1, site: 0, stories: { syria: 1 }, slowReadersCut: 1 });
    await h.publish('syria', { body: 'after' });
    await healthy.waitForEvents(published + 1);
    assert.deepEqual(healthy.ids(), range(1, published + 1));
    stalled.destroy();
  });

  it('skips an event that cannot be formatted, live and on replay, instead of stalling the stream', async () => {
    const h = await harness({ ringSize: 0 });
    const live = await h.connect('/stories/syria/live');
    await h.publish('syria');
    await h.publish('syria', { body: 'unformattable' });
    await h.publish('syria');
    await live.waitForEvents(2);
    assert.deepEqual(live.ids(), [1, 3]);
    const resumed = await h.connect('/stories/syria/live', { lastEventId: '0' });
    await resumed.waitForEvents(2);
    await h.publish('syria');
    await resumed.waitForEvents(3);
    assert.deepEqual(resumed.ids(), [1, 3, 4]);
    assert.equal(resumed.ended, false);
  });

  it('sends heartbeat comments on idle streams', async () => {
    const h = await harness({ heartbeatMs: 20 });
    const client = await h.connect('/stories/syria/live');
    await client.waitFor('two heartbeats', () => client.comments.length >= 2);
    assert.equal(client.events.length, 0);
  });
});

describe('SseHub site stream', () => {
  it('uses globalId as the id and leaves out events the formatter keeps off the site', async () => {
    const h = await harness();
    const site = await h.connect('/live');
    await h.publish('syria');
    await h.publish('draft-iran');
    await h.publish('iran');
    await h.publish('syria', { type: 'edit' });
    await site.waitForEvents(3);
    assert.deepEqual(site.ids(), [1, 3, 4]);
    assert.deepEqual(
      site.events.map((e) => JSON.parse(e.data).story),
      ['syria', 'iran', 'syria'],
    );
  });

  it('resumes by globalId from the ring and from the log', async () => {
    const h = await harness({ ringSize: 2 });
    const site = await h.connect('/live');
    await h.publish('syria');
    await site.waitForEvents(1);
    await site.close();
    await h.publish('iran');
    await h.publish('draft-x');
    await h.publish('syria');

    const fromRing = await h.connect('/live', { lastEventId: '2' });
    await fromRing.waitForEvents(1);
    const fromLog = await h.connect('/live', { lastEventId: '1' });
    await fromLog.waitForEvents(2);
    await h.publish('iran');
    await fromRing.waitForEvents(2);
    await fromLog.waitForEvents(3);
    assert.deepEqual(fromRing.ids(), [4, 5]);
    assert.deepEqual(fromLog.ids(), [2, 4, 5]);
  });

  it('starts from the newest event in the log, so events from before the hub started are not replayed live', async () => {
    const bus = new MemoryBus();
    const log = new FakeEventLog();
    log.append(makeEvent('syria', 1, 1));
    const hub = new SseHub({ bus, events: log, format });
    await hub.start();
    const server = http.createServer((req, res) => hub.attachSite(undefined, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    after(async () => {
      await hub.close();
      server.close();
    });
    const site = new SseTestClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await site.connected();
    // A late bus delivery of an event from before start() is a duplicate for the site stream.
    await bus.publish(makeEvent('syria', 1, 1));
    const next = makeEvent('syria', 2, 2);
    log.append(next);
    await bus.publish(next);
    await site.waitForEvents(1);
    assert.deepEqual(site.ids(), [2]);
    await site.close();
  });
});

describe('SseHub lifecycle', () => {
  it('counts connections per channel and forgets those that close', async () => {
    const h = await harness();
    const a = await h.connect('/stories/syria/live');
    await h.connect('/stories/syria/live');
    await h.connect('/stories/iran/live');
    await h.connect('/live');
    await pollUntil('4 attached', () => h.hub.stats().total === 4);
    assert.deepEqual(h.hub.stats(), { total: 4, site: 1, stories: { syria: 2, iran: 1 }, slowReadersCut: 0 });
    await a.close();
    await h.publish('syria');
    await pollUntil('3 attached', () => h.hub.stats().total === 3);
  });

  it('answers a stream request pipelined behind another on one connection with 503, not silence', async () => {
    const h = await harness();
    const port = Number(new URL(h.url('/')).port);
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      h.waiter.notify();
    });
    // The stream request arrives while the first response is still being prepared.
    socket.write('GET /held HTTP/1.1\r\nHost: x\r\n\r\nGET /live HTTP/1.1\r\nHost: x\r\n\r\n');
    h.release();
    await h.waiter.until('two responses', () => /HTTP\/1\.1 503[\s\S]*Retry/.test(received));
    assert.match(received, /^HTTP\/1\.1 200[\s\S]*held/);
    socket.destroy();
  });

  it('close() ends every stream and refuses new ones', async () => {
    const h = await harness();
    const story = await h.connect('/stories/syria/live');
    const site = await h.connect('/live');
    await h.publish('syria');
    await story.waitForEvents(1);
    await h.hub.close();
    await story.waitForEnd();
    await site.waitForEnd();
    assert.equal(h.hub.stats().total, 0);
    const late = await h.connect('/stories/syria/live');
    assert.equal(late.status, 503);
  });
});
