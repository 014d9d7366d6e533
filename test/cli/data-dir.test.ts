import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

/** `dateline …` run in `cwd` with no data directory named, as an operator runs it from the install. */
const runIn = (cwd: string, ...args: string[]) => {
  const env = { ...process.env };
  delete env['DATELINE_DATA_DIR'];
  delete env['DATABASE_URL'];
  return runCli(args, env as Record<string, string>, undefined, cwd);
};

describe('the default data directory', () => {
  it('is ./var, apart from the shipped reference data', async () => {
    const install = createTempDir();
    const created = await runIn(install, 'token', 'create', '--name', 'wire', '--role', 'editor');
    assert.equal(created.status, 0, created.stderr);
    assert.ok(existsSync(join(install, 'var', 'dateline.db')));
    assert.ok(!existsSync(join(install, 'data')));
    assert.doesNotMatch(created.stderr, /data directory/);
  });

  it('stays ./data for a deployment from before ./var, saying so in one line', async () => {
    const install = createTempDir();
    mkdirSync(join(install, 'data'));
    const before = await runCli(
      ['token', 'create', '--name', 'wire', '--role', 'editor', '--data-dir', 'data'],
      {},
      undefined,
      install,
    );
    assert.equal(before.status, 0, before.stderr);

    const listed = await runIn(install, 'token', 'list');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /wire/, 'the existing deployment’s token is listed');
    assert.ok(!existsSync(join(install, 'var')), 'no empty ./var database is started beside it');
    const notice = listed.stderr.trim().split('\n');
    assert.equal(notice.length, 1, listed.stderr);
    assert.match(
      notice[0] ?? '',
      /existing data directory .*\/data; move it to \.\/var or set DATELINE_DATA_DIR/,
    );
  });
});
