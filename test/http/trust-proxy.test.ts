/** Secure session cookies behind a TLS-terminating proxy: X-Forwarded-Proto is believed only when configured. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'proxy passphrase 2026';

async function signInCookie(t: TestApp, headers: Record<string, string>): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers,
    payload: { email: 'desk@example.org', password: PASSWORD },
  });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('dateline_session='));
  assert.ok(cookie, 'a session cookie is set');
  return cookie;
}

for (const [setting, trusted] of [
  ['127.0.0.1', true],
  ['on', true],
  ['off', false],
] as const) {
  describe(`DATELINE_TRUST_PROXY=${setting}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({
        env: { DATELINE_TRUST_PROXY: setting, DATELINE_SITE_URL: 'https://news.example' },
      });
      await t.accounts.addUser({
        email: 'desk@example.org',
        name: 'Desk',
        role: 'editor',
        password: PASSWORD,
      });
    });
    after(() => t.close());

    it(`${trusted ? 'marks' : 'does not mark'} the cookie Secure when the proxy says the browser used HTTPS`, async () => {
      const cookie = await signInCookie(t, { 'x-forwarded-proto': 'https' });
      assert.equal(/;\s*Secure/i.test(cookie), trusted, cookie);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
    });

    it('never marks it Secure for plain HTTP', async () => {
      const cookie = await signInCookie(t, { 'x-forwarded-proto': 'http' });
      assert.doesNotMatch(cookie, /;\s*Secure/i);
    });
  });
}

describe('DATELINE_TRUST_PROXY from a proxy that is not trusted', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      env: { DATELINE_TRUST_PROXY: '10.1.2.3', DATELINE_SITE_URL: 'https://news.example' },
    });
    await t.accounts.addUser({ email: 'desk@example.org', name: 'Desk', role: 'editor', password: PASSWORD });
  });
  after(() => t.close());

  it('ignores X-Forwarded-Proto sent by any other address (here the test client, 127.0.0.1)', async () => {
    const cookie = await signInCookie(t, { 'x-forwarded-proto': 'https' });
    assert.doesNotMatch(cookie, /;\s*Secure/i);
  });
});

describe('DATELINE_TRUST_PROXY parsing', () => {
  it('takes off, on, a hop count or addresses', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    const site = { DATELINE_SITE_URL: 'https://news.example' };
    assert.equal(loadConfig({ DATELINE_TRUST_PROXY: 'on', ...site }).trustProxy, true);
    assert.equal(loadConfig({ DATELINE_TRUST_PROXY: '1', ...site }).trustProxy, 1);
    assert.equal(
      loadConfig({ DATELINE_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', ...site }).trustProxy,
      '127.0.0.1,10.0.0.0/8',
    );
  });

  it('stops start-up with one line naming the variable for a bad value', () => {
    assert.throws(
      () => loadConfig({ DATELINE_TRUST_PROXY: 'yes please' }),
      (error: unknown) =>
        error instanceof ConfigError && /^invalid DATELINE_TRUST_PROXY="yes please": /.test(error.message),
    );
  });
});
