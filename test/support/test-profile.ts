/**
 * Loaded into every test process by scripts/test.ts (`--import`) when DATELINE_TEST_PROFILE_FILE
 * names a file: at exit, appends one JSON line for the test file this process ran — its wall time,
 * the CPU time of the process and of the children it waited for (servers, CLI runs, Chromium), and
 * the CPU spent before its first test began (imports, top-level awaits, `before` hooks).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeEach } from 'node:test';

/** One file's line, in seconds. */
export interface FileProfile {
  file: string;
  wall: number;
  self: number;
  children: number;
  before: number;
}

/** Seconds of CPU of this process and of its children that ended (Linux's /proc; zeros elsewhere). */
export function cpuSeconds(): { self: number; children: number } {
  try {
    // After "pid (comm) ": state is [0]; utime, stime, cutime, cstime are [11] to [14], in 1/100 s.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return { self: (fields[11]! + fields[12]!) / 100, children: (fields[13]! + fields[14]!) / 100 };
  } catch {
    return { self: 0, children: 0 };
  }
}

const OUT = process.env['DATELINE_TEST_PROFILE_FILE'];
// `node --test` preloads this in its own process too: only a process running a file's tests records.
if (OUT !== undefined && process.env['NODE_TEST_CONTEXT'] !== undefined) {
  let before: number | undefined;
  beforeEach(() => {
    before ??= cpuSeconds().self;
  });
  process.on('exit', () => {
    const { self, children } = cpuSeconds();
    // The compiled copy's path (scripts/test.ts), named as the repository's file.
    const file = relative(process.env['DATELINE_TEST_TREE'] ?? process.cwd(), process.argv[1] ?? '?').replace(
      /\.js$/,
      '.ts',
    );
    const row: FileProfile = { file, wall: process.uptime(), self, children, before: before ?? self };
    appendFileSync(OUT, `${JSON.stringify(row)}\n`);
  });
}
