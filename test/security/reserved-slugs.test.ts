/** No desk may take the address of one of the site's own top-level pages (`/map`, `/search`, …). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { reserveTopLevelRoutes } from '../../src/http/reserve-top-level-routes.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runCli } from '../support/server-process.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Top-level pages a desk would hide (or be hidden by); the server itself checks the full list at boot.
const SITE_PAGES = [
  'map',
  'search',
  'statements',
  'people',
  'organizations',
  'places',
  'api',
  'newsroom',
  'archive',
  'embed',
  'media',
  'assets',
  'metrics',
  'healthz',
  'readyz',
  'oembed',
  'stories',
];

describe('reserved desk slugs', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('refuses a desk slug (given, or made from the name) that is a top-level page, as a problem naming it', async () => {
    for (const slug of SITE_PAGES) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks',
        headers: t.auth(t.adminToken),
        payload: { name: 'Some Desk', slug },
      });
      assert.equal(res.statusCode, 400, `${slug}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().field, 'slug');
      assert.match(res.json().detail, new RegExp(`/${slug}\\b`));
    }
    const byName = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Map' },
    });
    assert.equal(byName.statusCode, 400, byName.body);
    assert.equal(byName.json().field, 'slug');
    assert.deepEqual(await t.store.desks.list(), []);
  });

  it('still serves the map page, not a desk, at /map', async () => {
    const res = await t.app.inject({ url: '/map' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<svg|map/i);
  });

  it('refuses them on the command line with one line', async () => {
    const result = await runCli(['desk', 'create', '--name', 'Map', '--data-dir', createTempDir()]);
    assert.notEqual(result.status, 0);
    assert.equal(
      result.stderr.trim(),
      'dateline: slug "map" is taken by the site\'s own page /map: give the desk another slug',
    );
  });

  it('stops a server from starting with a new top-level route that is not reserved', async () => {
    const app = Fastify();
    reserveTopLevelRoutes(app);
    app.get('/:desk', async () => 'desk');
    app.get('/robots.txt', async () => '');
    app.get('/map', async () => 'map');
    await app.ready();
    const next = Fastify();
    reserveTopLevelRoutes(next);
    await assert.rejects(async () => {
      next.get('/timeline', async () => 'new page');
      await next.ready();
    }, /add "timeline" to RESERVED_SLUGS/);
    await app.close();
  });
});
