/**
 * Editors rename a place's displayed spelling and pin a place enrichment could only place
 * approximately; both are kept in the deployment's database (SQLite and PostgreSQL) and used from then
 * on, for the updates already published too. With an attacker's pass over the endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Enrichment } from '../../src/enrich/types.ts';
import { ENGINES } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

for (const engine of ENGINES) {
  describe(`place renames and pins (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let storyId: string;

    before(async () => {
      t = await createTestApp({ enricher: 'shipped', env: await engine.env() });
      const desk = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks',
        headers: t.auth(t.adminToken),
        payload: { name: 'Ukraine Live', timezone: 'Europe/Kyiv' },
      });
      assert.equal(desk.statusCode, 201, desk.body);
      const story = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories',
        headers: t.auth(t.editorToken),
        payload: { desk: 'ukraine-live', headline: 'Attacks on Ukraine', status: 'live' },
      });
      storyId = story.json().id;
    });
    after(async () => {
      await t.close();
      await engine.cleanUp();
    });

    const publish = async (body: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/stories/${storyId}/updates`,
        headers: t.auth(t.editorToken),
        payload: { body },
      });
      assert.equal(response.statusCode, 201, response.body);
      await t.enrichment.idle();
      return response.json() as { id: string };
    };
    const placesOf = async (updateId: string) => {
      const response = await t.app.inject({
        url: `/api/v1/updates/${updateId}/enrichment`,
        headers: t.auth(t.editorToken),
      });
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as Enrichment).places;
    };
    const put = (url: string, payload: unknown, headers: Record<string, string> = t.auth(t.editorToken)) =>
      t.app.inject({ method: 'PUT', url, headers, payload: payload as object });

    it('renames a place for every page: old and new spellings resolve, published updates follow', async () => {
      const before = await publish('Drones were downed over the Dnipropetrovsk region overnight.');
      assert.deepEqual(
        (await placesOf(before.id)).map((p) => p.name),
        ['Dnipropetrovsk'],
      );
      const renamed = await put('/api/v1/places/dnipropetrovsk-ua/name', { name: 'Dnipropetrovsk Oblast' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual(renamed.json(), { slug: 'dnipropetrovsk-oblast-ua', name: 'Dnipropetrovsk Oblast' });

      // The update published before is shown by the new name, on its place page too.
      assert.deepEqual(
        (await placesOf(before.id)).map((p) => [p.name, p.kind]),
        [['Dnipropetrovsk Oblast', 'region']],
      );
      const page = await t.app.inject({ url: '/places/dnipropetrovsk-oblast-ua' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Dnipropetrovsk Oblast/);
      // New text in the old spelling, and in the new one, names the same region by the new name.
      const old = await publish('Shelling in the Dnipropetrovsk region damaged a school.');
      const fresh = await publish('Power cuts across Dnipropetrovsk Oblast this morning.');
      for (const id of [old.id, fresh.id])
        assert.deepEqual(
          (await placesOf(id)).map((p) => [p.name, p.kind, p.lat]),
          [['Dnipropetrovsk Oblast', 'region', 48.6313]],
        );
      // Renamed again from its new page: still the one place, not a second rename.
      const again = await put('/api/v1/places/dnipropetrovsk-oblast-ua/name', { name: 'Dnipro Oblast' });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(
        (await placesOf(old.id)).map((p) => p.name),
        ['Dnipro Oblast'],
      );
      const corrections = await t.store.corrections.list();
      assert.equal(corrections.filter((c) => c.field === 'display').length, 1);
      // Links to its earlier pages lead to its page under the newest name; an unknown place is still a 404.
      for (const earlier of ['/places/dnipropetrovsk-ua', '/places/dnipropetrovsk-oblast-ua']) {
        const moved = await t.app.inject({ url: earlier });
        assert.equal(moved.statusCode, 301, earlier);
        assert.equal(moved.headers.location, '/places/dnipro-oblast-ua');
      }
      assert.equal((await t.app.inject({ url: '/places/dnipro-oblast-ua' })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/places/nowhere-ua' })).statusCode, 404);

      const audit = await t.app.inject({ url: '/api/v1/audit', headers: t.auth(t.adminToken) });
      const entries = (audit.json() as { items: { action: string; detail: { to?: string } }[] }).items;
      assert.deepEqual(
        entries.filter((e) => e.action === 'place.renamed').map((e) => e.detail.to),
        ['Dnipro Oblast', 'Dnipropetrovsk Oblast'],
      );
    });

    it('pins an approximately placed village; the next update naming it is placed at the pin', async () => {
      const first = await publish('Shelling hit the village of Zorianka, Zaporizhzhia region.');
      const village = (await placesOf(first.id)).find((p) => p.matched === 'Zorianka');
      assert.equal(village?.precision, 'approximate');
      const pinned = await put('/api/v1/places/zorianka-ua/pin', { lat: 47.55, lon: 35.9 });
      assert.equal(pinned.statusCode, 200, pinned.body);
      const after = (await placesOf(first.id)).find((p) => p.matched === 'Zorianka');
      assert.deepEqual([after?.precision, after?.lat, after?.lon], ['city', 47.55, 35.9]);
      // Without the region now: the pin alone places it.
      const next = await publish('Zorianka came under fire again.');
      assert.deepEqual(
        (await placesOf(next.id)).map((p) => [p.name, p.precision, p.lat, p.lon, p.admin1]),
        [['Zorianka', 'city', 47.55, 35.9, 'Zaporizhzhia']],
      );
    });

    it('refuses the wrong people and bad input with a problem naming the field, storing nothing', async () => {
      await publish(
        'Air defence was active over Odesa, the Ukrainian air force said. Ukraine asked for more systems.',
      );
      const before = await t.store.corrections.list();
      const problem = async (
        response: Awaited<ReturnType<typeof put>>,
        status: number,
        field?: string,
      ): Promise<void> => {
        assert.equal(response.statusCode, status, response.body);
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        if (field !== undefined) assert.equal(response.json().field, field, response.body);
      };
      await problem(await put('/api/v1/places/odesa-ua/name', { name: 'Odessa' }, {}), 401);
      await problem(
        await put('/api/v1/places/odesa-ua/name', { name: 'Odessa' }, t.auth(t.contributorToken)),
        403,
      );
      await problem(await put('/api/v1/places/odesa-ua/name', { name: '' }), 400, 'name');
      await problem(await put('/api/v1/places/odesa-ua/name', { name: '<script>x</script>' }), 400, 'name');
      await problem(await put('/api/v1/places/odesa-ua/name', { name: 'O'.repeat(121) }), 400, 'name');
      await problem(await put('/api/v1/places/odesa-ua/name', { name: 'O'.repeat(100_000) }), 400, 'name');
      await problem(await put('/api/v1/places/odesa-ua/name', { name: 'Odesa', role: 'admin' }), 400, 'role');
      await problem(await put('/api/v1/places/odesa-ua/name', 'Odesa'), 415);
      await problem(await put('/api/v1/places/Odesa%20UA/name', { name: 'Odesa' }), 400, 'slug');
      await problem(await put('/api/v1/places/nowhere-ua/name', { name: 'Somewhere' }), 404);
      await problem(await put('/api/v1/places/odesa-ua/pin', { lat: 91, lon: 30 }), 400, 'lat');
      await problem(await put('/api/v1/places/odesa-ua/pin', { lat: 46, lon: '30' }), 400, 'lon');
      await problem(await put('/api/v1/places/ukraine/pin', { lat: 46, lon: 30 }), 400, 'slug');

      // A signed-in editor's cookie without the CSRF token (a cross-site form) is refused.
      await t.accounts.addUser({
        email: 'ed@example.org',
        name: 'Ed',
        role: 'editor',
        password: 'a long newsroom passphrase',
      });
      const session = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'ed@example.org', password: 'a long newsroom passphrase' },
      });
      const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';
      await problem(await put('/api/v1/places/odesa-ua/name', { name: 'Odessa' }, { cookie }), 403);
      assert.deepEqual(await t.store.corrections.list(), before);
      const form = await t.app.inject({
        method: 'POST',
        url: '/newsroom/places/odesa-ua/name',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=Odessa',
      });
      assert.equal(form.statusCode, 403);
      // An editor limited to another desk cannot edit a place only this desk's updates name.
      await t.liveBlog.createDesk({ name: 'Gaza Live', timezone: 'Asia/Gaza' });
      await t.accounts.addUser({
        email: 'gaza@example.org',
        name: 'Gaza Editor',
        role: 'editor',
        password: 'a long newsroom passphrase',
      });
      await t.accounts.setDesks('gaza@example.org', ['gaza-live']);
      const gaza = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'gaza@example.org', password: 'a long newsroom passphrase' },
      });
      const gazaHeaders = {
        cookie: String(gaza.headers['set-cookie']).split(';')[0] ?? '',
        'x-csrf-token': gaza.json().csrfToken as string,
      };
      await problem(await put('/api/v1/places/odesa-ua/name', { name: 'Odessa' }, gazaHeaders), 403, 'desk');
      assert.deepEqual(await t.store.corrections.list(), before);
    });
  });
}
