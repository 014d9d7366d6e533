/**
 * `npm test [-- PATH… | --node-test-flag…]`: runs the test files under test/ (every `*.test.ts(x)`, found
 * afresh each run), or only the files and folders named, with Node's test runner.
 *
 * Files run in parallel processes (they use their own temp dir, port 0 and PostgreSQL schema); the
 * few in SERIAL run one at a time after them. A test running longer than DATELINE_TEST_TIMEOUT_MS
 * fails naming it (test/support/test-watchdog.ts); a file running longer than FILE_TIMEOUT_MS (one
 * that never exits) fails naming the file. Flags starting with `-` go to `node --test` as they are,
 * e.g. `npm test -- test/http/api.test.ts --test-name-pattern=token`.
 *
 * Environment: DATELINE_TEST_CONCURRENCY (default: the number of cores), DATELINE_TEST_TIMEOUT_MS.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TEST_DIR = join(ROOT, 'test');
const WATCHDOG = join(TEST_DIR, 'support', 'test-watchdog.ts');

/**
 * Files that run one at a time, after the others, and why: each starts several server processes
 * or a browser, and running two of them at once on a small machine only makes both slower.
 */
const SERIAL: { path: string; why: string }[] = [
  { path: 'test/cluster/', why: 'three `dateline serve` nodes (and nginx) per test' },
  { path: 'test/cli/workers.test.ts', why: '`serve --workers` forks a process per worker' },
  { path: 'test/cli/workers-enrich.test.ts', why: '`serve --workers` forks a process per worker' },
];

/** Longest a whole file may run before it is failed as hung (a test inside fails sooner, by name). */
const FILE_TIMEOUT_MS = 600_000;

const isTestFile = (name: string) => name.endsWith('.test.ts') || name.endsWith('.test.tsx');

function testFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFilesUnder(path));
    else if (entry.isFile() && isTestFile(entry.name)) files.push(path);
  }
  return files;
}

/** The files `args` name (all of test/ when none), and the flags for `node --test`. */
function parseArgs(args: string[]): { files: string[]; flags: string[] } {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const paths = args.filter((arg) => !arg.startsWith('-'));
  const files = new Set<string>();
  for (const arg of paths.length > 0 ? paths : [TEST_DIR]) {
    const path = resolve(arg);
    if (!existsSync(path)) {
      process.stderr.write(`npm test: no such file or folder: ${arg}\n`);
      process.exit(2);
    }
    if (statSync(path).isDirectory()) for (const file of testFilesUnder(path)) files.add(file);
    else files.add(path);
  }
  return { files: [...files].sort(), flags };
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs `files` in one `node --test` with `concurrency`; resolves to its exit code and counts. */
async function runGroup(
  files: string[],
  concurrency: number,
  flags: string[],
): Promise<{ code: number; counts: Counts }> {
  // The reporter writes to the terminal as it goes; a TAP copy in a file gives the counts.
  const tapDir = mkdtempSync(join(tmpdir(), 'dateline-test-run-'));
  const tapFile = join(tapDir, 'results.tap');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      WATCHDOG,
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${FILE_TIMEOUT_MS}`,
      `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...flags,
      ...files.map((file) => relative(ROOT, file)),
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  const code = await new Promise<number>((done) =>
    child.on('exit', (exitCode, signal) => done(exitCode ?? (signal ? 1 : 0))),
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  rmSync(tapDir, { recursive: true, force: true });
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return {
    code,
    counts: {
      passed: count('pass'),
      // A cancelled test is one that timed out or whose file died: a failure.
      failed: count('fail') + count('cancelled'),
      skipped: count('skipped') + count('todo'),
    },
  };
}

const { files, flags } = parseArgs(process.argv.slice(2));
const concurrency = Number(process.env['DATELINE_TEST_CONCURRENCY'] ?? availableParallelism());
const serial = (file: string) => SERIAL.some(({ path }) => relative(ROOT, file).startsWith(path));
const groups = [
  { files: files.filter((file) => !serial(file)), concurrency },
  { files: files.filter(serial), concurrency: 1 },
].filter((group) => group.files.length > 0);

const started = Date.now();
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let failed = false;
for (const group of groups) {
  const { code, counts } = await runGroup(group.files, group.concurrency, flags);
  failed ||= code !== 0;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
// One closing line over all groups (CI reads it), in the form `N passed, N failed, N skipped`.
process.stdout.write(
  `\n${files.length} files in ${seconds} s\n` +
    `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
);
process.exit(failed || total.failed > 0 ? 1 : 0);
