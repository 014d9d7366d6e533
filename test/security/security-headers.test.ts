/**
 * Security headers come from one place for every page: this walks every GET route the server has
 * (read from Fastify's own route table, so a new route without an entry here fails) and checks each
 * response's Content-Security-Policy, framing, referrer policy, nosniff and, for authenticated
 * callers, `cache-control: no-store`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../support/test-app.ts';

type Kind =
  | 'reader' // a reader page that runs our script
  | 'reader-static' // a reader page without script: script-src 'none'
  | 'statement' // the statements library: no script, no remote images, no frames
  | 'newsroom' // never framed, no referrer off-site
  | 'embed' // framed by anyone
  | 'data' // JSON, XML, text, images, scripts: nosniff
  | 'stream'; // SSE streams take over the socket; their headers are the hub's

type Caller = 'anonymous' | 'token' | 'cookie';

const PASSWORD = 'a long newsroom passphrase';

describe('security headers on every GET route', () => {
  let t: TestApp;
  let base: string;
  let cookie: string;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Talks', slug: 'talks' });
    const loose = await t.liveBlog.createStory({ headline: 'Standalone', slug: 'standalone' });
    const update = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'The RSF attacked El Fasher in North Darfur overnight.', claimStatus: 'claimed' },
      'Desk',
    );
    const looseUpdate = await t.liveBlog.publishUpdate(loose.id, { body: 'Calm in Khartoum.' }, 'Desk');
    await t.enrichment.idle();
    Object.assign(ids, {
      desk: desk.slug,
      story: story.id,
      update: update.id,
      looseUpdate: looseUpdate.id,
    });
    const admin = t.auth(t.adminToken);
    const statement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: admin,
      payload: { issuer: 'Presidency of Valdoria', publishedAt: '2026-03-12T16:05:00Z', text: 'A call.' },
    });
    ids['statement'] = statement.json().id;
    const feed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: admin,
      payload: { url: 'http://127.0.0.1:9/feed.xml', issuer: 'Presidency of Valdoria' },
    });
    ids['feed'] = feed.json().id;
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin,
      payload: { url: 'http://127.0.0.1:9/hook' },
    });
    ids['webhook'] = hook.json().id;
    const form = new FormData();
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#345' } })
      .png()
      .toBuffer();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'p.png');
    form.append('alt', 'A grey square');
    const media = (await (
      await fetch(`${base}/api/v1/media`, { method: 'POST', body: form, headers: admin })
    ).json()) as { url: string };
    ids['mediaPath'] = media.url;
    ids['user'] = (
      await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'admin', password: PASSWORD })
    ).id;
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'ed@example.org', password: PASSWORD },
    });
    cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  });
  after(() => t.close());

  // Each route pattern: a concrete address, who asks, and which policy the answer must carry.
  const routes = (): Record<string, { url: string; kind: Kind; as?: Caller }> => ({
    '/': { url: '/', kind: 'reader' },
    '(no route: the 404 page)': { url: '/no/such/page/here', kind: 'reader-static' },
    '/:desk': { url: `/${ids['desk']}`, kind: 'reader-static' },
    '/:desk/:slug': { url: `/${ids['desk']}/talks`, kind: 'reader' },
    // No contacts on this desk: no drawing, so no script.
    '/:desk/contacts': { url: `/${ids['desk']}/contacts`, kind: 'reader-static' },
    '/:desk/:slug/updates/:id': { url: `/${ids['desk']}/talks/updates/${ids['update']}`, kind: 'reader' },
    '/stories/:slug': { url: '/stories/standalone', kind: 'reader' },
    '/stories/:slug/updates/:id': {
      url: `/stories/standalone/updates/${ids['looseUpdate']}`,
      kind: 'reader',
    },
    '/assets/:file': { url: '/assets/no-such-file.css', kind: 'reader-static' },
    '/archive/:desk': { url: `/archive/${ids['desk']}`, kind: 'reader-static' },
    '/archive/:desk/:period': { url: `/archive/${ids['desk']}/2026-05`, kind: 'reader-static' },
    '/people/:slug': { url: '/people/nobody-known', kind: 'reader-static' },
    '/places/:slug': { url: '/places/el-fasher-sd', kind: 'reader-static' },
    '/authors/:slug': { url: '/authors/nobody-known', kind: 'reader-static' },
    '/organizations/:slug': { url: '/organizations/rapid-support-forces', kind: 'reader-static' },
    '/contacts/templates/:id': { url: '/contacts/templates/none-1', kind: 'reader-static' },
    '/search': { url: '/search?q=Fasher', kind: 'reader-static' },
    '/map': { url: '/map', kind: 'reader' },
    '/map/basemap.svg': { url: '/map/basemap.svg', kind: 'data' },
    '/map/live': { url: '', kind: 'stream' },
    '/embed/map': { url: '/embed/map', kind: 'embed' },
    '/statements': { url: '/statements', kind: 'statement' },
    '/statements/:id': { url: `/statements/${ids['statement']}`, kind: 'statement' },
    '/statements/compare': {
      url: `/statements/compare?ids=${ids['statement']},${ids['statement']}`,
      kind: 'statement',
    },
    '/embed/:desk/:slug': { url: `/embed/${ids['desk']}/talks`, kind: 'embed' },
    '/embed/stories/:slug': { url: '/embed/stories/standalone', kind: 'embed' },
    '/embed.js': { url: '/embed.js', kind: 'data' },
    '/oembed': {
      url: `/oembed?url=${encodeURIComponent(`${base.replace('127.0.0.1', 'localhost')}/${ids['desk']}/talks`)}`,
      kind: 'data',
    },
    '/feed.xml': { url: '/feed.xml', kind: 'data' },
    '/feed.atom': { url: '/feed.atom', kind: 'data' },
    '/feed.json': { url: '/feed.json', kind: 'data' },
    '/:desk/feed.xml': { url: `/${ids['desk']}/feed.xml`, kind: 'data' },
    '/:desk/feed.atom': { url: `/${ids['desk']}/feed.atom`, kind: 'data' },
    '/:desk/feed.json': { url: `/${ids['desk']}/feed.json`, kind: 'data' },
    '/:desk/:slug/feed.xml': { url: `/${ids['desk']}/talks/feed.xml`, kind: 'data' },
    '/:desk/:slug/feed.atom': { url: `/${ids['desk']}/talks/feed.atom`, kind: 'data' },
    '/:desk/:slug/feed.json': { url: `/${ids['desk']}/talks/feed.json`, kind: 'data' },
    '/stories/:slug/feed.xml': { url: '/stories/standalone/feed.xml', kind: 'data' },
    '/stories/:slug/feed.atom': { url: '/stories/standalone/feed.atom', kind: 'data' },
    '/stories/:slug/feed.json': { url: '/stories/standalone/feed.json', kind: 'data' },
    '/sitemap.xml': { url: '/sitemap.xml', kind: 'data' },
    '/news-sitemap.xml': { url: '/news-sitemap.xml', kind: 'data' },
    '/robots.txt': { url: '/robots.txt', kind: 'data' },
    '/media/:id/:file': { url: ids['mediaPath']!, kind: 'data' },
    '/metrics': { url: '/metrics', kind: 'data' },
    '/healthz': { url: '/healthz', kind: 'data' },
    '/readyz': { url: '/readyz', kind: 'data' },
    '/newsroom': { url: '/newsroom', kind: 'newsroom', as: 'cookie' },
    '/newsroom/login': { url: '/newsroom/login', kind: 'newsroom' },
    '/newsroom/password': { url: '/newsroom/password', kind: 'newsroom', as: 'cookie' },
    '/newsroom/stories/:id': { url: `/newsroom/stories/${ids['story']}`, kind: 'newsroom', as: 'cookie' },
    '/newsroom/stories/:id/queue': {
      url: `/newsroom/stories/${ids['story']}/queue`,
      kind: 'newsroom',
      as: 'cookie',
    },
    '/newsroom/stories/:id/drafts': {
      url: `/newsroom/stories/${ids['story']}/drafts`,
      kind: 'newsroom',
      as: 'cookie',
    },
    '/newsroom/stories/:id/updates': {
      url: `/newsroom/stories/${ids['story']}/updates`,
      kind: 'data',
      as: 'cookie',
    },
    '/newsroom/stories/:id/queue/live': { url: '', kind: 'stream' },
    '/newsroom/statements': { url: '/newsroom/statements', kind: 'newsroom', as: 'cookie' },
    '/newsroom/statements/:id': {
      url: `/newsroom/statements/${ids['statement']}`,
      kind: 'newsroom',
      as: 'cookie',
    },
    '/newsroom/statement-feeds': { url: '/newsroom/statement-feeds', kind: 'newsroom', as: 'cookie' },
    // A redirect to /newsroom/admin/users, no page.
    '/newsroom/places': { url: '/newsroom/places', kind: 'newsroom', as: 'cookie' },
    '/newsroom/desks/:slug/layers': {
      url: `/newsroom/desks/${ids['desk']}/layers`,
      kind: 'newsroom',
      as: 'cookie',
    },
    '/newsroom/places/:slug': { url: '/newsroom/places/el-fasher-sd', kind: 'newsroom', as: 'cookie' },
    '/newsroom/admin': { url: '/newsroom/admin', kind: 'data' },
    '/newsroom/admin/users': { url: '/newsroom/admin/users', kind: 'newsroom', as: 'cookie' },
    '/newsroom/profile': { url: '/newsroom/profile', kind: 'newsroom', as: 'cookie' },
    '/newsroom/admin/desks': { url: '/newsroom/admin/desks', kind: 'newsroom', as: 'cookie' },
    '/newsroom/admin/tokens': { url: '/newsroom/admin/tokens', kind: 'newsroom', as: 'cookie' },
    '/newsroom/admin/audit': { url: '/newsroom/admin/audit', kind: 'newsroom', as: 'cookie' },
    '/api/v1/session': { url: '/api/v1/session', kind: 'data', as: 'cookie' },
    '/api/v1/search': { url: '/api/v1/search?q=Fasher', kind: 'data' },
    '/api/v1/stories/:id': { url: `/api/v1/stories/${ids['story']}`, kind: 'data' },
    '/api/v1/stories/:id/updates': { url: `/api/v1/stories/${ids['story']}/updates`, kind: 'data' },
    '/api/v1/stories/:id/submissions': {
      url: `/api/v1/stories/${ids['story']}/submissions`,
      kind: 'data',
      as: 'token',
    },
    '/api/v1/stories/:id/drafts': {
      url: `/api/v1/stories/${ids['story']}/drafts`,
      kind: 'data',
      as: 'token',
    },
    '/api/v1/stories/:id/suggestions/live': { url: '', kind: 'stream' },
    '/api/v1/stories/:id/live': { url: '', kind: 'stream' },
    '/api/v1/live': { url: '', kind: 'stream' },
    '/api/v1/statements': { url: '/api/v1/statements', kind: 'data' },
    '/api/v1/statements/compare': {
      url: `/api/v1/statements/compare?ids=${ids['statement']},${ids['statement']}`,
      kind: 'data',
    },
    '/api/v1/statements/:id': { url: `/api/v1/statements/${ids['statement']}`, kind: 'data' },
    '/api/v1/statements/:id/similar': { url: `/api/v1/statements/${ids['statement']}/similar`, kind: 'data' },
    '/api/v1/statement-feeds': { url: '/api/v1/statement-feeds', kind: 'data', as: 'token' },
    '/api/v1/statement-feeds/:id': {
      url: `/api/v1/statement-feeds/${ids['feed']}`,
      kind: 'data',
      as: 'token',
    },
    '/api/v1/media': { url: '/api/v1/media', kind: 'data', as: 'token' },
    '/api/v1/users': { url: '/api/v1/users', kind: 'data', as: 'token' },
    '/api/v1/users/:id/profile': { url: `/api/v1/users/${ids['user']}/profile`, kind: 'data', as: 'token' },
    '/api/v1/tokens': { url: '/api/v1/tokens', kind: 'data', as: 'token' },
    '/api/v1/updates/:id': { url: `/api/v1/updates/${ids['update']}`, kind: 'data' },
    '/api/v1/updates/:id/revisions': {
      url: `/api/v1/updates/${ids['update']}/revisions`,
      kind: 'data',
      as: 'token',
    },
    '/api/v1/updates/:id/enrichment': { url: `/api/v1/updates/${ids['update']}/enrichment`, kind: 'data' },
    '/api/v1/updates/:id/suggestions': {
      url: `/api/v1/updates/${ids['update']}/suggestions`,
      kind: 'data',
      as: 'token',
    },
    '/api/v1/audit': { url: '/api/v1/audit', kind: 'data', as: 'token' },
    '/api/v1/audit/export': { url: '/api/v1/audit/export', kind: 'data', as: 'token' },
    '/api/v1/openapi.json': { url: '/api/v1/openapi.json', kind: 'data' },
    '/api/v1/contacts': { url: '/api/v1/contacts', kind: 'data' },
    '/api/v1/contacts.csv': { url: '/api/v1/contacts.csv', kind: 'data' },
    '/api/v1/desks/:slug/forces': { url: `/api/v1/desks/${ids['desk']}/forces`, kind: 'data' },
    '/api/v1/desks/:slug/layers': { url: `/api/v1/desks/${ids['desk']}/layers`, kind: 'data' },
    '/api/v1/desks/:slug/layers.geojson': {
      url: `/api/v1/desks/${ids['desk']}/layers.geojson`,
      kind: 'data',
    },
    '/api/v1/desks/:slug/layers/:id': { url: `/api/v1/desks/${ids['desk']}/layers/none`, kind: 'data' },
    '/api/v1/desks/:slug/layers/:id/revisions': {
      url: `/api/v1/desks/${ids['desk']}/layers/none/revisions`,
      kind: 'data',
    },
    '/api/v1/desks/:slug/layers/:id/revisions.geojson': {
      url: `/api/v1/desks/${ids['desk']}/layers/none/revisions.geojson`,
      kind: 'data',
    },
    '/api/v1/places/:slug': { url: '/api/v1/places/el-fasher-sd', kind: 'data', as: 'token' },
    '/api/v1/desks': { url: '/api/v1/desks', kind: 'data' },
    '/api/v1/desks/:slug': { url: `/api/v1/desks/${ids['desk']}`, kind: 'data' },
    '/api/v1/desks/:slug/stories': { url: `/api/v1/desks/${ids['desk']}/stories`, kind: 'data' },
    '/api/v1/events.json': { url: '/api/v1/events.json', kind: 'data' },
    '/api/v1/events.csv': { url: '/api/v1/events.csv', kind: 'data' },
    '/api/v1/enrichment/places': { url: '/api/v1/enrichment/places?q=Fas', kind: 'data', as: 'token' },
    '/api/v1/enrichment/names': { url: '/api/v1/enrichment/names?q=RS', kind: 'data', as: 'token' },
    '/api/v1/enrichment/corrections': { url: '/api/v1/enrichment/corrections', kind: 'data', as: 'token' },
    '/api/v1/webhooks': { url: '/api/v1/webhooks', kind: 'data', as: 'token' },
    '/api/v1/webhooks/:id/deliveries': {
      url: `/api/v1/webhooks/${ids['webhook']}/deliveries`,
      kind: 'data',
      as: 'token',
    },
  });

  /** Every GET route pattern Fastify has, from its route tree. */
  const registeredGetRoutes = (): string[] => {
    const tree = t.app.printRoutes({ method: 'GET', commonPrefix: false });
    const paths: string[] = [];
    const stack: string[] = [];
    for (const line of tree.split('\n')) {
      const match = /^([│ ]*)[├└]── (.+) \(GET(?:, HEAD)?\)$/.exec(line);
      if (!match) continue;
      const depth = match[1]!.length / 4;
      stack.length = depth;
      const parent = depth === 0 ? '' : stack[depth - 1]!;
      const path = parent === '/' ? `/${match[2]}` : `${parent}${match[2]}`;
      stack[depth] = path;
      paths.push(path);
    }
    return paths;
  };

  it('knows every GET route the server has', () => {
    const known = new Set(Object.keys(routes()));
    const registered = registeredGetRoutes();
    assert.ok(registered.length > 50, `parsed the route table (${registered.length} routes)`);
    assert.deepEqual(
      registered.filter((path) => !known.has(path)),
      [],
      'routes with no expectation here',
    );
  });

  /** Throws, naming the route, where `route`'s answer lacks a header its kind must carry. */
  const check = async (pattern: string, route: { url: string; kind: Kind; as?: Caller }) => {
    const headers =
      route.as === 'token' ? t.auth(t.adminToken) : route.as === 'cookie' ? { cookie } : undefined;
    const response = await t.app.inject({ url: route.url, ...(headers && { headers }) });
    const h = response.headers;
    const where = `${pattern} (${route.url}) → ${response.statusCode}`;
    assert.ok(response.statusCode < 500, where);
    assert.equal(h['x-content-type-options'], 'nosniff', where);
    if (route.as !== undefined) assert.equal(h['cache-control'], 'no-store', `${where}: authenticated`);
    if (route.kind === 'data' || route.kind === 'stream') return;
    assert.match(String(h['content-type']), /^text\/html/, where);
    const csp = String(h['content-security-policy'] ?? '');
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    assert.equal(directive('object-src'), "object-src 'none'", where);
    assert.equal(directive('base-uri'), "base-uri 'none'", where);
    const expected = {
      reader: {
        script: "'self'",
        frame: "'self'",
        xfo: 'SAMEORIGIN',
        referrer: 'strict-origin-when-cross-origin',
      },
      'reader-static': {
        script: "'none'",
        frame: "'self'",
        xfo: 'SAMEORIGIN',
        referrer: 'strict-origin-when-cross-origin',
      },
      statement: {
        script: "'none'",
        frame: "'self'",
        xfo: 'SAMEORIGIN',
        referrer: 'strict-origin-when-cross-origin',
      },
      newsroom: { script: null, frame: "'none'", xfo: 'DENY', referrer: 'same-origin' },
      embed: { script: "'self'", frame: '*', xfo: undefined, referrer: 'strict-origin-when-cross-origin' },
    }[route.kind];
    if (expected.script !== null)
      assert.equal(directive('script-src'), `script-src ${expected.script}`, where);
    assert.equal(directive('frame-ancestors'), `frame-ancestors ${expected.frame}`, where);
    assert.equal(h['x-frame-options'], expected.xfo, where);
    assert.equal(h['referrer-policy'], expected.referrer, where);
    if (route.kind === 'statement') assert.equal(directive('frame-src'), "frame-src 'none'", where);
    if (route.kind === 'newsroom' || route.as === 'cookie')
      assert.equal(h['cache-control'], 'no-store', `${where}: newsroom pages are never cached`);
  };

  it('sends each route with its policy, nosniff, and no-store when the caller is authenticated', async () => {
    // Every route is checked and every failure listed, so one run shows all the routes that differ.
    const failures: string[] = [];
    for (const [pattern, route] of Object.entries(routes())) {
      if (route.kind === 'stream') continue;
      try {
        await check(pattern, route);
      } catch (error) {
        if (!(error instanceof assert.AssertionError)) throw error;
        failures.push(
          `${error.message.split('\n')[0]!}: got ${String(error.actual)}, want ${String(error.expected)}`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('keeps public API answers cacheable for anonymous readers', async () => {
    const response = await t.app.inject({ url: '/api/v1/desks' });
    assert.notEqual(response.headers['cache-control'], 'no-store');
    const withToken = await t.app.inject({ url: '/api/v1/desks', headers: t.auth(t.editorToken) });
    // A public list read with a token is still the caller's answer: kept out of caches all the same.
    assert.equal(withToken.headers['cache-control'], 'no-store');
  });
});
