/** `dateline user …` and `token create --role contributor` on a fresh data directory. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

describe('dateline user', () => {
  it('adds the first admin from a password on stdin, stores only an argon2id hash, and manages roles', async () => {
    const dataDir = createTempDir();
    const password = 'correct horse battery staple';
    const add = await runCli(
      [
        'user',
        'add',
        '--email',
        'Lina@Example.org',
        '--name',
        'Lina',
        '--role',
        'admin',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      {},
      `${password}\n`,
    );
    assert.equal(add.status, 0, add.stderr);
    assert.equal(add.stdout.trim(), 'lina@example.org (admin)');

    const short = await runCli(
      [
        'user',
        'add',
        '--email',
        'sam@example.org',
        '--name',
        'Sam',
        '--role',
        'editor',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      {},
      'short\n',
    );
    assert.notEqual(short.status, 0);
    assert.match(short.stderr, /^dateline: password must be at least 12 characters\n$/);

    const noPassword = await runCli(
      [
        'user',
        'add',
        '--email',
        'sam@example.org',
        '--name',
        'Sam',
        '--role',
        'editor',
        '--data-dir',
        dataDir,
      ],
      {},
      '',
    );
    assert.notEqual(noPassword.status, 0, 'there is no default password');

    assert.equal(
      (
        await runCli([
          'user',
          'role',
          '--email',
          'lina@example.org',
          '--role',
          'editor',
          '--data-dir',
          dataDir,
        ])
      ).status,
      0,
    );
    assert.equal(
      (await runCli(['user', 'disable', '--email', 'lina@example.org', '--data-dir', dataDir])).status,
      0,
    );
    const list = await runCli(['user', 'list', '--data-dir', dataDir]);
    assert.match(list.stdout, /^lina@example\.org\teditor\tLina\tall desks\tdisabled\n$/);

    const store = await openSqliteStore({ filename: join(dataDir, 'dateline.db') });
    try {
      const login = await store.accounts.findLogin('lina@example.org');
      assert.match(login?.passwordHash ?? '', /^\$argon2id\$/);
      assert.ok(!(login?.passwordHash ?? '').includes(password));
    } finally {
      await store.close();
    }
  });

  it('creates contributor tokens like the other roles', async () => {
    const dataDir = createTempDir();
    const result = await runCli([
      'token',
      'create',
      '--name',
      'stringer',
      '--role',
      'contributor',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /Created contributor token "stringer"/);
    const bad = await runCli(['token', 'create', '--name', 'x', '--role', 'owner', '--data-dir', dataDir]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /contributor, editor, admin/);
  });
});
