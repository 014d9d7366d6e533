/**
 * Issue 12, item 12: login CSRF. A page on another site — including one that makes the browser send
 * `Origin: null` (a sandboxed frame, `Referrer-Policy: no-referrer`) — must not sign a browser in to an
 * account of its choosing; a malformed Origin is refused, not a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'login csrf passphrase';

describe('login CSRF on /newsroom/login', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'editor', password: PASSWORD });
  });
  after(() => t.close());

  const post = (headers: Record<string, string>, password = PASSWORD) =>
    t.app.inject({
      method: 'POST',
      url: '/newsroom/login',
      headers: { host: 'news.example', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams({ email: 'ed@example.org', password }).toString(),
    });

  for (const [label, headers] of [
    ['Origin: null', { origin: 'null' }],
    ['a malformed Origin', { origin: 'http://[' }],
    ['an Origin that is not a URL', { origin: '::::' }],
    ['another site’s Origin', { origin: 'https://attacker.example' }],
    ['another port of the same host', { origin: 'http://news.example:8443' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://news.example' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ] as const) {
    it(`refuses ${label} with 403 and sets no session`, async () => {
      const response = await post(headers);
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.headers['set-cookie'], undefined);
      assert.match(String(response.headers['content-type']), /problem\+json/);
      assert.equal(response.json().field, 'origin');
    });
  }

  for (const [label, headers] of [
    ['its own Origin', { origin: 'http://news.example' }],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin', origin: 'http://news.example' }],
    ['no Origin at all (not a browser: curl, scripts)', {}],
  ] as const) {
    it(`signs in from ${label}`, async () => {
      const response = await post(headers);
      assert.equal(response.statusCode, 303, response.body);
      assert.match(String(response.headers['set-cookie']), /dateline_session=/);
    });
  }
});
