/**
 * `npm run bench:enrich-jsonl [-- --data-dir DIR]`: `dateline enrich --jsonl` as analysts run it, a
 * fresh process reading the gold-set texts (eval/enrich/gold.json) repeated to BENCH_LINES lines
 * (default 2,000) from a pipe: the time from spawning the process to its first result line (start-up:
 * loading the CLI, the names and the gazetteer, and, with `--data-dir`, opening the deployment's
 * database), the time to the last line, and the lines per second after the first. Median of 3 runs.
 * With `--data-dir` the places imported there (`dateline gazetteer import`) are looked up per line.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const LINES = Number(process.env.BENCH_LINES ?? 2000);
const BIN = join(import.meta.dirname, '..', 'bin', 'dateline.js');
const at = process.argv.indexOf('--data-dir');
const dataDir = at === -1 ? undefined : process.argv[at + 1];

const gold = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'eval', 'enrich', 'gold.json'), 'utf8'),
) as { items: { text: string; published: string; storyCountries: string[] }[] };
const input = Array.from({ length: LINES }, (_, i) => {
  const item = gold.items[i % gold.items.length]!;
  return JSON.stringify({
    id: i,
    text: item.text,
    published: item.published,
    countries: item.storyCountries,
  });
}).join('\n');

interface Run {
  firstMs: number;
  lastMs: number;
  /** CPU time (user + system) of the process at its first and its last result line. */
  firstCpuMs: number;
  lastCpuMs: number;
  lines: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** CPU time a running process has used, from /proc (Linux): the machine is often shared, wall time is not. */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function run(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const args = [BIN, 'enrich', '--jsonl', ...(dataDir ? ['--data-dir', dataDir] : [])];
    // Without --data-dir, an empty data directory: the built-in data only.
    const env = { ...process.env, DATELINE_DATA_DIR: dataDir ?? '/nonexistent-dateline-bench' };
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let firstMs = 0;
    let firstCpuMs = 0;
    let lastCpuMs = 0;
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (firstMs === 0) {
        firstMs = performance.now() - t0;
        firstCpuMs = cpuMs(child.pid);
      }
      for (const byte of chunk) if (byte === 10) lines++;
      if (lines === LINES) lastCpuMs = cpuMs(child.pid);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve({ firstMs, firstCpuMs, lastCpuMs, lastMs: performance.now() - t0, lines })
        : reject(new Error(`exit ${code}`)),
    );
    child.stdin.end(input);
  });
}

const runs: Run[] = [];
for (let i = 0; i < 3; i++) runs.push(await run());
const median = (pick: (r: Run) => number) => runs.map(pick).sort((a, b) => a - b)[1]!;
const first = median((r) => r.firstMs);
const last = median((r) => r.lastMs);
if (runs.some((r) => r.lines !== LINES))
  throw new Error(`expected ${LINES} lines, got ${runs.map((r) => r.lines)}`);
console.log(
  `dateline enrich --jsonl, ${LINES} lines, ${dataDir ? `imported places in ${dataDir}` : 'built-in data only'}`,
);
console.log(
  `first result after ${first.toFixed(0)} ms (median of 3; runs: ${runs.map((r) => r.firstMs.toFixed(0)).join(', ')})`,
);
console.log(
  `CPU time to the first result ${median((r) => r.firstCpuMs)} ms; to the last ${median((r) => r.lastCpuMs)} ms: ${((LINES - 1) / ((median((r) => r.lastCpuMs) - median((r) => r.firstCpuMs)) / 1000)).toFixed(0)} lines per CPU-second`,
);
console.log(
  `all ${LINES} after ${last.toFixed(0)} ms: ${((LINES - 1) / ((last - first) / 1000)).toFixed(0)} lines/s after the first`,
);
