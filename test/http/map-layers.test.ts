/** Map layers API: editors of a desk draw, revise, end, delete and import layers; maps read them as of a day. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** A lon/lat box written counter-clockwise, as RFC 7946 asks. */
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
const R = 6371.0088;
/** Area of a 1°×1° cell at the equator on the sphere (its parallels are nearly the great circles). */
const ONE_DEGREE_CELL_KM2 = R * R * (Math.PI / 180) * Math.sin(Math.PI / 180);

interface Feature {
  id: string;
  geometry: { type: string; coordinates: number[][][] };
  properties: Record<string, unknown> & { area_km2: number; title: string };
}

for (const engine of ENGINES) {
  describe(`map layers API (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let forceId: string;
    const PASSWORD = 'layers test passphrase';
    let otherDeskEditor: Record<string, string>;

    before(async () => {
      t = await createTestApp({ env: await engine.env() });
      await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
      await t.liveBlog.createDesk({ name: 'Iran Daily', timezone: 'Asia/Tehran' });
      await t.accounts.addUser({
        email: 'iran@example.org',
        name: 'Iran Editor',
        role: 'editor',
        password: PASSWORD,
      });
      await t.accounts.setDesks('iran@example.org', ['iran-daily']);
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'iran@example.org', password: PASSWORD },
      });
      assert.equal(signIn.statusCode, 200, signIn.body);
      otherDeskEditor = {
        cookie: `dateline_session=${signIn.cookies.find((c) => c.name === 'dateline_session')?.value}`,
        'x-csrf-token': signIn.json().csrfToken,
      };
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

    const editor = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: t.auth(t.editorToken),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const asOf = async (date: string) => {
      const res = await t.app.inject({ url: `/api/v1/desks/syria-daily/layers.geojson?date=${date}` });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
      return (res.json() as { features: Feature[] }).features;
    };
    const control = (geometry: unknown, extra: Record<string, unknown> = {}) => ({
      kind: 'control',
      forceId,
      geometry,
      validFrom: '2026-05-27',
      source: 'Syria Daily field reporting, https://example.org/report',
      claimStatus: 'claimed',
      ...extra,
    });

    it('draws an area of control that maps show from its first day, with its area on the sphere', async () => {
      const created = await editor('POST', '/api/v1/desks/syria-daily/layers', control(box(36, 0, 37, 1)));
      assert.equal(created.statusCode, 201, created.body);
      const layer = created.json();
      assert.equal(layer.current.revision, 1);
      assert.equal(layer.current.author, 'test-editor');
      assert.ok(
        Math.abs(layer.current.areaKm2 - ONE_DEGREE_CELL_KM2) / ONE_DEGREE_CELL_KM2 < 0.001,
        `${layer.current.areaKm2} km² is the cell's ${ONE_DEGREE_CELL_KM2.toFixed(1)} km²`,
      );
      assert.deepEqual(await asOf('2026-05-26'), [], 'not there the day before');
      const [feature, ...rest] = await asOf('2026-05-27');
      assert.deepEqual(rest, []);
      assert.equal(feature?.id, layer.id);
      assert.equal(feature?.properties.title, 'Area of control: Syrian government');
      assert.equal(feature?.properties.colour, '#c0392b');
      assert.equal(feature?.properties.claim_status, 'claimed');
      assert.equal(feature?.properties.area_km2, layer.current.areaKm2);
      // Written back counter-clockwise (RFC 7946), whichever way it was drawn.
      assert.deepEqual(feature?.geometry.coordinates[0]?.slice(0, 2), [
        [36, 0],
        [37, 0],
      ]);
    });

    it('keeps every revision: a later drawing holds from its day, the earlier one before it', async () => {
      const created = await editor('POST', '/api/v1/desks/syria-daily/layers', control(box(38, 0, 39, 1)));
      const id = created.json().id as string;
      const redrawn = await editor(
        'POST',
        `/api/v1/desks/syria-daily/layers/${id}/revisions`,
        control(box(38, 0, 40, 1), { validFrom: '2026-06-03' }),
      );
      assert.equal(redrawn.statusCode, 201, redrawn.body);
      assert.equal(redrawn.json().revision, 2);
      const areaOn = async (date: string) => (await asOf(date)).find((f) => f.id === id)?.properties.area_km2;
      assert.ok(Math.abs((await areaOn('2026-05-30'))! - ONE_DEGREE_CELL_KM2) < 20);
      assert.ok(Math.abs((await areaOn('2026-06-04'))! - 2 * ONE_DEGREE_CELL_KM2) < 40);
      const ended = await editor(
        'POST',
        `/api/v1/desks/syria-daily/layers/${id}/revisions`,
        control(box(38, 0, 40, 1), { validFrom: '2026-06-03', validTo: '2026-06-10' }),
      );
      assert.equal(ended.statusCode, 201, ended.body);
      assert.notEqual(await areaOn('2026-06-09'), undefined);
      assert.equal(await areaOn('2026-06-10'), undefined, 'ended on its valid-to day');
      const history = await t.app.inject({ url: `/api/v1/desks/syria-daily/layers/${id}/revisions` });
      assert.deepEqual(
        history.json().map((r: { revision: number; validTo: string | null }) => [r.revision, r.validTo]),
        [
          [1, null],
          [2, null],
          [3, '2026-06-10'],
        ],
      );
      const deleted = await editor('DELETE', `/api/v1/desks/syria-daily/layers/${id}`);
      assert.equal(deleted.statusCode, 204);
      assert.equal(await areaOn('2026-06-04'), undefined, 'a deleted layer leaves the maps');
      // Kept for the desk's editors; readers get 404 (test/security/deleted-layers.test.ts).
      const kept = await editor('GET', `/api/v1/desks/syria-daily/layers/${id}/revisions`);
      assert.equal(kept.json().length, 3, 'its history is kept');
    });

    it('imports a FeatureCollection all or nothing, adding the forces it names', async () => {
      const feature = (geometry: unknown, properties: Record<string, unknown>) => ({
        type: 'Feature',
        geometry,
        properties: {
          validFrom: '2026-05-01',
          source: 'Astana memorandum',
          claimStatus: 'verified',
          ...properties,
        },
      });
      const bad = await editor('POST', '/api/v1/desks/syria-daily/layers/import', {
        type: 'FeatureCollection',
        features: [
          feature(box(35, 2, 36, 3), { kind: 'zone', zone: 'de-escalation', label: 'Idlib' }),
          feature(
            {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                ],
              ],
            },
            { kind: 'zone', zone: 'buffer' },
          ),
        ],
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().field, 'features[1].geometry');
      assert.equal((await asOf('2026-05-02')).length, 0, 'nothing stored from a bad import');
      const good = await editor('POST', '/api/v1/desks/syria-daily/layers/import', {
        type: 'FeatureCollection',
        features: [
          feature(box(35, 2, 36, 3), { kind: 'zone', zone: 'de-escalation', label: 'Idlib' }),
          feature(box(35, 4, 36, 5), {
            kind: 'control',
            force: 'Syrian Democratic Forces',
            colour: '#d68910',
          }),
          feature(
            {
              type: 'LineString',
              coordinates: [
                [35, 2],
                [36, 5],
              ],
            },
            { kind: 'front' },
          ),
        ],
      });
      assert.equal(good.statusCode, 201, good.body);
      const titles = (await asOf('2026-05-02')).map((f) => f.properties.title).sort();
      assert.deepEqual(titles, [
        'Area of control: Syrian Democratic Forces',
        'De-escalation zone',
        'Front line',
      ]);
      const forces = await t.app.inject({ url: '/api/v1/desks/syria-daily/forces' });
      assert.deepEqual(
        forces.json().map((f: { name: string; colour: string }) => [f.name, f.colour]),
        [
          ['Syrian Democratic Forces', '#d68910'],
          ['Syrian government', '#c0392b'],
        ],
      );
    });

    it('refuses drawings that are not valid geometry, naming what is wrong', async () => {
      const cases: [unknown, RegExp][] = [
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
          /not closed/,
        ],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
                [1, 0],
                [0, 1],
                [0, 0],
              ],
            ],
          },
          /edges cross/,
        ],
        [box(0, 0, 1, 95), /latitude/],
        [box(170, 0, 181, 1), /longitude/],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                ['a', 0],
                [1, 0],
                [1, 1],
                ['a', 0],
              ],
            ],
          },
          /longitude/,
        ],
        [{ type: 'Point', coordinates: [0, 0] }, /type|Polygon/],
      ];
      for (const [geometry, message] of cases) {
        const res = await editor('POST', '/api/v1/desks/syria-daily/layers', control(geometry));
        assert.equal(res.statusCode, 400, res.body);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.match(res.json().field, /^geometry/);
        assert.match(res.json().detail, message);
      }
      const ring = Array.from({ length: 20_001 }, (_, i) => {
        const a = (2 * Math.PI * i) / 20_001;
        return [36 + Math.cos(a), 35 + Math.sin(a)];
      });
      ring.push(ring[0]!);
      const many = await editor(
        'POST',
        '/api/v1/desks/syria-daily/layers',
        control({ type: 'Polygon', coordinates: [ring] }),
      );
      assert.equal(many.statusCode, 400, many.body);
      assert.match(many.json().detail, /20000 vertices/);
      const front = await editor('POST', '/api/v1/desks/syria-daily/layers', {
        ...control(box(0, 0, 1, 1)),
        kind: 'front',
      });
      assert.equal(front.json().field, 'geometry');
      const noForce = await editor(
        'POST',
        '/api/v1/desks/syria-daily/layers',
        control(box(0, 0, 1, 1), { forceId: null }),
      );
      assert.equal(noForce.json().field, 'forceId');
      const badDay = await editor(
        'POST',
        '/api/v1/desks/syria-daily/layers',
        control(box(0, 0, 1, 1), { validFrom: '2026-02-30' }),
      );
      assert.equal(badDay.json().field, 'validFrom');
      const unknown = await editor(
        'POST',
        '/api/v1/desks/syria-daily/layers',
        control(box(0, 0, 1, 1), { html: '<b>' }),
      );
      assert.equal(unknown.statusCode, 400);
    });

    it('refuses a body over 2 MB before reading it', async () => {
      const huge = JSON.stringify(
        control(
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          { label: 'x'.repeat(3_000_000) },
        ),
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks/syria-daily/layers',
        headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
        payload: huge,
      });
      assert.equal(res.statusCode, 413);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    });

    it('lets only editors of the desk write, with the session’s CSRF token', async () => {
      const layer = control(box(30, 0, 31, 1));
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks/syria-daily/layers',
        payload: layer,
      });
      assert.equal(anonymous.statusCode, 401);
      const contributor = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks/syria-daily/layers',
        headers: t.auth(t.contributorToken),
        payload: layer,
      });
      assert.equal(contributor.statusCode, 403);
      const otherDesk = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks/syria-daily/layers',
        headers: otherDeskEditor,
        payload: layer,
      });
      assert.equal(otherDesk.statusCode, 403, otherDesk.body);
      assert.equal(otherDesk.json().field, 'desk');
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks/iran-daily/forces',
        headers: { cookie: otherDeskEditor['cookie']! },
        payload: { name: 'IRGC', colour: '#2f8f4e' },
      });
      assert.equal(noCsrf.statusCode, 403);
      // Their own desk they may draw on, but not with another desk's force.
      const foreignForce = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks/iran-daily/layers',
        headers: otherDeskEditor,
        payload: layer,
      });
      assert.equal(foreignForce.statusCode, 400, foreignForce.body);
      assert.equal(foreignForce.json().field, 'forceId');
      const layers = await editor('GET', '/api/v1/desks/syria-daily/layers');
      const someId = layers.json()[0].id as string;
      for (const [method, url] of [
        ['DELETE', `/api/v1/desks/syria-daily/layers/${someId}`],
        ['POST', `/api/v1/desks/syria-daily/layers/${someId}/revisions`],
        ['PATCH', `/api/v1/desks/syria-daily/forces/${forceId}`],
      ] as const) {
        const res = await t.app.inject({
          method,
          url,
          headers: otherDeskEditor,
          payload: method === 'PATCH' ? { colour: '#000000' } : method === 'POST' ? layer : undefined,
        });
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      }
      // A layer is found only under its own desk.
      const crossDesk = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/desks/iran-daily/layers/${someId}`,
        headers: otherDeskEditor,
      });
      assert.equal(crossDesk.statusCode, 404);
      assert.equal((await editor('GET', `/api/v1/desks/syria-daily/layers/${someId}`)).statusCode, 200);
    });
  });
}
