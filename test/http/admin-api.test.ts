/** Admin API: users added with a one-time password (no default anywhere), changed, disabled; the audit log filtered and exported. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

for (const engine of ENGINES) {
  describe(`admin API (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ env: await engine.env() });
      await t.liveBlog.createDesk({ name: 'Syria Daily' });
      await t.liveBlog.createDesk({ name: 'Iran Daily' });
    });
    after(async () => {
      await t.close();
      await engine.cleanUp();
    });
    const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: t.auth(t.adminToken), ...(payload ? { payload } : {}) });
    const signIn = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

    it('adds a user with a one-time password that signs in, limited to desks', async () => {
      const added = await admin('POST', '/api/v1/users', {
        email: 'Lina@Example.org',
        name: 'Lina Haddad',
        role: 'contributor',
        desks: ['syria-daily'],
      });
      assert.equal(added.statusCode, 201, added.body);
      const { user, password } = added.json();
      assert.equal(user.email, 'lina@example.org');
      assert.deepEqual(user.desks, ['syria-daily']);
      assert.ok(password.length >= 16, 'a long random password');
      // The one-time password signs in, but nothing can be written until its owner sets their own.
      const first = await signIn('lina@example.org', password);
      assert.equal(first.statusCode, 200);
      assert.equal(first.json().user.passwordTemporary, true);
      const headers = {
        cookie: `dateline_session=${first.cookies.find((c) => c.name === 'dateline_session')?.value}`,
        'x-csrf-token': first.json().csrfToken,
      };
      const blocked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/preview',
        headers,
        payload: { body: 'x' },
      });
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json().field, 'password');
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers,
        payload: { currentPassword: 'not it at all', newPassword: 'lina passphrase of her own' },
      });
      assert.equal(wrong.json().field, 'currentPassword');
      const short = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers,
        payload: { currentPassword: password, newPassword: 'short' },
      });
      assert.equal(short.json().field, 'newPassword');
      const set = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers,
        payload: { currentPassword: password, newPassword: 'lina passphrase of her own' },
      });
      assert.equal(set.statusCode, 204, set.body);
      assert.equal((await t.app.inject({ url: '/api/v1/session', headers })).statusCode, 401, 'signed out');
      assert.equal(
        (await signIn('lina@example.org', password)).statusCode,
        401,
        'the one-time password is spent',
      );
      const hers = await signIn('lina@example.org', 'lina passphrase of her own');
      assert.equal(hers.json().user.passwordTemporary, false);
      const works = await t.app.inject({
        method: 'POST',
        url: '/api/v1/preview',
        headers: {
          cookie: `dateline_session=${hers.cookies.find((c) => c.name === 'dateline_session')?.value}`,
          'x-csrf-token': hers.json().csrfToken,
        },
        payload: { body: '**ok**' },
      });
      assert.equal(works.statusCode, 200, works.body);
      // Shown once: the list never carries a password or a hash.
      const list = await admin('GET', '/api/v1/users');
      assert.doesNotMatch(list.body, /password|argon2/i);
      assert.ok(list.json().items.some((u: { email: string }) => u.email === 'lina@example.org'));

      const again = await admin('POST', '/api/v1/users', {
        email: 'lina@example.org',
        name: 'L',
        role: 'editor',
      });
      assert.equal(again.statusCode, 409);
      const bad = await admin('POST', '/api/v1/users', { email: 'not-an-email', name: 'X', role: 'editor' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().field, 'email');
      const badRole = await admin('POST', '/api/v1/users', {
        email: 'x@example.org',
        name: 'X',
        role: 'owner',
      });
      assert.equal(badRole.json().field, 'role');
      const badDesk = await admin('POST', '/api/v1/users', {
        email: 'y@example.org',
        name: 'Y',
        role: 'editor',
        desks: ['atlantis-daily'],
      });
      assert.equal(badDesk.statusCode, 400);
      assert.equal(badDesk.json().field, 'desks');
    });

    it('changes role and desks, disables (ending sessions) and resets the password', async () => {
      const { user, password } = (
        await admin('POST', '/api/v1/users', { email: 'omar@example.org', name: 'Omar', role: 'contributor' })
      ).json();
      const session = await signIn('omar@example.org', password);
      const cookie = `dateline_session=${session.cookies.find((c) => c.name === 'dateline_session')?.value}`;
      const changed = await admin('PATCH', `/api/v1/users/${user.id}`, {
        role: 'editor',
        desks: ['iran-daily', 'syria-daily'],
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().role, 'editor');
      assert.deepEqual(changed.json().desks.sort(), ['iran-daily', 'syria-daily']);
      const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
      assert.equal(me.json().user.role, 'editor', 'the open session has the new role at once');

      const disabled = await admin('PATCH', `/api/v1/users/${user.id}`, { disabled: true });
      assert.equal(disabled.json().disabled, true);
      assert.equal((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode, 401);
      assert.equal((await signIn('omar@example.org', password)).statusCode, 401);
      await admin('PATCH', `/api/v1/users/${user.id}`, { disabled: false, desks: null });

      const reset = await admin('POST', `/api/v1/users/${user.id}/password`, {});
      assert.equal(reset.statusCode, 200);
      assert.notEqual(reset.json().password, password);
      assert.equal((await signIn('omar@example.org', password)).statusCode, 401, 'the old password is gone');
      assert.equal((await signIn('omar@example.org', reset.json().password)).statusCode, 200);
      assert.equal((await admin('PATCH', '/api/v1/users/nosuchuser', { role: 'editor' })).statusCode, 404);
    });

    it('does not let a signed-in admin disable or demote themself', async () => {
      const { user, password } = (
        await admin('POST', '/api/v1/users', { email: 'root@example.org', name: 'Root', role: 'admin' })
      ).json();
      const first = await signIn('root@example.org', password);
      const own = 'root passphrase of my own';
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers: {
          cookie: `dateline_session=${first.cookies.find((c) => c.name === 'dateline_session')?.value}`,
          'x-csrf-token': first.json().csrfToken,
        },
        payload: { currentPassword: password, newPassword: own },
      });
      assert.equal(changed.statusCode, 204, changed.body);
      const session = await signIn('root@example.org', own);
      const headers = {
        cookie: `dateline_session=${session.cookies.find((c) => c.name === 'dateline_session')?.value}`,
        'x-csrf-token': session.json().csrfToken,
      };
      const demote = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers,
        payload: { role: 'editor' },
      });
      assert.equal(demote.statusCode, 409);
      assert.equal(demote.json().field, 'role');
      const noCsrf = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: { cookie: headers.cookie },
        payload: { disabled: false },
      });
      assert.equal(noCsrf.statusCode, 403, 'cookie writes need the CSRF header');
    });

    it('filters the audit log by actor, action family and day, pages it, and exports CSV and JSON', async () => {
      const all = (await admin('GET', '/api/v1/audit?limit=500')).json().items as {
        id: number;
        action: string;
        actor: string;
        actorKey: string;
        target: string;
        at: string;
      }[];
      assert.ok(all.length >= 8);
      const byAdminToken = (
        await admin('GET', '/api/v1/audit?actor=' + all.find((e) => e.action === 'user.add')?.actorKey)
      ).json();
      assert.ok(byAdminToken.items.length > 0);
      assert.ok(byAdminToken.items.every((e: { action: string }) => e.action.startsWith('user.')));

      const logins = (await admin('GET', '/api/v1/audit?action=login')).json().items;
      assert.ok(logins.length >= 2);
      assert.ok(logins.every((e: { action: string }) => e.action === 'login'));
      const family = (await admin('GET', '/api/v1/audit?action=user.')).json().items;
      assert.deepEqual([...new Set(family.map((e: { action: string }) => e.action))].sort(), [
        'user.add',
        'user.desks',
        'user.disable',
        'user.enable',
        'user.password',
        'user.role',
      ]);
      const aboutOmar = (await admin('GET', '/api/v1/audit?actor=omar@example.org')).json().items;
      assert.ok(
        aboutOmar.length >= 5 && aboutOmar.every((e: { target: string }) => e.target === 'omar@example.org'),
      );

      const today = new Date().toISOString().slice(0, 10);
      assert.equal(
        (await admin('GET', `/api/v1/audit?from=${today}&to=${today}&limit=500`)).json().items.length,
        all.length,
      );
      assert.equal((await admin('GET', '/api/v1/audit?to=2020-01-01')).json().items.length, 0);
      const badDay = await admin('GET', '/api/v1/audit?from=yesterday');
      assert.equal(badDay.statusCode, 400);
      assert.equal(badDay.json().field, 'from');

      // Pages: newest first, no entry twice, none missed.
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const response = await admin('GET', `/api/v1/audit?limit=3${cursor ? `&before=${cursor}` : ''}`);
        const page = response.json<{ items: { id: number }[]; nextCursor: string | null }>();
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(
        seen,
        all.map((e) => e.id),
      );

      const csv = await admin('GET', '/api/v1/audit/export?format=csv&action=login');
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="audit\.csv"/);
      const rows = csv.body.trim().split('\r\n');
      assert.equal(rows[0], 'id,at,actor,actor_key,action,target,detail');
      assert.equal(rows.length - 1, logins.length);
      const json = await admin('GET', '/api/v1/audit/export?format=json&action=user.');
      assert.match(String(json.headers['content-disposition']), /audit\.json/);
      assert.equal(json.json().length, family.length);
      assert.equal(
        (await t.app.inject({ url: '/api/v1/audit/export', headers: t.auth(t.editorToken) })).statusCode,
        403,
      );
    });
  });
}
