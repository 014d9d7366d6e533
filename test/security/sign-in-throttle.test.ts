/**
 * Issue 12, item 5: the sign-in throttle must hold against simultaneous attempts, not only one after
 * another. Bursts are fired at a real listening server, all at once, as an attacker's script would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_THROTTLE } from '../../src/accounts/login-throttle.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'throttle test passphrase';

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response;
}

/** How many of each status a burst got. */
function tally(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** A fresh node (its own throttle) listening on a free port, with one editor. */
async function listeningNode(): Promise<{ t: TestApp; base: string }> {
  const t = await createTestApp();
  await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'editor', password: PASSWORD });
  return { t, base: await t.listen() };
}

/**
 * Wrong guesses one after another until the server refuses with 429; how many it checked (401s). A
 * burst on a loaded machine may leave part of the limit unused (attempts refused only because two
 * were already running), so the limit is used up this way before the right password is tried.
 */
async function guessUntilRefused(base: string, emailOf: (i: number) => string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const r = await postJson(`${base}/api/v1/session`, { email: emailOf(i), password: `late guess ${i}` });
    if (r.status === 429) return i;
    assert.equal(r.status, 401, 'a guess is either checked or refused');
  }
  assert.fail('100 guesses one after another were never refused');
}

async function failedSignIns(t: TestApp): Promise<number> {
  return (await t.store.audit.list({ limit: 500, beforeId: null, action: 'login.failed' })).length;
}

describe('sign-in throttle under concurrency', () => {
  describe('60 simultaneous guesses at one account', () => {
    let t: TestApp;
    let base: string;
    before(async () => ({ t, base } = await listeningNode()));
    after(() => t.close());

    it('checks at most the account limit of passwords, refuses the rest with 429, then refuses the right one', async () => {
      const burst = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          postJson(`${base}/api/v1/session`, { email: 'ed@example.org', password: `guess number ${i}` }),
        ),
      );
      const counts = tally(burst);
      assert.ok((counts[401] ?? 0) <= DEFAULT_THROTTLE.perAccount, `401s: ${JSON.stringify(counts)}`);
      assert.ok((counts[429] ?? 0) >= 60 - DEFAULT_THROTTLE.perAccount, `429s: ${JSON.stringify(counts)}`);
      assert.ok((await failedSignIns(t)) <= DEFAULT_THROTTLE.perAccount, 'passwords checked');
      const late = await guessUntilRefused(base, () => 'ed@example.org');
      assert.equal(await failedSignIns(t), DEFAULT_THROTTLE.perAccount, `checked late: ${late}`);

      const right = await postJson(`${base}/api/v1/session`, { email: 'ed@example.org', password: PASSWORD });
      assert.equal(right.status, 429, 'the right password does not get in once the limit is hit');
      assert.equal(right.headers.get('set-cookie'), null);
    });
  });

  describe('200 simultaneous guesses from one address at many accounts', () => {
    let t: TestApp;
    let base: string;
    before(async () => ({ t, base } = await listeningNode()));
    after(() => t.close());

    it('answers 429 to all but the address limit', async () => {
      const burst = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          postJson(`${base}/api/v1/session`, { email: `user${i}@example.org`, password: 'wrong password' }),
        ),
      );
      const counts = tally(burst);
      assert.ok((counts[401] ?? 0) <= DEFAULT_THROTTLE.perAddress, `401s: ${JSON.stringify(counts)}`);
      assert.ok((counts[429] ?? 0) >= 200 - DEFAULT_THROTTLE.perAddress, `429s: ${JSON.stringify(counts)}`);
      assert.ok((await failedSignIns(t)) <= DEFAULT_THROTTLE.perAddress);
      const late = await guessUntilRefused(base, (i) => `late${i}@example.org`);
      assert.equal(await failedSignIns(t), DEFAULT_THROTTLE.perAddress, `checked late: ${late}`);
      const right = await postJson(`${base}/api/v1/session`, { email: 'ed@example.org', password: PASSWORD });
      assert.equal(right.status, 429, 'the address is throttled for every account');
    });
  });

  describe('60 simultaneous guesses at the current password of a stolen session', () => {
    let t: TestApp;
    let base: string;
    before(async () => ({ t, base } = await listeningNode()));
    after(() => t.close());

    it('are throttled like sign-ins, and the password stays unchanged', async () => {
      const signIn = await postJson(`${base}/api/v1/session`, {
        email: 'ed@example.org',
        password: PASSWORD,
      });
      assert.equal(signIn.status, 200);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const csrf = (
        (await (await fetch(`${base}/api/v1/session`, { headers: { cookie } })).json()) as {
          csrfToken: string;
        }
      ).csrfToken;
      const burst = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          postJson(
            `${base}/api/v1/session/password`,
            { currentPassword: `guess number ${i}`, newPassword: 'attacker chosen passphrase' },
            { cookie, 'x-csrf-token': csrf },
          ),
        ),
      );
      const counts = tally(burst);
      assert.ok((counts[400] ?? 0) <= DEFAULT_THROTTLE.perAccount, `400s: ${JSON.stringify(counts)}`);
      assert.ok((counts[429] ?? 0) >= 60 - DEFAULT_THROTTLE.perAccount, `429s: ${JSON.stringify(counts)}`);
    });
  });
});
