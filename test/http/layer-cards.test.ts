/** Map cards: a layer revision of a desk shows on the desk's live story pages, in the stream at its time. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

for (const engine of ENGINES) {
  describe(`map cards on story pages (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let forceId: string;
    let syriaPath: string;
    let iranPath: string;

    before(async () => {
      t = await createTestApp({ env: await engine.env() });
      const syria = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
      const iran = await t.liveBlog.createDesk({ name: 'Iran Daily', timezone: 'Asia/Tehran' });
      const story = await t.liveBlog.createStory({ desk: syria.slug, headline: 'Offensive in Idlib' });
      syriaPath = `/${syria.slug}/${story.slug}`;
      await t.liveBlog.publishUpdate(story.id, { body: 'Shelling reported south of Idlib city.' }, 'test');
      const other = await t.liveBlog.createStory({ desk: iran.slug, headline: 'Talks in Tehran' });
      iranPath = `/${iran.slug}/${other.slug}`;
      const force = await editor('POST', '/api/v1/desks/syria-daily/forces', {
        name: 'Syrian government',
        colour: '#c0392b',
      });
      assert.equal(force.statusCode, 201, force.body);
      forceId = force.json().id;
    });
    after(async () => {
      await t.close();
      await engine.cleanUp();
    });

    const editor = (method: 'POST' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: t.auth(t.editorToken),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const page = async (path: string) => {
      const res = await t.app.inject({ url: path });
      assert.equal(res.statusCode, 200, res.body);
      return res.body;
    };
    const cards = (html: string) => [...html.matchAll(/data-layer-card="([^"]+)"/g)].map((m) => m[1]);

    it('shows a drawn and a revised layer as cards above the older update, not on other desks', async () => {
      const created = await editor('POST', '/api/v1/desks/syria-daily/layers', {
        kind: 'control',
        forceId,
        geometry: box(36.5, 35.5, 37, 36),
        validFrom: '2026-05-27',
        source: 'Syria Daily field reporting',
        claimStatus: 'claimed',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      let html = await page(syriaPath);
      assert.deepEqual(cards(html), [`${id}-1`]);
      assert.match(html, /Area of control: Syrian government, from 27 May, [\d,]+ km²/);
      assert.match(html, /Source: Syria Daily field reporting/);
      assert.match(html, /href="\/map\?desk=syria-daily&amp;date=2026-05-27"/);
      assert.ok(html.indexOf('data-layer-card') < html.indexOf('data-update-id'), 'newer than the update');

      const revised = await editor('POST', `/api/v1/desks/syria-daily/layers/${id}/revisions`, {
        kind: 'zone',
        zoneKind: 'de-escalation',
        geometry: box(36.5, 35.5, 37.2, 36),
        validFrom: '2026-06-03',
        source: 'Astana memorandum',
        claimStatus: 'verified',
      });
      assert.equal(revised.statusCode, 201, revised.body);
      html = await page(syriaPath);
      assert.deepEqual(cards(html), [`${id}-2`, `${id}-1`], 'newest first, at once (no stale cache)');
      assert.match(html, /De-escalation zone, from 3 June, [\d,]+ km²/);
      assert.deepEqual(cards(await page(iranPath)), [], "another desk's story has none");
      const feed = await page('/syria-daily/feed.json');
      assert.match(feed, /Map revised: De-escalation zone, from 3 June/);
      assert.match(feed, /Map drawn: Area of control: Syrian government, from 27 May/);
      assert.doesNotMatch(await page('/iran-daily/feed.json'), /Map drawn/, "not in another desk's feed");
    });

    it("takes a deleted layer's cards off the page", async () => {
      const created = await editor('POST', '/api/v1/desks/syria-daily/layers', {
        kind: 'front',
        geometry: {
          type: 'LineString',
          coordinates: [
            [36.6, 35.8],
            [36.9, 35.9],
          ],
        },
        validFrom: '2026-05-28',
        source: 'Syria Daily field reporting',
        claimStatus: 'unverified',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      assert.ok(cards(await page(syriaPath)).includes(`${id}-1`));
      assert.equal((await editor('DELETE', `/api/v1/desks/syria-daily/layers/${id}`)).statusCode, 204);
      const after = cards(await page(syriaPath));
      assert.ok(!after.includes(`${id}-1`), after.join());
      assert.equal(after.length, 2, 'the other layer keeps its cards');
    });
  });
}
