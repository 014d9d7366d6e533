/**
 * A JSON body nested thousands of levels deep (24 KB is enough) is bad input like any other: the answer
 * is a 400 problem naming what is wrong, not a 500 from a stack overflow in a check that walks the body,
 * and that for anyone, signed in or not (a login form takes it as readily as the layers API).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const DEPTH = 12_000;
const nested = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

describe('deeply nested JSON bodies', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
  });
  after(() => t.close());

  it('answers 400 with a problem, anonymous or an editor', async () => {
    for (const [url, headers, body] of [
      ['/api/v1/session', {}, `{"email":${nested},"password":"x"}`],
      [
        '/api/v1/desks/syria-daily/layers',
        t.auth(t.editorToken),
        `{"kind":"front","geometry":{"type":"LineString","coordinates":${nested}},"validFrom":"2026-12-01","source":"s","claimStatus":"claimed"}`,
      ],
      [
        '/api/v1/desks/syria-daily/layers/import',
        t.auth(t.editorToken),
        `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":${nested}},"properties":{}}]}`,
      ],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: body,
      });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
    // A NUL deep inside is still found, and named by its path.
    const nul = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: { email: 'a@example.org', password: 'x', extra: { list: ['ok', 'bad\u0000'] } },
    });
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().field, 'extra.list.1');
  });
});
