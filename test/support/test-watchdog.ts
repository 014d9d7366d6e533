/**
 * Loaded into every test process by scripts/test.ts (`--import`): a test still running after
 * DATELINE_TEST_TIMEOUT_MS ends its process with the test's full name on stderr, so a hang fails
 * the run saying which test hung. Node 20's own `--test-timeout` only times whole files (it names
 * the file, not the test), and is kept as the backstop for a file that never exits.
 */
import { afterEach, beforeEach } from 'node:test';

const TIMEOUT_MS = Number(process.env['DATELINE_TEST_TIMEOUT_MS'] ?? 120_000);
const running = new Map<object, NodeJS.Timeout>();

// `node --test` preloads this in its own process too, where the "tests" are whole files: only a
// process running a file's tests (NODE_TEST_CONTEXT is set there) watches them.
if (process.env['NODE_TEST_CONTEXT'] !== undefined) {
  beforeEach((t) => {
    const timer = setTimeout(() => {
      process.stderr.write(
        `\ntimed out after ${TIMEOUT_MS / 1000} s: ${'fullName' in t ? t.fullName : t.name}\n`,
      );
      process.exit(1);
    }, TIMEOUT_MS);
    // Only the test itself may keep the process alive.
    timer.unref();
    running.set(t, timer);
  });
  afterEach((t) => {
    clearTimeout(running.get(t));
    running.delete(t);
  });
}
