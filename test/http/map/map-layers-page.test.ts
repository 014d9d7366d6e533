/** Reader maps draw the desk's layers as of `?date=` (no script needed), with a legend giving each area in km². */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

describe('map layers on reader maps', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    const force = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/forces',
      headers: t.auth(t.editorToken),
      payload: { name: 'Opposition <b>forces</b>', colour: '#2f8f4e' },
    });
    const layer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/layers',
      headers: t.auth(t.editorToken),
      payload: {
        kind: 'control',
        forceId: force.json().id,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [36.5, 35.7],
              [36.9, 35.7],
              [36.9, 36.1],
              [36.5, 36.1],
              [36.5, 35.7],
            ],
          ],
        },
        validFrom: '2026-05-27',
        source: 'Field reporting',
        claimStatus: 'claimed',
      },
    });
    assert.equal(layer.statusCode, 201, layer.body);
  });
  after(() => t.close());

  const legendOf = async (url: string) => {
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200, res.body);
    const shown = [...res.body.matchAll(/<li class="layer-legend layer-[^>]*>.*?<\/li>/gs)]
      .filter((m) => !/<li [^>]*hidden/.test(m[0]))
      .map((m) => m[0].replace(/<[^>]+>/g, ''));
    return { shown, body: res.body };
  };

  for (const base of ['/map?desk=syria-daily', '/embed/map?desk=syria-daily']) {
    it(`${base}: the area appears from its valid-from day, with its area, escaped`, async () => {
      const before = await legendOf(`${base}&date=2026-05-26`);
      assert.deepEqual(before.shown, []);
      assert.match(before.body, /No layer is drawn for this day/);
      const on = await legendOf(`${base}&date=2026-05-27`);
      assert.equal(on.shown.length, 1);
      assert.match(
        on.shown[0]!,
        /Area of control: Opposition &lt;b>forces&lt;\/b>, from 27 May, 1,[0-9]{3} km²/,
      );
      assert.doesNotMatch(on.body, /<b>forces/);
      assert.match(on.body, /<path class="map-layer layer-control"[^>]*fill="#2f8f4e"/);
      assert.match(on.body, /Ground as of <span[^>]*>27 May 2026/);
    });
  }

  it('refuses a date that is not a day', async () => {
    const res = await t.app.inject({ url: '/map?date=2026-13-01' });
    assert.equal(res.statusCode, 400);
  });
});
