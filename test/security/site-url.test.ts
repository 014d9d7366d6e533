/**
 * A forged Host header never reaches an absolute URL: canonical links, feeds, sitemaps, robots.txt,
 * oEmbed, JSON-LD, the events export and webhook payloads are written with DATELINE_SITE_URL, or in
 * development with the address the node listens on. These answers are publicly cached, so one forged
 * request would otherwise poison them for every reader.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

/** Sets up a desk, a story with an update naming a place, and returns the paths worth asking for. */
async function publicAddresses(t: TestApp): Promise<string[]> {
  const desk = await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
  const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Talks', slug: 'talks' });
  const update = await t.liveBlog.publishUpdate(
    story.id,
    { body: 'The RSF attacked El Fasher in North Darfur overnight.', claimStatus: 'claimed' },
    'Desk',
  );
  await t.enrichment.idle();
  const page = `/${desk.slug}/talks`;
  return [
    '/',
    `/${desk.slug}`,
    page,
    `${page}/updates/${update.id}`,
    ...['/feed', `/${desk.slug}/feed`, `${page}/feed`].flatMap((f) => [`${f}.xml`, `${f}.atom`, `${f}.json`]),
    '/sitemap.xml',
    '/news-sitemap.xml',
    '/robots.txt',
    `/archive/${desk.slug}`,
    '/search?q=Fasher',
    '/places/el-fasher-sd',
    '/api/v1/events.json',
    '/api/v1/events.csv',
    `/embed${page}`,
  ];
}

/** Collects webhook deliveries. */
async function receiver(): Promise<{
  url: string;
  bodies: string[];
  next(): Promise<string>;
  close(): Promise<void>;
}> {
  const bodies: string[] = [];
  const waiting: ((body: string) => void)[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      waiting.shift()?.(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    next: () => (bodies.length > 0 ? Promise.resolve(bodies.shift()!) : new Promise((r) => waiting.push(r))),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('DATELINE_SITE_URL set', () => {
  let t: TestApp;
  let paths: string[];
  before(async () => {
    t = await createTestApp({
      // The webhook receiver below listens on loopback, which only the allow-list lets webhooks reach.
      env: {
        DATELINE_SITE_URL: 'https://news.example/',
        DATELINE_TRUST_PROXY: 'on',
        DATELINE_OUTBOUND_ALLOW: '127.0.0.1',
      },
      webhooks: { pollMs: 20 },
    });
    paths = await publicAddresses(t);
  });
  after(() => t.close());

  it('writes every absolute URL with the site URL, whatever Host the request names', async () => {
    for (const url of paths) {
      const response = await t.app.inject({ url, headers: FORGED });
      assert.equal(response.statusCode, 200, url);
      assert.doesNotMatch(response.body, /evil\.example/, url);
      assert.doesNotMatch(JSON.stringify(response.headers), /evil\.example/, url);
    }
    const page = (await t.app.inject({ url: paths[2]!, headers: FORGED })).body;
    assert.match(page, /<link rel="canonical" href="https:\/\/news\.example\/sudan-daily\/talks"\/>/);
    assert.match(page, /"url":"https:\/\/news\.example\/sudan-daily\/talks"/, 'JSON-LD');
    const feed = (await t.app.inject({ url: '/feed.json', headers: FORGED })).json<{
      home_page_url: string;
    }>();
    assert.equal(feed.home_page_url, 'https://news.example/');
    const sitemap = (await t.app.inject({ url: '/sitemap.xml', headers: FORGED })).body;
    assert.match(sitemap, /<loc>https:\/\/news\.example\/sudan-daily\/talks<\/loc>/);
  });

  it('answers oEmbed for the site URL only, with iframes on the site URL', async () => {
    const forged = await t.app.inject({
      url: `/oembed?url=${encodeURIComponent('https://evil.example/sudan-daily/talks')}`,
      headers: FORGED,
    });
    assert.equal(forged.statusCode, 404, 'a page of another host is not ours');
    const real = await t.app.inject({
      url: `/oembed?url=${encodeURIComponent('https://news.example/sudan-daily/talks')}`,
      headers: FORGED,
    });
    assert.equal(real.statusCode, 200, real.body);
    const json = real.json<{ html: string; provider_url: string }>();
    assert.equal(json.provider_url, 'https://news.example/');
    assert.match(json.html, /src="https:\/\/news\.example\/embed\/sudan-daily\/talks"/);
  });

  it('sends webhook payloads with URLs on the site URL', async () => {
    const hook = await receiver();
    try {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: { ...t.auth(t.adminToken), ...FORGED },
        payload: { url: hook.url },
      });
      assert.equal(created.statusCode, 201, created.body);
      const story = await t.liveBlog.createStory({ headline: 'Crossing', slug: 'crossing' });
      const published = t.app.inject({
        method: 'POST',
        url: `/api/v1/stories/${story.id}/updates`,
        headers: { ...t.auth(t.editorToken), ...FORGED },
        payload: { body: 'The crossing reopened.' },
      });
      assert.equal((await published).statusCode, 201);
      t.webhooks.wake();
      const body = await hook.next();
      assert.doesNotMatch(body, /evil\.example/);
      assert.match(body, /"url":"https:\/\/news\.example\/stories\/crossing"/);
    } finally {
      await hook.close();
    }
  });
});

describe('DATELINE_SITE_URL unset (development)', () => {
  let t: TestApp;
  let base: string;
  let paths: string[];
  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    paths = await publicAddresses(t);
  });
  after(() => t.close());

  it('writes absolute URLs with the listening address, never the request’s Host', async () => {
    const port = new URL(base).port;
    for (const url of paths) {
      const response = await t.app.inject({ url, headers: FORGED });
      assert.equal(response.statusCode, 200, url);
      assert.doesNotMatch(response.body, /evil\.example/, url);
    }
    const page = (await t.app.inject({ url: paths[2]!, headers: FORGED })).body;
    assert.match(
      page,
      new RegExp(`<link rel="canonical" href="http://localhost:${port}/sudan-daily/talks"/>`),
    );
  });
});

describe('DATELINE_SITE_URL at boot', () => {
  it('is required behind a proxy, in one line naming it', () => {
    assert.throws(
      () => loadConfig({ DATELINE_TRUST_PROXY: '127.0.0.1' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^DATELINE_SITE_URL is required when DATELINE_TRUST_PROXY is set/.test(error.message) &&
        !error.message.includes('\n'),
    );
  });

  it('takes an http(s) origin and refuses anything else', () => {
    assert.equal(loadConfig({ DATELINE_SITE_URL: 'https://news.example/' }).siteUrl, 'https://news.example');
    assert.equal(
      loadConfig({ DATELINE_SITE_URL: 'http://news.example:8080' }).siteUrl,
      'http://news.example:8080',
    );
    assert.equal(loadConfig({}).siteUrl, undefined);
    for (const bad of [
      'news.example',
      'ftp://news.example',
      'https://news.example/live',
      'https://a@news.example',
      'https://news.example/?x=1',
    ]) {
      assert.throws(
        () => loadConfig({ DATELINE_SITE_URL: bad }),
        (error: unknown) => error instanceof ConfigError && /^invalid DATELINE_SITE_URL=/.test(error.message),
        bad,
      );
    }
  });
});
