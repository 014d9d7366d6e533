/**
 * The Redis Streams bus against a real server: `DATELINE_TEST_REDIS_URL`, default the local one.
 * Without a reachable server the tests are skipped, except under CI=true, where that is a failure.
 * Every bus gets a random prefix, so runs never see each other's events.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, describe, it } from 'node:test';

import { Redis } from 'ioredis';

import type { LiveEvent } from '../../src/domain/types.ts';
import type { LiveBus } from '../../src/live/bus.ts';
import { MemoryBus } from '../../src/live/memory/memory-bus.ts';
import { openBus } from '../../src/live/open-bus.ts';
import { RedisBus, type RedisBusOptions } from '../../src/live/redis/redis-bus.ts';
import { createTestApp } from '../support/test-app.ts';
import { runBusContract } from './bus-contract.ts';
import { makeEvent, pollUntil, Waiter } from './live-fixtures.ts';

const REDIS_URL = process.env.DATELINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVER = new URL(REDIS_URL);

/** Why Redis cannot be used, or undefined when it answers PING. */
async function unreachable(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  let cause: unknown;
  client.on('error', (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    cause ??= error;
    return `Redis not reachable at ${SERVER.host}: ${cause instanceof Error ? cause.message : String(cause)}`;
  } finally {
    client.disconnect();
  }
}

const reason = await unreachable();
if (reason !== undefined && process.env.CI === 'true') throw new Error(`${reason} (CI=true needs it)`);

const prefixes: string[] = [];
function randomPrefix(): string {
  const prefix = `test-${randomBytes(6).toString('hex')}`;
  prefixes.push(prefix);
  return prefix;
}

/** Quiet buses that reconnect fast; options override. */
function openRedisBus(prefix: string, options: Partial<RedisBusOptions> = {}): Promise<RedisBus> {
  return RedisBus.open({
    url: REDIS_URL,
    prefix,
    maxReconnectDelayMs: 100,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    onError: () => {},
    ...options,
  });
}

/**
 * A TCP proxy in front of Redis: `cut()` drops every connection and refuses new ones until
 * `restore()`, like a network failure between one node and Redis.
 */
class CutProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #down = false;

  constructor() {
    this.#server = net.createServer((client) => {
      if (this.#down) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: SERVER.hostname, port: Number(SERVER.port || 6379) });
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.#sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.#sockets.delete(from);
          to.destroy();
        });
      }
    });
  }

  /** Listens on a free loopback port; resolves with a Redis URL through the proxy. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const url = new URL(REDIS_URL);
    url.hostname = '127.0.0.1';
    url.port = String((this.#server.address() as net.AddressInfo).port);
    return url.toString();
  }

  cut(): void {
    this.#down = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  restore(): void {
    this.#down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

/** Collects what one subscriber receives. */
function collect(bus: LiveBus, waiter: Waiter): LiveEvent[] {
  const events: LiveEvent[] = [];
  bus.subscribe((event) => {
    events.push(event);
    waiter.notify();
  });
  return events;
}

describe('RedisBus', { skip: reason ?? false }, () => {
  const open: LiveBus[] = [];
  const proxies: CutProxy[] = [];
  const track = <T extends LiveBus>(bus: T): T => {
    open.push(bus);
    return bus;
  };
  const proxy = async (): Promise<[CutProxy, string]> => {
    const p = new CutProxy();
    proxies.push(p);
    return [p, await p.start()];
  };
  after(async () => {
    await Promise.all(open.map((bus) => bus.close()));
    await Promise.all(proxies.map((p) => p.close()));
    if (prefixes.length > 0) {
      const admin = new Redis(REDIS_URL);
      await admin.del(...prefixes.map((prefix) => `${prefix}:live`));
      admin.disconnect();
    }
  });

  runBusContract('redis', () => openRedisBus(randomPrefix()), {
    makeNodes: async () => {
      const prefix = randomPrefix();
      return [await openRedisBus(prefix), await openRedisBus(prefix)];
    },
  });

  it('does not deliver between deployments with different prefixes', async () => {
    const a = track(await openRedisBus(randomPrefix()));
    const prefix = randomPrefix();
    const b = track(await openRedisBus(prefix));
    const c = track(await openRedisBus(prefix));
    const waiter = new Waiter();
    const onB = collect(b, waiter);
    await a.publish(makeEvent('other-deployment', 1, 1));
    await c.publish(makeEvent('same-deployment', 1, 1));
    await waiter.until('event of the same deployment', () => onB.length === 1);
    // Had the prefix been ignored, A's event, stored first, would have been read first.
    assert.deepEqual(
      onB.map((e) => e.storyId),
      ['same-deployment'],
    );
  });

  it('reconnects by itself after CLIENT KILL and tells its reconnect handlers', async () => {
    const prefix = randomPrefix();
    const a = track(await openRedisBus(prefix));
    const b = track(await openRedisBus(prefix));
    const waiter = new Waiter();
    let reconnects = 0;
    b.onReconnect(() => {
      reconnects++;
      waiter.notify();
    });
    const onB = collect(b, waiter);
    const admin = new Redis(REDIS_URL);
    try {
      const list = await admin.client('LIST');
      const ids = String(list)
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}:`))
        .map((line) => /\bid=(\d+)/.exec(line)?.[1]);
      assert.equal(ids.length, 4, 'a reader and a writer per bus');
      for (const id of ids) if (id !== undefined) await admin.client('KILL', 'ID', id);
    } finally {
      admin.disconnect();
    }
    await waiter.until('reconnect handler', () => reconnects === 1);
    await pollUntil('B ready again', () => b.isReady());
    await a.publish(makeEvent('s1', 1, 1));
    await waiter.until('event after the reconnect', () => onB.length === 1);
  });

  it('replays what other nodes published while its connection was down', async () => {
    const prefix = randomPrefix();
    const [cut, viaProxy] = await proxy();
    const a = track(await openRedisBus(prefix));
    const b = track(await openRedisBus(prefix, { url: viaProxy }));
    const waiter = new Waiter();
    const onB = collect(b, waiter);
    let reconnects = 0;
    b.onReconnect(() => reconnects++);
    await a.publish(makeEvent('s1', 1, 1));
    await waiter.until('event before the outage', () => onB.length === 1);

    cut.cut();
    await pollUntil('B not ready', () => !b.isReady());
    for (let seq = 2; seq <= 21; seq++) await a.publish(makeEvent('s1', seq, seq));
    assert.equal(onB.length, 1);
    cut.restore();

    await pollUntil('B ready again', () => b.isReady());
    await waiter.until('events published during the outage', () => onB.length === 21);
    await a.publish(makeEvent('s1', 22, 22));
    await waiter.until('event after the outage', () => onB.length === 22);
    assert.deepEqual(
      onB.map((e) => e.seq),
      Array.from({ length: 22 }, (_, i) => i + 1),
    );
    assert.equal(reconnects, 1);
  });

  it('a node whose bus is cut says so on /readyz and is ready again by itself when it comes back', async () => {
    const [cut, viaProxy] = await proxy();
    const url = new URL(viaProxy);
    url.searchParams.set('prefix', randomPrefix());
    const node = await createTestApp({ env: { DATELINE_BUS_URL: url.toString() } });
    try {
      const readyz = async () => {
        const res = await node.app.inject({ url: '/readyz' });
        return { status: res.statusCode, checks: res.json<{ checks: unknown }>().checks };
      };
      assert.deepEqual(await readyz(), { status: 200, checks: { database: 'ok', bus: 'ok' } });
      cut.cut();
      await pollUntil('bus reported down', () => !node.bus.isReady());
      assert.deepEqual(await readyz(), { status: 503, checks: { database: 'ok', bus: 'down' } });
      cut.restore();
      await pollUntil('bus back', () => node.bus.isReady());
      assert.equal((await readyz()).status, 200);
    } finally {
      await node.close();
    }
  });

  it('sends what it published while its connection was down once it is back', async () => {
    const prefix = randomPrefix();
    const [cut, viaProxy] = await proxy();
    const a = track(await openRedisBus(prefix, { url: viaProxy, publishTimeoutMs: 100 }));
    const b = track(await openRedisBus(prefix));
    const waiter = new Waiter();
    const onA = collect(a, waiter);
    const onB = collect(b, waiter);

    cut.cut();
    await pollUntil('A not ready', () => !a.isReady());
    const first = makeEvent('s1', 1, 1);
    // Not acknowledged while Redis is out of reach: the write request is not held up for long...
    await assert.rejects(a.publish(first), /did not acknowledge/);
    // ...while this node's own readers have it at once.
    assert.deepEqual(onA, [first]);
    const rest = [2, 3, 4].map((seq) => makeEvent('s1', seq, seq));
    const published = rest.map((event) => a.publish(event).catch(() => {}));
    cut.restore();

    await waiter.until('queued events on the other node', () => onB.length === 4);
    await Promise.all(published);
    assert.deepEqual(onB, [first, ...rest]);
    assert.equal(onA.length, 4);
  });

  it('delivers events published just before close to the other nodes', async () => {
    const prefix = randomPrefix();
    const a = await openRedisBus(prefix);
    const b = track(await openRedisBus(prefix));
    const waiter = new Waiter();
    const onB = collect(b, waiter);
    for (let seq = 1; seq <= 50; seq++) void a.publish(makeEvent('s1', seq, seq));
    await a.close();
    assert.equal(a.isReady(), false);
    await waiter.until('all events on B', () => onB.length === 50);
  });

  it('reports an entry that is not a live event and delivers the next one', async () => {
    const prefix = randomPrefix();
    const errors: unknown[] = [];
    const b = track(await openRedisBus(prefix, { onError: (error) => errors.push(error) }));
    const a = track(await openRedisBus(prefix));
    const waiter = new Waiter();
    const onB = collect(b, waiter);
    const admin = new Redis(REDIS_URL);
    await admin.xadd(`${prefix}:live`, '*', 'o', 'elsewhere', 'e', '{"not":"an event"}');
    admin.disconnect();
    await a.publish(makeEvent('s1', 1, 1));
    await waiter.until('valid event', () => onB.length === 1);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /not a live event/);
  });

  it('reads a stream that restarted behind its position from the start', async () => {
    const prefix = randomPrefix();
    const [cut, viaProxy] = await proxy();
    const a = track(await openRedisBus(prefix));
    const b = track(await openRedisBus(prefix, { url: viaProxy }));
    const waiter = new Waiter();
    const onB = collect(b, waiter);
    await a.publish(makeEvent('s1', 1, 1));
    await waiter.until('first event', () => onB.length === 1);

    cut.cut();
    await pollUntil('B not ready', () => !b.isReady());
    // As after a Redis restart with its clock behind: the stream is new and its ids are lower.
    const admin = new Redis(REDIS_URL);
    await admin.del(`${prefix}:live`);
    await admin.xadd(`${prefix}:live`, '1-1', 'o', 'elsewhere', 'e', JSON.stringify(makeEvent('s1', 2, 2)));
    admin.disconnect();
    cut.restore();

    await waiter.until('event in the restarted stream', () => onB.length === 2);
    assert.equal(onB[1]?.seq, 2);
  });

  it('fails to open with a clear error that names the server but not the password', async () => {
    await assert.rejects(
      RedisBus.open({
        url: 'redis://user:s3cret@127.0.0.1:1',
        connectTimeoutMs: 1000,
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      }),
      (error: Error) => {
        assert.match(error.message, /cannot reach the live bus at redis:\/\/127\.0\.0\.1:1/);
        assert.doesNotMatch(error.message, /s3cret/);
        return true;
      },
    );
  });

  it('rejects a prefix that could not be a key name', async () => {
    await assert.rejects(openRedisBus('has space'), /prefix/);
  });
});

describe('openBus', () => {
  it('opens the in-process bus without a URL', async () => {
    const bus = await openBus(undefined);
    assert.ok(bus instanceof MemoryBus);
    await bus.close();
    assert.ok((await openBus('')) instanceof MemoryBus);
  });

  it(
    'opens the Redis bus for a redis:// URL, taking the prefix from the URL',
    { skip: reason ?? false },
    async () => {
      const prefix = randomPrefix();
      const url = new URL(REDIS_URL);
      url.searchParams.set('prefix', prefix);
      const bus = await openBus(url.toString(), { prefix: 'ignored', onError: () => {} });
      try {
        assert.ok(bus instanceof RedisBus);
        assert.equal(bus.isReady(), true);
        await bus.publish(makeEvent('s1', 1, 1));
        const admin = new Redis(REDIS_URL);
        const length = await admin.xlen(`${prefix}:live`);
        admin.disconnect();
        assert.equal(length, 1);
      } finally {
        await bus.close();
      }
    },
  );

  it('refuses other schemes without echoing the URL', async () => {
    await assert.rejects(openBus('nats://user:pw@127.0.0.1:4222'), (error: Error) => {
      assert.match(error.message, /scheme "nats:"/);
      assert.doesNotMatch(error.message, /pw/);
      return true;
    });
    await assert.rejects(openBus('localhost:6379'), /scheme "localhost:"/);
  });
});
