/**
 * `dateline token create|list|revoke`: a leaked token revoked from the command line is refused at once
 * by a server already running in another process (no cache stands between them).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli, startServer, type ServerProcess } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

describe('dateline token', () => {
  const dataDir = createTempDir();
  const env = { DATELINE_SAMPLE: 'off' };
  let server: ServerProcess;
  let secret: string;
  let id: string;

  before(async () => {
    const created = await runCli(
      [
        'token',
        'create',
        '--name',
        'leaky-bot',
        '--role',
        'editor',
        '--expires',
        '30d',
        '--data-dir',
        dataDir,
      ],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    secret = created.stdout.trim();
    id = /\(id (\S+), valid until (\S+)\)/.exec(created.stderr)?.[1] ?? '';
    assert.ok(id, created.stderr);
    server = await startServer(dataDir);
  });
  after(() => server?.stop());

  const use = async () =>
    (
      await fetch(`${server.url}/api/v1/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'x' }),
      })
    ).status;

  it('lists tokens with their state and expiry, never the secret', async () => {
    const listed = await runCli(['token', 'list', '--data-dir', dataDir], env);
    assert.equal(listed.status, 0, listed.stderr);
    const row = listed.stdout.split('\n').find((line) => line.startsWith(`${id}\t`));
    assert.ok(row, listed.stdout);
    const [, name, role, state, , , expires] = row.split('\t');
    assert.deepEqual([name, role, state], ['leaky-bot', 'editor', 'active']);
    assert.ok(Date.parse(expires ?? '') > Date.now() + 29 * 86_400_000);
    assert.ok(!listed.stdout.includes(secret.slice(3)));
  });

  it('revokes a token: the running server answers 401 as soon as the command returns', async () => {
    assert.equal(await use(), 200);
    const revoked = await runCli(['token', 'revoke', id, '--data-dir', dataDir], env);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(revoked.stdout, /^revoked editor token "leaky-bot"/);
    assert.equal(await use(), 401);
    const listed = await runCli(['token', 'list', '--data-dir', dataDir], env);
    assert.match(listed.stdout, new RegExp(`^${id}\\tleaky-bot\\teditor\\trevoked\\t`, 'm'));
  });

  it('refuses a bad expiry or an unknown id with one line', async () => {
    const bad = await runCli(
      ['token', 'create', '--name', 'x', '--role', 'editor', '--expires', 'soon', '--data-dir', dataDir],
      env,
    );
    assert.notEqual(bad.status, 0);
    assert.match(
      bad.stderr,
      /^dateline: expires must be a duration such as 30d or 12h, or an ISO date[^\n]*\n$/,
    );
    const unknown = await runCli(['token', 'revoke', 'no-such-id', '--data-dir', dataDir], env);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /^dateline: [^\n]*token[^\n]*\n$/);
  });
});
