/**
 * A map layer an editor deleted is off every map, card and feed; its drawing, source and claim must not
 * stay readable to the public by id through the layers API either (it was deleted because it was wrong,
 * or named a source that should not have been named). The desk's editors keep its history.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SECRET_SOURCE = 'source inside the 93rd brigade, do not name';

describe('deleted map layers stay deleted for readers', () => {
  let t: TestApp;
  let layerId: string;

  before(async () => {
    t = await createTestApp();
    await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const drawn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/ukraine-live/layers',
      headers: t.auth(t.editorToken),
      payload: {
        kind: 'front',
        label: 'Withdrawn front line',
        geometry: {
          type: 'LineString',
          coordinates: [
            [37.5, 48.1],
            [37.9, 48.4],
          ],
        },
        validFrom: '2026-12-01',
        source: SECRET_SOURCE,
        claimStatus: 'claimed',
      },
    });
    assert.equal(drawn.statusCode, 201, drawn.body);
    layerId = drawn.json().id;
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/desks/ukraine-live/layers/${layerId}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(deleted.statusCode, 204);
  });
  after(() => t.close());

  it('answers 404 to readers and contributors for the layer and its revisions, and keeps them for editors', async () => {
    const urls = [
      `/api/v1/desks/ukraine-live/layers/${layerId}`,
      `/api/v1/desks/ukraine-live/layers/${layerId}/revisions`,
    ];
    for (const url of urls) {
      for (const headers of [{}, t.auth(t.contributorToken), t.auth('not-a-real-token')]) {
        const res = await t.app.inject({ url, headers });
        assert.equal(res.statusCode, 404, `${url} as ${JSON.stringify(headers)}: ${res.statusCode}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.ok(!res.body.includes(SECRET_SOURCE), url);
      }
      const editor = await t.app.inject({ url, headers: t.auth(t.editorToken) });
      assert.equal(editor.statusCode, 200, `${url} for the desk's editor`);
      assert.ok(editor.body.includes(SECRET_SOURCE));
    }
  });
});
