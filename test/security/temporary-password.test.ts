/**
 * Issue 12, item 18: an account signed in with an admin's one-time password reaches only the
 * change-password form, sign-in and sign-out until it sets its own — pages, admin reads and streams alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('one-time passwords', () => {
  let t: TestApp;
  let oneTime: string;
  let cookie: string;
  let csrf: string;

  before(async () => {
    t = await createTestApp();
    // An admin account handed over with a one-time password: the most an attacker could get from it.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: t.auth(t.adminToken),
      payload: { email: 'new@example.org', name: 'New Admin', role: 'admin' },
    });
    assert.equal(created.statusCode, 201, created.body);
    oneTime = created.json().password as string;
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'new@example.org', password: oneTime },
    });
    assert.equal(signIn.statusCode, 200);
    cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    csrf = signIn.json().csrfToken as string;
  });
  after(() => t.close());

  const get = (url: string) => t.app.inject({ url, headers: { cookie } });

  it('sends every newsroom page to the password form', async () => {
    for (const url of [
      '/newsroom',
      '/newsroom/statements',
      '/newsroom/statements/new',
      '/newsroom/admin/users',
      '/newsroom/admin/audit',
      '/newsroom/admin/tokens',
    ]) {
      const response = await get(url);
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, '/newsroom/password', url);
    }
  });

  it('refuses admin API reads and writes with 403 naming the password', async () => {
    for (const url of [
      '/api/v1/users',
      '/api/v1/audit',
      '/api/v1/tokens',
      '/api/v1/webhooks',
      '/api/v1/statements',
    ]) {
      const response = await get(url);
      assert.equal(response.statusCode, 403, `${url}: ${response.body}`);
      assert.equal(response.json().field, 'password', url);
    }
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'Planted Desk' },
    });
    assert.equal(write.statusCode, 403);
  });

  it('still opens the password form, the session and sign-out', async () => {
    assert.equal((await get('/newsroom/password')).statusCode, 200);
    const session = await get('/api/v1/session');
    assert.equal(session.statusCode, 200);
    assert.equal(session.json().user.passwordTemporary, true);
  });

  it('lifts the limits once the user sets their own password', async () => {
    const own = 'my own newsroom passphrase';
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: oneTime, newPassword: own },
    });
    assert.equal(changed.statusCode, 204, changed.body);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'new@example.org', password: own },
    });
    const fresh = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    const statements = await t.app.inject({ url: '/newsroom/statements', headers: { cookie: fresh } });
    assert.equal(statements.statusCode, 200);
    const users = await t.app.inject({ url: '/api/v1/users', headers: { cookie: fresh } });
    assert.equal(users.statusCode, 200);
  });
});
