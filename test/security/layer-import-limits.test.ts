/**
 * GeoJSON import is a second way in for a layer's label and a force's name: it must keep the limits the
 * drawing API keeps (label 200 characters, force name 80), or a 2,000-character force name lands in
 * every legend and map card of the desk, where a name the API would refuse now sits.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [36.0, 35.0],
      [36.5, 35.0],
      [36.5, 35.5],
      [36.0, 35.5],
      [36.0, 35.0],
    ],
  ],
};

describe('layer import keeps the API’s text limits', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
  });
  after(() => t.close());

  const importOne = (properties: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/layers/import',
      headers: t.auth(t.editorToken),
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: square,
            properties: {
              kind: 'control',
              validFrom: '2026-12-01',
              source: 'Desk',
              claimStatus: 'claimed',
              ...properties,
            },
          },
        ],
      },
    });

  it('refuses a force name over 80 characters and a label over 200, storing nothing', async () => {
    for (const [properties, field] of [
      [{ force: `=HYPERLINK("http://x")${'F'.repeat(80)}` }, 'features[0].properties.force'],
      [{ force: 'Syrian government', label: 'L'.repeat(201) }, 'features[0].properties.label'],
    ] as const) {
      const res = await importOne(properties);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().field, field);
    }
    const forces = await t.app.inject({ url: '/api/v1/desks/syria-daily/forces' });
    assert.deepEqual(forces.json(), [], 'no force added by a refused import');
    const layers = await t.app.inject({ url: '/api/v1/desks/syria-daily/layers' });
    assert.deepEqual(layers.json(), []);
    const fine = await importOne({ force: 'F'.repeat(80), label: 'L'.repeat(200) });
    assert.equal(fine.statusCode, 201, fine.body);
  });
});
