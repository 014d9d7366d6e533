/**
 * Issue 12, item 6: API tokens can be listed, revoked and made to expire, by admins only, with audit
 * entries; a revoked token is refused at once, and a stream it opened ends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/accounts/token-service.ts';
import { STREAM_RECHECK_MS } from '../../src/http/auth.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'token admin passphrase';

describe('API tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.auth(token), ...(payload && { payload }) });
  /** Status of a request any valid token may make (the composer's preview). */
  const use = async (secret: string) =>
    (await api('POST', '/api/v1/preview', secret, { body: 'x' })).statusCode;

  it('lists tokens to admins only, without secrets or hashes, with when each was last used', async () => {
    assert.equal((await api('GET', '/api/v1/tokens', t.editorToken)).statusCode, 403);
    assert.equal((await t.app.inject({ url: '/api/v1/tokens' })).statusCode, 401);
    const listed = await api('GET', '/api/v1/tokens', t.adminToken);
    assert.equal(listed.statusCode, 200);
    const items = listed.json().items as Record<string, unknown>[];
    assert.deepEqual(
      items.map((i) => [i['name'], i['role'], i['state']]),
      [
        ['test-contributor', 'contributor', 'active'],
        ['test-editor', 'editor', 'active'],
        ['test-admin', 'admin', 'active'],
      ],
    );
    assert.ok(items.find((i) => i['name'] === 'test-admin')?.['lastUsedAt'], 'the admin token was just used');
    assert.equal(items.find((i) => i['name'] === 'test-contributor')?.['lastUsedAt'], null);
    for (const secret of [t.adminToken, t.editorToken]) assert.ok(!listed.body.includes(secret.slice(3)));
    assert.doesNotMatch(listed.body, /secret|hash/i);
  });

  it('creates a token with an expiry, revokes it at once and audits both', async () => {
    const created = await api('POST', '/api/v1/tokens', t.adminToken, {
      name: 'leaky-bot',
      role: 'editor',
      expires: '30d',
    });
    assert.equal(created.statusCode, 201, created.body);
    const { token, secret } = created.json() as { token: { id: string; expiresAt: string }; secret: string };
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
    assert.equal(await use(secret), 200);

    assert.equal((await api('DELETE', `/api/v1/tokens/${token.id}`, t.editorToken)).statusCode, 403);
    assert.equal((await api('DELETE', `/api/v1/tokens/${token.id}`, t.adminToken)).statusCode, 204);
    assert.equal(await use(secret), 401);
    assert.equal(
      (await api('DELETE', `/api/v1/tokens/${token.id}`, t.adminToken)).statusCode,
      204,
      'idempotent',
    );
    assert.equal((await api('DELETE', '/api/v1/tokens/nope', t.adminToken)).statusCode, 404);

    const audit = await api(
      'GET',
      `/api/v1/audit?actor=${encodeURIComponent(`token:${token.id}`)}`,
      t.adminToken,
    );
    assert.deepEqual(
      (audit.json().items as { action: string; actor: string }[]).map((e) => [e.action, e.actor]).reverse(),
      [
        ['token.create', 'test-admin'],
        ['token.revoke', 'test-admin'],
      ],
    );
  });

  it('refuses a bad expiry naming the field', async () => {
    for (const expires of ['soon', '-1d', '2001-01-01', '9999d']) {
      const response = await api('POST', '/api/v1/tokens', t.adminToken, {
        name: 'x',
        role: 'editor',
        expires,
      });
      assert.equal(response.statusCode, 400, expires);
      assert.equal(response.json().field, 'expires', expires);
    }
  });

  it('refuses an expired token with 401', async () => {
    const { secret } = await createApiToken(t.store, {
      name: 'expired-bot',
      role: 'admin',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const response = await api('GET', '/api/v1/users', secret);
    assert.equal(response.statusCode, 401);
    assert.match(response.json().detail, /expired/);
    const listed = (await api('GET', '/api/v1/tokens', t.adminToken)).json().items as {
      name: string;
      state: string;
    }[];
    assert.equal(listed.find((i) => i.name === 'expired-bot')?.state, 'expired');
  });

  it('documents the token routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/tokens'].get && doc.paths['/tokens'].post);
    assert.ok(doc.paths['/tokens/{id}'].delete);
  });

  describe('the newsroom page', () => {
    let cookie: string;
    let csrf: string;
    before(async () => {
      await t.accounts.addUser({
        email: 'boss@example.org',
        name: 'Boss',
        role: 'admin',
        password: PASSWORD,
      });
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'boss@example.org', password: PASSWORD },
      });
      cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      csrf = signIn.json().csrfToken as string;
    });

    const revokeForm = (id: string, body: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/newsroom/admin/tokens/${id}/revoke`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(body).toString(),
      });

    it('lists tokens with Revoke forms that need the session’s CSRF token', async () => {
      const { token, secret } = await createApiToken(t.store, { name: 'page-bot', role: 'contributor' });
      const page = await t.app.inject({ url: '/newsroom/admin/tokens', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /page-bot/);
      assert.match(page.body, new RegExp(`action="/newsroom/admin/tokens/${token.id}/revoke"`));
      assert.match(page.body, new RegExp(`name="_csrf" value="${csrf}"`));

      for (const body of [{}, { _csrf: 'forged' }] as Record<string, string>[]) {
        const forged = await revokeForm(token.id, body);
        assert.equal(forged.statusCode, 403);
        assert.equal(await use(secret), 200, 'still valid');
      }
      const revoked = await revokeForm(token.id, { _csrf: csrf });
      assert.equal(revoked.statusCode, 303);
      assert.equal(await use(secret), 401);
      const after = await t.app.inject({ url: String(revoked.headers.location), headers: { cookie } });
      assert.match(after.body, /Revoked “page-bot”/);
    });

    it('is for admins only', async () => {
      await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'editor', password: PASSWORD });
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'ed@example.org', password: PASSWORD },
      });
      const editor = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      assert.equal(
        (await t.app.inject({ url: '/newsroom/admin/tokens', headers: { cookie: editor } })).statusCode,
        403,
      );
    });
  });
});

describe('streams opened with a token that is then revoked', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp();
    base = await t.listen();
  });
  after(() => t.close());

  it(
    'end at once, not at the next recheck: the editor’s suggestions and a draft’s live stream',
    { timeout: 60_000 },
    async () => {
      const story = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories',
        headers: t.auth(t.editorToken),
        payload: { headline: 'Streamed', status: 'draft' },
      });
      assert.equal(story.json().status, 'draft');
      const { token, secret } = await createApiToken(t.store, { name: 'stream-bot', role: 'editor' });
      const open = async (path: string) => {
        const stream = await fetch(`${base}/api/v1/stories/${story.json().id}/${path}`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        assert.equal(stream.status, 200, path);
        const reader = stream.body!.getReader();
        await reader.read(); // the first bytes: the stream is live
        return reader;
      };
      const readers = [await open('suggestions/live'), await open('live')];
      const revoked = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${token.id}`,
        headers: t.auth(t.adminToken),
      });
      assert.equal(revoked.statusCode, 204);
      // Reads until the server ends each stream (heartbeats in between are fine). The revocation's
      // notice on the bus ends them; the periodic recheck (STREAM_RECHECK_MS) would only after 20 s.
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(
          readers.map(async (reader) => {
            for (;;) if ((await reader.read()).done) break;
          }),
        ),
        new Promise((_, reject) => {
          deadline = setTimeout(
            () =>
              reject(new Error('the streams were still open half a recheck interval after the revocation')),
            STREAM_RECHECK_MS / 2,
          );
        }),
      ]).finally(() => clearTimeout(deadline));
    },
  );
});
