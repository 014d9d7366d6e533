/**
 * `npm test [-- PATH… | --node-test-flag…]`: runs the test files under test/ (every `*.test.ts(x)`, found
 * afresh each run), or only the files and folders named, with Node's test runner.
 *
 * Files run in parallel processes (they use their own temp dir, port 0 and PostgreSQL schema), three
 * per two cores: files spend part of their time waiting (for a child process, a browser, a timer),
 * which a further process uses; with two per core they mostly crowd each other out (on 2 cores the
 * whole run took 184 s at 3, 197 s at 4, 232 s at 2). The few in SERIAL run each in a process of its
 * own, spaced out in the queue. A test running longer than DATELINE_TEST_TIMEOUT_MS
 * fails naming it (test/support/test-watchdog.ts); a file running longer than FILE_TIMEOUT_MS (one
 * that never exits) fails naming the file. Flags starting with `-` go to `node --test` as they are,
 * e.g. `npm test -- test/http/api.test.ts --test-name-pattern=token`.
 *
 * Test processes run the repository compiled to JavaScript once per run, in a temp copy of its tree
 * (test/support/compiled-tree.ts): through tsx, each process spent ~0.8 s of CPU loading the app
 * module by module through the module hooks' thread before its first test.
 *
 * Test processes keep their temp files (databases, uploads, browser profiles) in memory, under
 * /dev/shm, unless TMPDIR is set: each SQLite commit syncs to disk, which only makes tests wait.
 *
 * Environment: DATELINE_TEST_CONCURRENCY (default: 1.5 per core), DATELINE_TEST_TIMEOUT_MS,
 * DATELINE_TEST_PROFILE=1 to print each file's wall and CPU time (test/support/test-profile.ts): on a
 * shared machine wall time is noise, CPU time says which file costs what.
 */
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { warmCaches } from '../test/support/cached-build.ts';
import { buildCompiledTree, compiledPath } from '../test/support/compiled-tree.ts';
import { cpuSeconds, type FileProfile } from '../test/support/test-profile.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TEST_DIR = join(ROOT, 'test');
const WATCHDOG = join(TEST_DIR, 'support', 'test-watchdog.ts');
const PROFILE = join(TEST_DIR, 'support', 'test-profile.ts');

/**
 * Files that run each in a process of its own, spaced out between the batches, and why: each starts
 * several server processes, and running two of them at once on a small machine only makes both slower.
 */
const SERIAL: { path: string; why: string }[] = [
  { path: 'test/cluster/', why: 'three `dateline serve` nodes (and nginx) per test' },
  { path: 'test/cli/workers.test.ts', why: '`serve --workers` forks a process per worker' },
  { path: 'test/cli/workers-enrich.test.ts', why: '`serve --workers` forks a process per worker' },
];

/**
 * Files far slower than others of their folder, weighted by their wall time alone (`DATELINE_TEST_PROFILE=1
 * npm test`, 5 December 2026) against a typical browser file's 10 s = 6: without these, the batch that
 * got axe-core's 46 s ran a minute after the others ended. Other files weigh 1 (a browser file 6).
 */
const SLOW: Record<string, number> = {
  'test/e2e/page-quality.test.ts': 14,
  'test/e2e/newsroom-editor.test.ts': 22,
  'test/e2e/newsroom.test.ts': 17,
  'test/e2e/newsroom-workflow.test.ts': 13,
  'test/e2e/reader-gallery.test.ts': 11,
  'test/e2e/newsroom-drafts.test.ts': 10,
  // outside test/e2e (weight 1 by default): a fuzzer and the CLI files that still start processes
  'test/security/nul-and-fuzz.test.ts': 14,
  'test/security/feed-abuse.test.ts': 6,
  'test/cli/durability.test.ts': 6,
  'test/cli/workers-map.test.ts': 5,
  'test/cli/cli.test.ts': 5,
};

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
async function runQueue(files: string[], concurrency: number): Promise<{ code: number; counts: Counts }> {
  // The reporter writes to the terminal as it goes; a TAP copy in a file gives the counts.
  const tapDir = mkdtempSync(join(tmpdir(), 'dateline-test-run-'));
  const tapFile = join(tapDir, 'results.tap');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--import',
      compiled(WATCHDOG),
      ...(profileFile === undefined ? [] : ['--import', compiled(PROFILE)]),
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${FILE_TIMEOUT_MS}`,
      `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...flags,
      ...files,
    ],
    { cwd: ROOT, stdio: 'inherit', env: testEnv },
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
const concurrency = Number(
  process.env['DATELINE_TEST_CONCURRENCY'] ?? Math.max(1, Math.round(1.5 * availableParallelism())),
);
const profileFile =
  process.env['DATELINE_TEST_PROFILE'] === undefined
    ? undefined
    : join(mkdtempSync(join(tmpdir(), 'dateline-test-profile-')), 'files.jsonl');
// The test processes' environment: named here so that a run inside a test (test/scripts) starts clean.
const { DATELINE_TEST_PROFILE: _, DATELINE_TEST_PROFILE_FILE: __, ...inherited } = process.env;
const inMemory = inherited['TMPDIR'] === undefined && roomyWritable('/dev/shm');
const outsideRepository = files.filter((file) => relative(ROOT, file).startsWith('..'));
const tree = await buildCompiledTree(ROOT, inMemory ? '/dev/shm' : tmpdir(), outsideRepository);
process.on('exit', tree.remove);
// Ctrl-C ends the run through 'exit', so the copy is removed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const compiled = (file: string) => compiledPath(tree.root, ROOT, file);
const testEnv: NodeJS.ProcessEnv = {
  ...inherited,
  DATELINE_TEST_TREE: tree.root,
  ...(profileFile !== undefined && { DATELINE_TEST_PROFILE_FILE: profileFile }),
  ...(inMemory && { TMPDIR: '/dev/shm' }),
};
const serial = (file: string) => SERIAL.some(({ path }) => relative(ROOT, file).startsWith(path));
const batchCount =
  profileFile === undefined ? Number(process.env['DATELINE_TEST_BATCHES'] ?? 3 * concurrency) : 0;
const parallelFiles = inBatches(
  files.filter((file) => !serial(file)),
  batchCount,
);
const serialFiles = files.filter(serial).map(compiled);
// One queue: each file of SERIAL in a process of its own, spaced out between the batches so that two
// of them seldom run at once, and no more processes than the lanes run at any time.
const queue: string[] = [];
const spacing = Math.max(1, Math.floor(parallelFiles.length / Math.max(1, serialFiles.length)));
for (let i = 0, next = 0; i < parallelFiles.length || next < serialFiles.length; i++) {
  if (i < parallelFiles.length) queue.push(parallelFiles[i]!);
  if (next < serialFiles.length && (i % spacing === 0 || i >= parallelFiles.length))
    queue.push(serialFiles[next++]!);
}

const started = Date.now();
// The caches every test process reads (a migrated database, the browser assets), built here once
// from the repository's sources (their hash names the same build as the compiled tree's): on a clean
// machine each lane's first process would otherwise build them at the same time (~10 s in all).
if (inMemory) process.env['TMPDIR'] = '/dev/shm';
await warmCaches();
const run = await runQueue(queue, concurrency);
const total = run.counts;
const failed = run.code !== 0;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (profileFile !== undefined) printProfile(profileFile);
// CPU of every process the run started and waited for: on a shared machine, the steadier figure.
const cpu = cpuSeconds().children.toFixed(1);
// The closing line (CI reads it), in the form `N passed, N failed, N skipped`.
process.stdout.write(
  `\ncpu time of all test processes: ${cpu} s\n${files.length} files in ${seconds} s\n` +
    `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
);
process.exit(failed || total.failed > 0 ? 1 : 0);

/**
 * The test files as `count` processes' entry files (0: one process per file), each importing its
 * share of the compiled files one after another: a process loads the app's modules once for all the
 * files it runs (~0.7 s of CPU each time). Files are dealt out costliest first by their folder's
 * weight, so each batch gets its share of the slow ones. A file's tests still run on their own
 * (each file's suites stand alone; a root-level hook would apply to the batch, see README).
 */
function inBatches(testFiles: string[], count: number): string[] {
  if (count <= 0 || testFiles.length <= 1) return testFiles.map(compiled);
  const weight = (file: string) => {
    const rel = relative(ROOT, file);
    return SLOW[rel] ?? (rel.startsWith('test/e2e/') ? 6 : 1);
  };
  const sorted = [...testFiles].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
  const batches = Array.from({ length: Math.min(count, testFiles.length) }, () => ({
    files: [] as string[],
    weight: 0,
  }));
  for (const file of sorted) {
    const lightest = batches.reduce((min, batch) => (batch.weight < min.weight ? batch : min));
    lightest.files.push(file);
    lightest.weight += weight(file);
  }
  const dir = join(tree.root, 'test', '.batches');
  mkdirSync(dir, { recursive: true });
  return batches.map((batch, i) => {
    const entry = join(dir, `batch-${String(i + 1).padStart(2, '0')}.test.js`);
    writeFileSync(
      entry,
      batch.files
        .map((file) => `await import(${JSON.stringify(pathToFileURL(compiled(file)).href)});\n`)
        .join(''),
    );
    return entry;
  });
}

/** Whether `dir` is a directory this process may write, with at least 1 GiB free (a container's /dev/shm may have 64 MiB). */
function roomyWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    const { bavail, bsize } = statfsSync(dir);
    return statSync(dir).isDirectory() && bavail * bsize >= 2 ** 30;
  } catch {
    return false;
  }
}

/** Each file's seconds of wall, of CPU (its process and the children it waited for) and of CPU before its first test, costliest first. */
function printProfile(file: string): void {
  const rows = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as FileProfile)
    : [];
  rows.sort((a, b) => b.self + b.children - (a.self + a.children));
  const cell = (n: number) => n.toFixed(1).padStart(7);
  const sum = (key: 'self' | 'children') => rows.reduce((acc, row) => acc + row[key], 0);
  process.stdout.write(
    `\n   wall     cpu    self  child.  before  file (seconds)\n` +
      rows
        .map(
          (row) =>
            `${cell(row.wall)} ${cell(row.self + row.children)} ${cell(row.self)} ${cell(row.children)} ${cell(row.before)}  ${row.file}\n`,
        )
        .join('') +
      `CPU ${(sum('self') + sum('children')).toFixed(1)} s: test processes ${sum('self').toFixed(1)} s, ` +
      `their children ${sum('children').toFixed(1)} s (rows in ${file})\n`,
  );
}
