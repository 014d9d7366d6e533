/** scripts/test.ts, the `npm test` runner: runs only the files named, and names a test that hangs. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTempDir } from '../support/temp-dir.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `npm test -- args…` (the runner itself, without npm) and returns its output. */
function runTests(args: string[], env: Record<string, string> = {}) {
  // Without this test process's NODE_TEST_CONTEXT, which would make the inner `node --test` skip its files.
  const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts', ...args], {
    cwd: ROOT,
    env: { ...outer, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('npm test', () => {
  const dir = createTempDir();
  const file = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `import { describe, it } from 'node:test';\n${body}\n`);
    return path;
  };
  const passing = file('passing.test.ts', `describe('passing', () => { it('passes', () => {}); });`);
  const hanging = file(
    'hanging.test.ts',
    `describe('hang check', () => {
      it('finishes', () => {});
      it('never finishes', () => new Promise(() => setInterval(() => {}, 1000)));
    });`,
  );

  it('runs only the file it is given and closes with the counts', () => {
    const { status, output } = runTests([passing]);
    assert.equal(status, 0, output);
    assert.match(output, /^1 files in [\d.]+ s$/m);
    assert.match(output, /^tests: 1 passed, 0 failed, 0 skipped$/m);
  });

  it('fails a hung test by its name', () => {
    const { status, output } = runTests([hanging], { DATELINE_TEST_TIMEOUT_MS: '1000' });
    assert.equal(status, 1, output);
    assert.match(output, /timed out after 1 s: hang check > never finishes/);
    assert.match(output, /^tests: 1 passed, 1 failed, 0 skipped$/m);
  });

  it('refuses a path that does not exist with one line', () => {
    const { status, output } = runTests(['test/no-such-file.test.ts']);
    assert.equal(status, 2);
    assert.equal(output, 'npm test: no such file or folder: test/no-such-file.test.ts\n');
  });
});
