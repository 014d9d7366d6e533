import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { text } from '../reader/html.ts';
import { CALL_ESTMARK, CALL_NORLAND } from '../../statements/readouts.ts';

describe('statement pages', () => {
  let t: TestApp;
  let norland: string;
  let estmark: string;
  before(async () => {
    t = await createTestApp();
    const add = async (payload: object) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/statements',
        headers: t.auth(t.editorToken),
        payload,
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().id as string;
    };
    norland = await add({
      issuer: 'Presidency of Valdoria',
      publishedAt: '2026-03-12T16:05:00Z',
      title: 'Call with the President of Norland',
      text: CALL_NORLAND,
    });
    estmark = await add({
      issuer: 'Presidency of Valdoria',
      publishedAt: '2026-03-19T11:30:00Z',
      text: `${CALL_ESTMARK}\n\nAn <script>alert("x")</script> appended line.`,
    });
  });
  after(() => t.close());

  it('shows a statement with the earlier one that shares its wording and a link to compare them', async () => {
    const response = await t.app.inject({ url: `/statements/${estmark}` });
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.doesNotMatch(html, /<script>alert/, 'statement text is escaped');
    assert.match(text(html), /Earlier statements with the same wording/);
    assert.match(html, new RegExp(`href="/statements/compare\\?ids=${norland},${estmark}"`));
    assert.match(text(html), /Call with the President of Norland .*Shares \d+% of its wording/);
    const earlier = await t.app.inject({ url: `/statements/${norland}` });
    assert.match(text(earlier.body), /No earlier statement in the library shares much of this wording/);
  });

  it('compares two statements side by side with differences marked in words, not colour alone', async () => {
    const response = await t.app.inject({ url: `/statements/compare?ids=${norland},${estmark}` });
    assert.equal(response.statusCode, 200, response.body);
    const html = response.body;
    assert.match(response.headers['content-security-policy'] as string, /script-src 'none'/);
    // The template, with a slot holding both counterparts in order.
    assert.match(
      text(html),
      /varies: \[ statement 1: Norland Henrik Aasveen \| , statement 2: Estmark Lotte Brauner \]/,
    );
    // Two columns (stacked on narrow screens by CSS), each marking its own words.
    assert.equal((html.match(/<div class="compare-columns">/g) ?? []).length, 1);
    assert.match(
      html,
      /<del class="diff-only"><span class="sr-only">\[only in this statement: <\/span>Norland Henrik Aasveen/,
    );
    assert.match(
      html,
      /<ins class="diff-only"><span class="sr-only">\[only in this statement: <\/span>Estmark Lotte Brauner/,
    );
    assert.match(text(html), /They share \d+% of their wording \(Jaccard 0\.\d\d/);
    assert.match(
      text(html),
      /Words only in statement 1 are struck through ?; words only in statement 2 are underlined/,
    );
    assert.doesNotMatch(html, /<script>alert/);
  });

  it('answers unknown statements with the 404 page and malformed comparisons with 400', async () => {
    assert.equal((await t.app.inject({ url: '/statements/0000000000zzzzzzzzzzzzzzzz' })).statusCode, 404);
    assert.equal(
      (await t.app.inject({ url: `/statements/compare?ids=${norland},0000000000zzzzzzzzzzzzzzzz` }))
        .statusCode,
      404,
    );
    assert.equal((await t.app.inject({ url: `/statements/compare?ids=${norland}` })).statusCode, 400);
    assert.equal((await t.app.inject({ url: '/statements/compare?ids=<b>,x' })).statusCode, 400);
  });
});
