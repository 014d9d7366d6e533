import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { join } from 'node:path';
import { createTempDir } from '../support/temp-dir.ts';
import { runCli, runCliProcess } from '../support/server-process.ts';

/**
 * NODE_OPTIONS that make the HTTP server (fastify) and the enricher unloadable: a command that
 * imports either fails. Module resolve hooks (node:module register) see every import.
 */
const forbidServerAndEnricher = (() => {
  const hooks = `export async function resolve(specifier, context, next) {
    const resolved = await next(specifier, context);
    if (specifier === 'fastify' || resolved.url.endsWith('/src/enrich/pipeline.ts'))
      throw new Error('this command must not load ' + resolved.url);
    return resolved;
  }`;
  const base64 = (code: string) => `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  const preload = `import { register } from 'node:module'; register(${JSON.stringify(base64(hooks))});`;
  return { NODE_OPTIONS: `--import=${base64(preload)}` };
})();

/** `dateline ARGS…`, the binary in a process of its own, under forbidServerAndEnricher. */
const runLight = (args: string[]) => runCliProcess(args, forbidServerAndEnricher);

describe('dateline command', () => {
  it('runs as a binary; account, token and desk commands and --help load neither the HTTP server nor the enricher', () => {
    const dataDir = createTempDir();
    const users = runLight(['user', 'list', '--data-dir', dataDir]);
    assert.equal(users.status, 0, users.stderr);
    const token = runLight(['token', 'create', '--name', 'wire', '--role', 'editor', '--data-dir', dataDir]);
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout, /^dl_[A-Za-z0-9_-]{43}\n$/);
    const desk = runLight(['desk', 'create', '--name', 'Iran Daily', '--data-dir', dataDir]);
    assert.equal(desk.status, 0, desk.stderr);
    assert.equal(desk.stdout, 'iran-daily\n');
    const taken = runLight(['desk', 'create', '--name', 'Iran Daily', '--data-dir', dataDir]);
    assert.equal(taken.status, 1);
    assert.equal(taken.stderr, 'dateline: a desk with slug "iran-daily" already exists\n');
    const help = runLight(['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: dateline/);
    // The probe works: serving needs the server.
    const serve = runLight(['serve', '--port', '0', '--data-dir', dataDir]);
    assert.match(serve.stderr, /must not load/);
  });

  it('creates a token that is printed once and stored only as a hash', async () => {
    const dataDir = createTempDir();
    const result = await runCli([
      'token',
      'create',
      '--name',
      'syria-desk',
      '--role',
      'editor',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(result.status, 0, result.stderr);
    const secret = result.stdout.trim();
    assert.match(secret, /^dl_[A-Za-z0-9_-]{43}$/);
    const store = await openSqliteStore({ filename: join(dataDir, 'dateline.db') });
    try {
      const tokens = await store.tokens.list();
      assert.deepEqual(
        tokens.map((t) => [t.name, t.role]),
        [['syria-desk', 'editor']],
      );
      assert.ok(!JSON.stringify(tokens).includes(secret));
    } finally {
      await store.close();
    }
  });

  it('creates a desk, audited as the command line’s, and refuses bad input with one line', async () => {
    const dataDir = createTempDir();
    const ok = await runCli([
      'desk',
      'create',
      '--name',
      'Iran Daily',
      '--timezone',
      'Asia/Tehran',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), 'iran-daily');
    const taken = await runCli(['desk', 'create', '--name', 'Iran Daily', '--data-dir', dataDir]);
    assert.notEqual(taken.status, 0);
    assert.equal(taken.stderr.trim(), 'dateline: a desk with slug "iran-daily" already exists');
    const zone = await runCli([
      'desk',
      'create',
      '--name',
      'Gaza Daily',
      '--timezone',
      'Gaza',
      '--data-dir',
      dataDir,
    ]);
    assert.match(zone.stderr.trim(), /^dateline: "Gaza" is not an IANA time zone/);
    assert.equal(zone.stderr.trim().split('\n').length, 1);
    const role = await runCli(['token', 'create', '--name', 'x', '--role', 'owner', '--data-dir', dataDir]);
    assert.notEqual(role.status, 0);
    assert.match(role.stderr, /editor, admin/);
    // Admins see in the audit log who created the desk; the refused attempts left no entry.
    const store = await openSqliteStore({ filename: join(dataDir, 'dateline.db') });
    try {
      const entries = await store.audit.list({ limit: 10, action: 'desk.' });
      assert.deepEqual(
        entries.map((e) => [e.action, e.target, e.actorKey]),
        [['desk.create', 'iran-daily', 'cli']],
      );
    } finally {
      await store.close();
    }
  });

  it('stops start-up with one clear line on bad configuration', async () => {
    const result = await runCli(['serve'], { PORT: 'eighty' });
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim(), 'dateline: invalid PORT="eighty": must be a whole number');
  });

  it('has --help on every command', async () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['token', 'create', '--help'],
      ['desk', 'create', '--help'],
    ]) {
      const result = await runCli(args);
      assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stdout, /Usage: dateline/);
    }
  });
});
