/**
 * Feeds and webhooks cannot be pointed at the server's own network (issue 12, finding 7): a literal
 * loopback, private, link-local or unspecified address is refused when saved, with the field named;
 * a name that resolves to one, or a redirect to one, is refused when fetched, on every hop, with the same
 * words whether or not something listens there. DATELINE_OUTBOUND_ALLOW lets an operator name exceptions.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { WebhookDelivery } from '../../src/store/webhooks.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const INTERNAL_FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Intranet</title>
<item><guid>secret-1</guid><title>Internal memo</title>
<description>The minister's private schedule for next week, not for publication.</description></item>
</channel></rss>`;

/** A loopback HTTP server that counts what it is asked; `handle` answers. */
async function startServer(
  host: string,
  handle: (path: string) => { status: number; headers?: Record<string, string | undefined>; body?: string },
): Promise<{ origin: string; port: number; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    const { status, headers, body } = handle(request.url ?? '/');
    response.writeHead(status, headers as Record<string, string>).end(body);
  });
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { origin: `http://${host}:${port}`, port, hits, server };
}

/** A port nothing listens on (one a server just gave back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const PRIVATE_URLS = [
  'http://127.1/feed.xml',
  'http://2130706433/feed.xml',
  'http://0x7f000001/feed.xml',
  'http://0.0.0.0:8080/feed.xml',
  'http://localhost:8080/feed.xml',
  'http://LOCALHOST./feed.xml',
  'http://admin.localhost/feed.xml',
  'http://[::1]/feed.xml',
  'http://[::]/feed.xml',
  'http://[::ffff:127.0.0.1]/feed.xml',
  'http://[fd00::1]/feed.xml',
  'http://[fe80::1]/feed.xml',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.5/feed.xml',
  'http://192.168.1.1/feed.xml',
  'http://172.16.0.1/feed.xml',
  'http://100.64.0.1/feed.xml',
];

describe('outbound requests refuse private addresses', () => {
  let t: TestApp;
  let internal: Awaited<ReturnType<typeof startServer>>;

  before(async () => {
    // No allow-list: the default every deployment gets.
    t = await createTestApp();
    internal = await startServer('127.0.0.1', () => ({
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: INTERNAL_FEED,
    }));
  });
  after(async () => {
    await t.close();
    internal.server.close();
  });

  const post = (url: string, payload: Record<string, unknown>, token = t.adminToken) =>
    t.app.inject({ method: 'POST', url, headers: t.auth(token), payload });

  it('refuses a feed or webhook at a literal private address when it is saved, naming the field', async () => {
    for (const url of PRIVATE_URLS) {
      for (const [path, payload] of [
        ['/api/v1/statement-feeds', { url, issuer: 'Intranet' }],
        ['/api/v1/webhooks', { url }],
      ] as const) {
        const res = await post(path, payload);
        assert.equal(res.statusCode, 400, `${path} ${url}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(res.json().field, 'url', url);
        assert.match(res.json().detail, /refused: private address/, url);
      }
    }
    assert.equal((await t.store.statementFeeds.list()).length, 0);
    assert.equal((await t.store.webhooks.listSubscribers()).length, 0);
    // Public addresses and names are saved (and checked again, after resolution, when fetched); they
    // are removed at once, so no test delivery ever leaves for them.
    for (const url of ['https://hooks.example/dateline', 'http://93.184.215.14/x']) {
      const saved = await post('/api/v1/webhooks', { url });
      assert.equal(saved.statusCode, 201, url);
      await t.store.webhooks.removeSubscriber(saved.json().id);
    }
  });

  it('refuses a feed whose name resolves to loopback when it is polled, and ingests nothing', async () => {
    // Saved before this check existed, or a name whose DNS changed since: the fetch must refuse it.
    const feed = await t.store.statementFeeds.create({
      url: `http://localhost:${internal.port}/feed.xml`,
      issuer: 'Intranet',
      language: 'en',
      intervalSeconds: 600,
    });
    const polled = await t.feedPoller.poll(feed);
    assert.equal(polled.status, 'error');
    assert.match(polled.lastError ?? '', /^refused: private address/);
    assert.deepEqual(internal.hits, [], 'the internal server was never asked');
    assert.equal((await t.store.statements.list({ limit: 10 })).items.length, 0);
  });

  it('delivers no webhook to a private address, and says the same whether a port is open or not', async () => {
    const open = await t.store.webhooks.addSubscriber({
      url: `http://localhost:${internal.port}/hook`,
      secret: 'a-secret-of-sixteen+',
    });
    const closed = await t.store.webhooks.addSubscriber({
      url: `http://localhost:${await closedPort()}/hook`,
      secret: 'a-secret-of-sixteen+',
    });
    const story = await t.liveBlog.createStory({ headline: 'Port scan' });
    await t.liveBlog.publishUpdate(story.id, { body: 'An update that makes a delivery.' }, 'desk');
    const failedOnce = async (id: string): Promise<WebhookDelivery> => {
      for (;;) {
        const [delivery] = await t.store.webhooks.listDeliveries({ subscriberId: id, limit: 1 });
        if (delivery && delivery.attempts > 0) return delivery;
        await new Promise((resolve) => setTimeout(resolve, 10));
        t.webhooks.wake();
      }
    };
    const [toOpen, toClosed] = await Promise.all([failedOnce(open.id), failedOnce(closed.id)]);
    assert.match(toOpen.lastError ?? '', /^refused: private address/);
    assert.equal(
      toOpen.lastError?.replace(/:\d+/, ''),
      toClosed.lastError?.replace(/:\d+/, ''),
      'an open and a closed port look alike',
    );
    assert.equal(toOpen.lastStatus, null);
    assert.deepEqual(internal.hits, [], 'nothing reached the internal server');
  });
});

describe('DATELINE_OUTBOUND_ALLOW', () => {
  let t: TestApp;
  let site: Awaited<ReturnType<typeof startServer>>;
  let intranet: Awaited<ReturnType<typeof startServer>>;

  before(async () => {
    // 127.0.0.2 stands for the intranet (all of 127/8 is loopback on Linux); 127.0.0.1 for a site the
    // operator allowed, which redirects there.
    intranet = await startServer('127.0.0.2', () => ({
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: INTERNAL_FEED,
    }));
    site = await startServer('127.0.0.1', (path) =>
      path === '/moved.xml'
        ? { status: 302, headers: { location: `${intranet.origin}/feed.xml` } }
        : { status: 200, headers: { 'content-type': 'application/rss+xml' }, body: INTERNAL_FEED },
    );
    t = await createTestApp({ env: { DATELINE_OUTBOUND_ALLOW: '127.0.0.1, feeds.intranet.example' } });
  });
  after(async () => {
    await t.close();
    site.server.close();
    intranet.server.close();
  });

  it('lets an allowed address through, and still refuses a redirect from it to another private one', async () => {
    const allowed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: t.auth(t.adminToken),
      payload: { url: `${site.origin}/feed.xml`, issuer: 'Allowed intranet' },
    });
    assert.equal(allowed.statusCode, 201, allowed.body);
    const ok = await t.feedPoller.poll(allowed.json());
    assert.equal(ok.status, 'ok', ok.lastError ?? '');
    assert.equal(ok.statementsAdded, 1);

    const notAllowed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: t.auth(t.adminToken),
      payload: { url: `${intranet.origin}/feed.xml`, issuer: 'Intranet' },
    });
    assert.equal(notAllowed.statusCode, 400);

    const moved = await t.store.statementFeeds.create({
      url: `${site.origin}/moved.xml`,
      issuer: 'Redirected',
      language: 'en',
      intervalSeconds: 600,
    });
    const refused = await t.feedPoller.poll(moved);
    assert.equal(refused.status, 'error');
    assert.equal(refused.lastError, 'refused: private address (127.0.0.2)');
    assert.deepEqual(intranet.hits, [], 'the redirect target was never asked');
  });

  it('stops start-up on an entry that is not a host, an address or a range', () => {
    assert.throws(
      () => loadConfig({ DATELINE_OUTBOUND_ALLOW: '127.0.0.1, http://x/' }),
      /invalid DATELINE_OUTBOUND_ALLOW=.*host names, IP addresses or CIDR ranges/,
    );
    assert.deepEqual(loadConfig({ DATELINE_OUTBOUND_ALLOW: ' 10.0.0.0/8 ,feeds.lan' }).outboundAllow, [
      '10.0.0.0/8',
      'feeds.lan',
    ]);
  });
});
