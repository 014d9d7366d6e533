/**
 * One map layer out and in as GeoJSON (issue 16): every revision or the one of a day exported with the
 * properties an import reads, imported into an existing layer as new revisions (all or none, earlier
 * ones kept), and a revision saved from a stale drawing refused instead of replacing a colleague's.
 */
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

interface ExportedFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> & { revision: number; areaKm2: number; validFrom: string };
}

for (const engine of ENGINES) {
  describe(`a map layer as GeoJSON (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let layerId: string;
    let otherDeskEditor: Record<string, string>;
    const PASSWORD = 'layer geojson passphrase';

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
      const created = await editor('POST', '/api/v1/desks/syria-daily/layers', {
        kind: 'control',
        forceId: force.json().id,
        geometry: box(36, 34, 37, 35),
        validFrom: '2026-05-27',
        source: 'Syria Daily correspondents',
        claimStatus: 'claimed',
      });
      assert.equal(created.statusCode, 201, created.body);
      layerId = created.json().id;
      const second = await editor('POST', `/api/v1/desks/syria-daily/layers/${layerId}/revisions`, {
        kind: 'control',
        forceId: force.json().id,
        geometry: {
          type: 'MultiPolygon',
          coordinates: [box(36, 34, 37, 35).coordinates, box(38, 34, 39, 35).coordinates],
        },
        validFrom: '2026-06-10',
        source: 'Syria Daily correspondents; <script>alert(1)</script>',
        claimStatus: 'verified',
        baseRevision: 1,
      });
      assert.equal(second.statusCode, 201, second.body);
    });
    after(async () => {
      await t.close();
      await engine.cleanUp();
    });

    const editor = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: t.auth(t.editorToken),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const exported = async (query = '') => {
      const res = await t.app.inject({
        url: `/api/v1/desks/syria-daily/layers/${layerId}/revisions.geojson${query}`,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
      return res.json() as { type: string; date?: string; features: ExportedFeature[] };
    };

    it('exports every revision, or the one maps show on a day, with the properties an import reads', async () => {
      const all = await exported();
      assert.equal(all.type, 'FeatureCollection');
      assert.deepEqual(
        all.features.map((f) => [f.properties.revision, f.geometry.type, f.properties.validFrom]),
        [
          [1, 'Polygon', '2026-05-27'],
          [2, 'MultiPolygon', '2026-06-10'],
        ],
      );
      const [first, second] = all.features;
      assert.equal(first?.properties['force'], 'Syrian government');
      assert.equal(first?.properties['claimStatus'], 'claimed');
      // The second area doubles the area (1°×1° cells at the same latitude).
      assert.ok(Math.abs(second!.properties.areaKm2 / first!.properties.areaKm2 - 2) < 0.01);
      // Text goes out as data (JSON-escaped by the serializer), never interpreted.
      assert.equal(second?.properties['source'], 'Syria Daily correspondents; <script>alert(1)</script>');

      assert.deepEqual(
        (await exported('?date=2026-06-01')).features.map((f) => f.properties.revision),
        [1],
      );
      assert.deepEqual(
        (await exported('?date=2026-06-10')).features.map((f) => f.properties.revision),
        [2],
      );
      assert.deepEqual((await exported('?date=2026-05-01')).features, [], 'not drawn yet that day');
      const bad = await t.app.inject({
        url: `/api/v1/desks/syria-daily/layers/${layerId}/revisions.geojson?date=2026-02-30`,
      });
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    });

    it('is found only under its own desk, and not at all once deleted', async () => {
      const crossDesk = await t.app.inject({
        url: `/api/v1/desks/iran-daily/layers/${layerId}/revisions.geojson`,
      });
      assert.equal(crossDesk.statusCode, 404);
      const noSuch = await t.app.inject({ url: '/api/v1/desks/syria-daily/layers/nope/revisions.geojson' });
      assert.equal(noSuch.statusCode, 404);
      assert.match(String(noSuch.headers['content-type']), /application\/problem\+json/);
    });

    it('imports an export into another layer as new revisions, keeping the earlier ones', async () => {
      const target = await editor('POST', '/api/v1/desks/syria-daily/layers/import', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: box(40, 34, 41, 35),
            properties: {
              kind: 'zone',
              zone: 'buffer',
              validFrom: '2026-04-01',
              source: 'Buffer zone agreement',
              claimStatus: 'verified',
            },
          },
        ],
      });
      assert.equal(target.statusCode, 201, target.body);
      const targetId = target.json()[0].id as string;
      const imported = await editor(
        'POST',
        `/api/v1/desks/syria-daily/layers/${targetId}/revisions/import`,
        await exported(),
      );
      assert.equal(imported.statusCode, 201, imported.body);
      assert.deepEqual(
        imported.json().map((r: { revision: number; kind: string }) => [r.revision, r.kind]),
        [
          [2, 'control'],
          [3, 'control'],
        ],
      );
      const history = await t.app.inject({ url: `/api/v1/desks/syria-daily/layers/${targetId}/revisions` });
      const revisions = history.json() as {
        revision: number;
        kind: string;
        areaKm2: number;
        author: string;
      }[];
      assert.deepEqual(
        revisions.map((r) => [r.revision, r.kind]),
        [
          [1, 'zone'],
          [2, 'control'],
          [3, 'control'],
        ],
        'the zone it was stays in its history',
      );
      const source = (await exported()).features;
      assert.equal(revisions[2]?.areaKm2, source[1]?.properties.areaKm2, 'both areas came across');
      assert.equal(revisions[2]?.author, 'test-editor', 'the importer is the author of the new revisions');
    });

    it('refuses a bad or huge import with problem+json and stores nothing of it', async () => {
      const before = (await exported()).features.length;
      const url = `/api/v1/desks/syria-daily/layers/${layerId}/revisions/import`;
      const feature = (geometry: unknown) => ({
        type: 'Feature',
        geometry,
        properties: { validFrom: '2026-07-01', source: 'Import test', claimStatus: 'claimed' },
      });
      const cases: [unknown, number, RegExp | string][] = [
        // The first feature is fine; the second's ring is open: neither is stored.
        [
          {
            type: 'FeatureCollection',
            features: [
              feature(box(36, 34, 37, 35)),
              feature({
                type: 'Polygon',
                coordinates: [
                  [
                    [0, 0],
                    [1, 0],
                    [1, 1],
                    [0, 1],
                  ],
                ],
              }),
            ],
          },
          400,
          'features[1].geometry',
        ],
        [
          { type: 'FeatureCollection', features: [feature({ type: 'Point', coordinates: [1, 2] })] },
          400,
          'features[0].geometry',
        ],
        [
          {
            type: 'FeatureCollection',
            features: [feature(box(36, 34, 37, 35))].map((f) => ({
              ...f,
              properties: { ...f.properties, kind: 'front' },
            })),
          },
          400,
          'features[0].geometry',
        ],
        [{ type: 'Feature', geometry: box(36, 34, 37, 35) }, 400, 'type'],
        [{ type: 'FeatureCollection', features: 'all of them' }, 400, 'features'],
        [
          {
            type: 'FeatureCollection',
            features: Array.from({ length: 201 }, () => feature(box(36, 34, 37, 35))),
          },
          400,
          'features',
        ],
      ];
      for (const [body, status, field] of cases) {
        const res = await editor('POST', url, body);
        assert.equal(res.statusCode, status, res.body);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(res.json().field, field, res.body);
      }
      const tooMany = Array.from({ length: 20_001 }, (_, i) => [36 + i / 1e6, 34]);
      const overVertices = await editor('POST', url, {
        type: 'FeatureCollection',
        features: [feature({ type: 'Polygon', coordinates: [[...tooMany, tooMany[0]]] })],
      });
      assert.equal(overVertices.statusCode, 400);
      assert.match(overVertices.json().detail, /more than 20000 vertices/);
      const huge = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
        payload: `{"type":"FeatureCollection","features":[${'1,'.repeat(4_500_000)}1]}`,
      });
      assert.equal(huge.statusCode, 413);
      assert.match(String(huge.headers['content-type']), /application\/problem\+json/);
      const broken = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
        payload: '{"type":"FeatureCollection","features":[',
      });
      assert.equal(broken.statusCode, 400);
      assert.match(String(broken.headers['content-type']), /application\/problem\+json/);
      assert.equal((await exported()).features.length, before, 'no revision stored by a refused import');
    });

    it('lets only editors of the layer’s desk import into it', async () => {
      const body = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: box(36, 34, 37, 35),
            properties: { validFrom: '2026-07-01', source: 'x', claimStatus: 'claimed' },
          },
        ],
      };
      const url = `/api/v1/desks/syria-daily/layers/${layerId}/revisions/import`;
      assert.equal((await t.app.inject({ method: 'POST', url, payload: body })).statusCode, 401);
      const contributor = await t.app.inject({
        method: 'POST',
        url,
        headers: t.auth(t.contributorToken),
        payload: body,
      });
      assert.equal(contributor.statusCode, 403);
      const otherDesk = await t.app.inject({ method: 'POST', url, headers: otherDeskEditor, payload: body });
      assert.equal(otherDesk.statusCode, 403, otherDesk.body);
      // Under their own desk's address the layer is not found at all.
      const disguised = await t.app.inject({
        method: 'POST',
        url: `/api/v1/desks/iran-daily/layers/${layerId}/revisions/import`,
        headers: otherDeskEditor,
        payload: body,
      });
      assert.equal(disguised.statusCode, 404);
    });

    it('refuses a revision saved from a drawing older than the newest, naming who saved the newer one', async () => {
      const { features } = await exported();
      const newest = features.at(-1)!.properties.revision;
      const stale = await editor('POST', `/api/v1/desks/syria-daily/layers/${layerId}/revisions`, {
        kind: 'control',
        forceId: (await editor('GET', `/api/v1/desks/syria-daily/layers/${layerId}`)).json().current.forceId,
        geometry: box(36, 34, 37.5, 35),
        validFrom: '2026-06-10',
        source: 'Stale drawing',
        claimStatus: 'claimed',
        baseRevision: newest - 1,
      });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.match(String(stale.headers['content-type']), /application\/problem\+json/);
      assert.equal(stale.json().current.revision, newest);
      assert.equal(stale.json().current.author, 'test-editor');
      assert.equal((await exported()).features.length, features.length, 'nothing saved');
      const current = await editor('POST', `/api/v1/desks/syria-daily/layers/${layerId}/revisions`, {
        kind: 'control',
        forceId:
          stale.json().current &&
          (await editor('GET', `/api/v1/desks/syria-daily/layers/${layerId}`)).json().current.forceId,
        geometry: box(36, 34, 37.5, 35),
        validFrom: '2026-06-10',
        source: 'Fresh drawing',
        claimStatus: 'claimed',
        baseRevision: newest,
      });
      assert.equal(current.statusCode, 201, current.body);
      assert.equal(current.json().revision, newest + 1);
    });

    it('lets one of two saves based on the same revision through, at the same moment', async () => {
      const layer = (await editor('GET', `/api/v1/desks/syria-daily/layers/${layerId}`)).json();
      const save = (source: string) =>
        editor('POST', `/api/v1/desks/syria-daily/layers/${layerId}/revisions`, {
          kind: 'control',
          forceId: layer.current.forceId,
          geometry: box(36, 34, 37, 35),
          validFrom: '2026-06-20',
          source,
          claimStatus: 'claimed',
          baseRevision: layer.current.revision,
        });
      const results = await Promise.all([save('Desk A'), save('Desk B')]);
      assert.deepEqual(
        results.map((r) => r.statusCode).sort(),
        [201, 409],
        results.map((r) => r.body).join('\n'),
      );
      const newest = (await exported()).features.at(-1)!;
      assert.equal(newest.properties.revision, layer.current.revision + 1, 'one revision added, not two');
    });

    it('exports nothing of a deleted layer', async () => {
      assert.equal((await editor('DELETE', `/api/v1/desks/syria-daily/layers/${layerId}`)).statusCode, 204);
      const gone = await t.app.inject({
        url: `/api/v1/desks/syria-daily/layers/${layerId}/revisions.geojson`,
      });
      assert.equal(gone.statusCode, 404);
    });
  });
}
