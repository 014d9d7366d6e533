/**
 * Issue 12, item 14: blank, repetitive, sequential and common passwords are refused wherever a password
 * is chosen — user creation (CLI), a reset by the CLI, and one's own change after a one-time password.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkPassword } from '../../src/accounts/password-policy.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const WEAK = [
  '            ',
  '   \t   \t   ',
  'aaaaaaaaaaaa',
  'abababababab',
  '123456789012',
  'abcdefghijkl',
  'qwertyuiopas',
  'lkjihgfedcba',
  'password1234',
  'Password2024!',
  'qwerty123456',
  'iloveyou2026',
  'P@ssw0rd!!!!',
  '  short one  ',
];
const STRONG = [
  'correct horse battery staple',
  'newsroom passphrase 2026',
  'Tx9#mK2$vL8q',
  '847261930582',
  'Дамаск и Алеппо вечером',
];

function refusal(password: string, context = {}): string | null {
  try {
    checkPassword(password, 'password', context);
    return null;
  } catch (error) {
    assert.ok(error instanceof DomainError && error.code === 'validation');
    assert.equal(error.details.field, 'password');
    return error.message;
  }
}

describe('password policy', () => {
  it('refuses blank, repetitive, sequential and common passwords', () => {
    for (const password of WEAK) assert.notEqual(refusal(password), null, JSON.stringify(password));
  });

  it('accepts passphrases and random strings', () => {
    for (const password of STRONG) assert.equal(refusal(password), null, password);
  });

  it('refuses the account’s own email or name padded out', () => {
    const owner = { email: 'samira.haddad@desk.example', name: 'Samira Haddad' };
    assert.notEqual(refusal('samira.haddad1', owner), null);
    assert.notEqual(refusal('SamiraHaddad!!', owner), null);
    assert.equal(refusal('samira.haddad1'), null, 'the same text is fine for someone else');
  });

  describe('where passwords are chosen', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp();
    });
    after(() => t.close());

    it('refuses a weak new password on the change-password API, naming the field', async () => {
      const current = 'a good first passphrase';
      await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'editor', password: current });
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'ed@example.org', password: current },
      });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      const csrf = signIn.json().csrfToken as string;
      for (const newPassword of ['            ', 'aaaaaaaaaaaa', 'password1234']) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/session/password',
          headers: { cookie, 'x-csrf-token': csrf },
          payload: { currentPassword: current, newPassword },
        });
        assert.equal(response.statusCode, 400, newPassword);
        assert.equal(response.json().field, 'newPassword');
      }
      // Nothing changed: the first password still signs in.
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'ed@example.org', password: current },
      });
      assert.equal(again.statusCode, 200);
    });

    it('refuses a weak password when an account is added or reset', async () => {
      await assert.rejects(
        t.accounts.addUser({ email: 'x@example.org', name: 'X', role: 'editor', password: 'aaaaaaaaaaaa' }),
        (e: unknown) => e instanceof DomainError && e.details.field === 'password',
      );
      assert.equal(
        (await t.store.accounts.listUsers()).some((u) => u.email === 'x@example.org'),
        false,
      );
      await assert.rejects(
        t.accounts.setPassword('ed@example.org', '123456789012'),
        (e: unknown) => e instanceof DomainError && e.details.field === 'password',
      );
    });
  });

  it('dateline user add refuses 12 spaces with one line', async () => {
    const dataDir = createTempDir();
    const result = await runCli(
      [
        'user',
        'add',
        '--email',
        'a@example.org',
        '--name',
        'A',
        '--role',
        'admin',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      { DATELINE_SAMPLE: 'off' },
      '            \n',
    );
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /^dateline: password must not be blank\n$/);
  });
});
