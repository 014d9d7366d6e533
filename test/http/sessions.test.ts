/** Newsroom sign-in: cookie flags, CSRF on cookie writes, throttling, log out everywhere, desk limits. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('newsroom sessions', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'editor', password: PASSWORD });
    await t.accounts.addUser({
      email: 'cat@example.org',
      name: 'Cat',
      role: 'contributor',
      password: PASSWORD,
    });
  });
  after(() => t.close());

  async function signIn(email: string, password = PASSWORD, ip = '10.0.0.1') {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password },
      remoteAddress: ip,
    });
    const cookie = String(response.headers['set-cookie'] ?? '');
    return {
      response,
      cookie: cookie.split(';')[0] ?? '',
      setCookie: cookie,
      csrf: response.json().csrfToken as string,
    };
  }

  it('sets an HttpOnly, SameSite=Lax cookie, Secure over HTTPS', async () => {
    const { response, setCookie } = await signIn('ed@example.org');
    assert.equal(response.statusCode, 200, response.body);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.doesNotMatch(setCookie, /Secure/);
    assert.equal(response.json().user.role, 'editor');
    assert.equal(response.json().user.passwordHash, undefined);
  });

  it('accepts cookie writes only with the CSRF token', async () => {
    const { cookie, csrf } = await signIn('ed@example.org');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { cookie },
      payload: { headline: 'Forged' },
    });
    assert.equal(withoutToken.statusCode, 403);
    assert.equal(withoutToken.json().field, 'x-csrf-token');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { cookie, 'x-csrf-token': `${csrf}x` },
      payload: { headline: 'Forged' },
    });
    assert.equal(wrongToken.statusCode, 403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { headline: 'Signed in' },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const update = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${ok.json().id}/updates`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { body: 'By a person' },
    });
    assert.equal(update.json().author, 'Ed');
  });

  it('refuses a wrong password with one message, then throttles the account', async () => {
    const unknown = await signIn('nobody@example.org', PASSWORD, '10.0.1.1');
    const wrong = await signIn('cat@example.org', 'not the password', '10.0.1.2');
    assert.equal(unknown.response.statusCode, 401);
    assert.equal(wrong.response.statusCode, 401);
    assert.equal(unknown.response.json().detail, wrong.response.json().detail);
    for (let i = 0; i < 4; i++) await signIn('cat@example.org', 'still wrong', `10.0.2.${i}`);
    const right = await signIn('cat@example.org', PASSWORD, '10.0.3.1');
    assert.equal(
      right.response.statusCode,
      429,
      'even the right password waits once the account is throttled',
    );
  });

  it('throttles one address trying many accounts', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++)
      last = (await signIn(`guess${i}@example.org`, 'x', '10.9.9.9')).response.statusCode;
    assert.equal(last, 429);
    const elsewhere = await signIn('ed@example.org', PASSWORD, '10.0.4.1');
    assert.equal(elsewhere.response.statusCode, 200);
  });

  it('logs out everywhere', async () => {
    const laptop = await signIn('ed@example.org', PASSWORD, '10.0.5.1');
    const phone = await signIn('ed@example.org', PASSWORD, '10.0.5.2');
    const me = (cookie: string) => t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal((await me(phone.cookie)).statusCode, 200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/everywhere',
      headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await me(phone.cookie)).statusCode, 401);
    assert.equal((await me(laptop.cookie)).statusCode, 401);
  });

  it('keeps a user limited to one desk off the others', async () => {
    for (const name of ['Syria Daily', 'Iran Daily'])
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks',
        headers: t.auth(t.adminToken),
        payload: { name },
      });
    await t.accounts.addUser({ email: 'sy@example.org', name: 'Sy', role: 'editor', password: PASSWORD });
    await t.accounts.setDesks('sy@example.org', ['syria-daily']);
    const { cookie, csrf } = await signIn('sy@example.org', PASSWORD, '10.0.6.1');
    const open = (desk: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/desks/${desk}/days/2026-05-27`,
        headers: { cookie, 'x-csrf-token': csrf },
      });
    assert.equal((await open('syria-daily')).statusCode, 201);
    assert.equal((await open('iran-daily')).statusCode, 403);
    // Nor may they read another desk's edit history, which keeps deleted text.
    const iranDay = await t.liveBlog.openDaily(
      (await t.store.desks.getBySlug('iran-daily'))!,
      '2026-05-27',
      'any',
    );
    const update = await t.liveBlog.publishUpdate(iranDay!.id, { body: 'later deleted' }, 'Iran desk');
    await t.liveBlog.deleteUpdate(update.id, 'Iran desk');
    const history = await t.app.inject({
      url: `/api/v1/updates/${update.id}/revisions`,
      headers: { cookie },
    });
    assert.equal(history.statusCode, 403);
    // Nor page through its editor's stream; the anonymous are refused, odd input is named.
    const stream = (storyId: string, query: string, headers: Record<string, string> = { cookie }) =>
      t.app.inject({ url: `/newsroom/stories/${storyId}/updates?${query}`, headers });
    assert.equal((await stream(iranDay!.id, 'q=later')).statusCode, 403);
    const anonymous = await stream(iranDay!.id, '', {});
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /problem\+json/);
    const syriaDay = await t.liveBlog.openDaily(
      (await t.store.desks.getBySlug('syria-daily'))!,
      '2026-05-27',
      'never',
    );
    await t.liveBlog.publishUpdate(syriaDay!.id, { body: 'Shelling near <b>Idlib</b>' }, 'Syria desk');
    const found = await stream(syriaDay!.id, 'q=idlib');
    assert.equal(found.statusCode, 200);
    assert.equal(found.headers['cache-control'], 'no-store');
    assert.match(found.json().html, /Shelling near/);
    assert.equal(found.json().nextCursor, null);
    const long = await stream(syriaDay!.id, `q=${'x'.repeat(201)}`);
    assert.equal(long.statusCode, 400);
    assert.equal(long.json().field, 'q');
    assert.equal((await stream(syriaDay!.id, 'cursor=garbage')).json().field, 'cursor');
  });
});
