/**
 * Outbound webhooks end to end: admins manage subscribers over the API; publish, edit (with a claim
 * change) and delete reach a subscriber as signed POSTs; failures are retried with backoff and logged;
 * a hung subscriber neither delays publishing nor the other subscribers, is timed out even after a
 * garbage collection, and every attempt in flight is logged when the node closes.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import BetterSqlite3 from 'better-sqlite3';
import type { Story } from '../../src/domain/types.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { WebhookDelivery } from '../../src/store/webhooks.ts';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/webhooks/webhook-signature.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A subscriber endpoint whose answer the test chooses per request. */
class Receiver {
  readonly received: Received[] = [];
  readonly hung: ServerResponse[] = [];
  #server: Server;
  #waiters: { count: number; resolve: () => void }[] = [];
  url = '';

  constructor(private answer: (n: number) => number | 'hang') {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        const answer = this.answer(this.received.length);
        if (answer === 'hang') this.hung.push(res);
        else res.writeHead(answer).end();
        this.#waiters = this.#waiters.filter((w) =>
          this.received.length >= w.count ? (w.resolve(), false) : true,
        );
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

describe('outbound webhooks', () => {
  let t: TestApp;
  let story: Story;
  const receivers: Receiver[] = [];
  const receiver = async (answer: (n: number) => number | 'hang') => {
    const r = await new Receiver(answer).start();
    receivers.push(r);
    return r;
  };
  const api = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    token: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: t.auth(token),
      ...(payload !== undefined && { payload }),
    });
  const subscribe = async (url: string): Promise<{ id: string; secret: string }> => {
    const res = await api('POST', '/webhooks', t.adminToken, { url });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const unsubscribe = async (id: string) =>
    assert.equal((await api('DELETE', `/webhooks/${id}`, t.adminToken)).statusCode, 204);
  /** Waits until the subscriber's log satisfies `done` (the dispatcher is woken to look again). */
  const logUntil = async (
    id: string,
    done: (log: WebhookDelivery[]) => boolean,
  ): Promise<WebhookDelivery[]> => {
    for (;;) {
      const log = await t.store.webhooks.listDeliveries({ subscriberId: id, limit: 50 });
      if (done(log)) return log;
      await new Promise((resolve) => setTimeout(resolve, 10));
      t.webhooks.wake();
    }
  };

  before(async () => {
    t = await createTestApp({
      // Long enough that on a busy machine a slow answer is not a failed attempt (nor its lease, twice
      // the timeout, runs out and the delivery is taken again); short enough for the hung subscriber.
      // The receivers listen on loopback, which only the operator's allow-list lets webhooks reach.
      env: { DATELINE_OUTBOUND_ALLOW: '127.0.0.1' },
      webhooks: { timeoutMs: 5_000, retryBaseMs: 30, retryMaxMs: 200, maxAttempts: 3, pollMs: 20 },
    });
    story = await t.liveBlog.createStory({ headline: 'Border crossing' });
  });
  after(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('lets admins add, list and remove subscribers, and nobody else', async () => {
    const editor = await api('POST', '/webhooks', t.editorToken, { url: 'https://partner.example/hook' });
    assert.equal(editor.statusCode, 403);
    const bad = await api('POST', '/webhooks', t.adminToken, { url: 'ftp://partner.example/hook' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ field: string }>().field, 'url');
    const created = await subscribe('https://partner.example/hook');
    assert.ok(created.secret.length >= 16, 'a generated secret, shown once');
    const list = (await api('GET', '/webhooks', t.adminToken)).json<{ items: Record<string, unknown>[] }>();
    assert.deepEqual(
      list.items.map((i) => i['url']),
      ['https://partner.example/hook'],
    );
    assert.ok(!('secret' in list.items[0]!), 'the secret is not listed');
    await unsubscribe(created.id);
    assert.equal((await api('DELETE', `/webhooks/${created.id}`, t.adminToken)).statusCode, 404);
    assert.equal((await api('GET', '/webhooks', t.editorToken)).statusCode, 403);
  });

  it('POSTs signed publish, edit, claim-change and delete events', async () => {
    const r = await receiver(() => 204);
    const { id, secret } = await subscribe(r.url);
    const update = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'Crossing closed', claimStatus: 'claimed' },
      'desk',
    );
    const edited = await t.liveBlog.editUpdate(
      update.id,
      update.version,
      { claimStatus: 'verified', claimNote: 'Seen on video' },
      'desk',
    );
    await t.liveBlog.deleteUpdate(edited.id, 'desk');
    await r.waitFor(4);
    const types = r.received.map((m) => m.headers[WEBHOOK_HEADERS.event]);
    assert.deepEqual(types, ['update.published', 'update.edited', 'update.claim_changed', 'update.deleted']);
    for (const message of r.received) {
      const ok = verifyWebhook(
        secret,
        {
          signature: message.headers[WEBHOOK_HEADERS.signature] as string,
          timestamp: message.headers[WEBHOOK_HEADERS.timestamp] as string,
        },
        message.body,
      );
      assert.ok(ok, 'the signature verifies with the subscriber’s secret');
      assert.ok(message.headers[WEBHOOK_HEADERS.delivery], 'a delivery id to dedupe by');
    }
    const claim = JSON.parse(r.received[2]!.body) as {
      claim: unknown;
      update: { id: string };
      story: { url: string };
    };
    assert.deepEqual(claim.claim, { from: 'claimed', to: 'verified', note: 'Seen on video' });
    assert.equal(claim.update.id, update.id);
    // Absolute, on the site's own origin (the test node listens on loopback, no DATELINE_SITE_URL).
    assert.match(claim.story.url, /^http:\/\/localhost(:\d+)?\/stories\/border-crossing$/);
    const log = await logUntil(
      id,
      (entries) => entries.length === 4 && entries.every((d) => d.state === 'delivered'),
    );
    assert.deepEqual(
      log.map((d) => [d.attempts, d.lastStatus]),
      [
        [1, 204],
        [1, 204],
        [1, 204],
        [1, 204],
      ],
      'each delivered at the first attempt',
    );
    await unsubscribe(id);
  });

  it('retries failures with backoff and logs every attempt', async () => {
    const flaky = await receiver((n) => (n <= 2 ? 503 : 200));
    const dead = await receiver(() => 500);
    const ok = await subscribe(flaky.url);
    const failing = await subscribe(dead.url);
    await t.liveBlog.publishUpdate(story.id, { body: 'Queue of lorries grows' }, 'desk');
    await flaky.waitFor(3);
    const [delivered] = await logUntil(ok.id, (log) => log[0]?.state === 'delivered');
    assert.equal(delivered?.attempts, 3);
    assert.equal(delivered?.lastStatus, 200);
    const [failed] = await logUntil(failing.id, (log) => log[0]?.state === 'failed');
    assert.equal(failed?.attempts, 3, 'gives up after maxAttempts');
    assert.equal(failed?.lastError, 'HTTP 500');
    assert.equal(dead.received.length, 3);
    const http = (await api('GET', `/webhooks/${failing.id}/deliveries`, t.adminToken)).json<{
      items: { state: string; attempts: number }[];
    }>();
    assert.deepEqual(
      http.items.map((d) => [d.state, d.attempts]),
      [['failed', 3]],
    );
    await unsubscribe(ok.id);
    await unsubscribe(failing.id);
  });

  it('keeps publishing and serving other subscribers while one hangs', async () => {
    const hung = await receiver(() => 'hang');
    const healthy = await receiver(() => 200);
    const h = await subscribe(hung.url);
    await subscribe(healthy.url);
    for (let i = 0; i < 3; i++) {
      await t.liveBlog.publishUpdate(story.id, { body: `Lorry ${i} turned back` }, 'desk');
    }
    // All three reached the healthy subscriber while the hung one still holds its first request open.
    await healthy.waitFor(3);
    await hung.waitFor(1);
    assert.ok(
      hung.hung.some((res) => !res.writableEnded),
      'the hung request is still open',
    );
    const page = await t.app.inject({ url: '/stories/border-crossing' });
    assert.equal(page.statusCode, 200, 'readers are served meanwhile');
    const log = await logUntil(h.id, (entries) =>
      entries.some((d) => d.lastError?.startsWith('no answer within') ?? false),
    );
    const timedOut = log.find((d) => d.lastError?.startsWith('no answer within'));
    assert.ok(
      timedOut && (timedOut.state === 'pending' || timedOut.state === 'failed'),
      'timed out, to be retried',
    );
  });
});

describe('outbound webhooks at shutdown and under memory pressure', () => {
  const nodes: TestApp[] = [];
  const receivers: Receiver[] = [];
  const receiver = async (answer: (n: number) => number | 'hang') => {
    const r = await new Receiver(answer).start();
    receivers.push(r);
    return r;
  };
  /** A node sending one update to `r`, whose retries come too late to matter here. */
  const nodeSendingTo = async (r: Receiver, timeoutMs: number) => {
    const node = await createTestApp({
      env: { DATELINE_OUTBOUND_ALLOW: '127.0.0.1' },
      webhooks: { timeoutMs, retryBaseMs: 600_000, retryMaxMs: 600_000, maxAttempts: 5, pollMs: 20 },
    });
    nodes.push(node);
    const res = await node.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: node.auth(node.adminToken),
      payload: { url: r.url },
    });
    assert.equal(res.statusCode, 201, res.body);
    const story = await node.liveBlog.createStory({ headline: 'Border crossing' });
    await node.liveBlog.publishUpdate(story.id, { body: 'Crossing closed' }, 'desk');
    return { node, subscriberId: res.json<{ id: string }>().id };
  };
  const delivery = async (store: TestApp['store'], subscriberId: string) =>
    (await store.webhooks.listDeliveries({ subscriberId, limit: 1 }))[0];

  after(async () => {
    for (const node of nodes) await node.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('times a hung subscriber out even when memory is collected while it waits', async () => {
    const hung = await receiver(() => 'hang');
    const { node, subscriberId } = await nodeSendingTo(hung, 1_000);
    await hung.waitFor(1);
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    // Timed out, the attempt is logged; had the timeout been lost, the delivery's lease (twice the
    // timeout) would run out first and a second request arrive with nothing logged.
    for (;;) {
      const attempt = await delivery(node.store, subscriberId);
      if (attempt?.attempts === 1 || hung.received.length > 1) {
        assert.equal(attempt?.lastError, 'no answer within 1000 ms');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  it('logs every attempt in flight when the node closes, two attempts of one delivery too', async () => {
    // The first request hangs until the node closes; the second is answered 503.
    const r = await receiver((n) => (n === 1 ? 'hang' : 503));
    const { node, subscriberId } = await nodeSendingTo(r, 60_000);
    await r.waitFor(1);
    // The lease runs out while the first attempt still waits (a stalled process, or a lost timeout),
    // so the delivery is taken again: written here, as the store has no way to say it.
    const db = new BetterSqlite3(join(node.dataDir, 'dateline.db'));
    db.prepare('update webhook_deliveries set lease_until = ?').run(new Date(0).toISOString());
    db.close();
    node.webhooks.wake();
    for (;;) {
      if ((await delivery(node.store, subscriberId))?.lastStatus === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await node.close();
    const store = await openStore(undefined, node.dataDir);
    try {
      const attempt = await delivery(store, subscriberId);
      assert.equal(attempt?.attempts, 2, 'the attempt the shutdown cut short is logged as well');
      assert.match(attempt?.lastError ?? '', /aborted/);
    } finally {
      await store.close();
    }
  });
});
