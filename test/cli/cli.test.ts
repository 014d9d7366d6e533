import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { join } from 'node:path';
import { createTempDir } from '../support/temp-dir.ts';
import { runCli } from '../support/server-process.ts';

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

/**
 * `dateline ARGS…` under forbidServerAndEnricher: every account, token, desk and help command in this
 * file runs with the probe, so each of them also proves it loads neither the server nor the enricher.
 */
const runLight = (args: string[]) => runCli(args, forbidServerAndEnricher);

describe('dateline command', () => {
  it('runs account, token and desk commands without loading the HTTP server or the enricher', () => {
    const dataDir = createTempDir();
    // Token and desk commands (and --help) run under the same probe in the tests below.
    const users = runLight(['user', 'list', '--data-dir', dataDir]);
    assert.equal(users.status, 0, users.stderr);
    // The probe works: serving needs the server.
    const serve = runCli(['serve', '--port', '0', '--data-dir', dataDir], forbidServerAndEnricher);
    assert.match(serve.stderr, /must not load/);
  });

  it('creates a token that is printed once and stored only as a hash', async () => {
    const dataDir = createTempDir();
    const result = runLight([
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
    const ok = runLight([
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
    const taken = runLight(['desk', 'create', '--name', 'Iran Daily', '--data-dir', dataDir]);
    assert.notEqual(taken.status, 0);
    assert.equal(taken.stderr.trim(), 'dateline: a desk with slug "iran-daily" already exists');
    const zone = runLight([
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
    const role = runLight(['token', 'create', '--name', 'x', '--role', 'owner', '--data-dir', dataDir]);
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

  it('stops start-up with one clear line on bad configuration', () => {
    const result = runCli(['serve'], { PORT: 'eighty' });
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim(), 'dateline: invalid PORT="eighty": must be a whole number');
  });

  it('has --help on every command', () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['token', 'create', '--help'],
      ['desk', 'create', '--help'],
    ]) {
      const result = runLight(args);
      assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stdout, /Usage: dateline/);
    }
  });
});
