/**
 * `npm run bench:abuse`: what an ordinary reader sees while an attacker abuses the server (issue 12).
 *
 * Starts a real `dateline serve` on loopback (SQLite, the sample content plus a seeded story with a
 * few hundred updates, some edited and deleted), then, for a baseline and for each attack in
 * ATTACKS, restarts it, runs the attack for `--duration` seconds while an ordinary reader (a worker
 * thread, so the attacker's work on this thread does not delay its clock) requests `GET /` and the
 * story page one after another, and prints the reader's p50/p99/max latency. Target: p99 <= 250 ms
 * under every attack. Everything stays on loopback and is bounded in time and connections.
 *
 *   npm run bench:abuse                                   # baseline + every attack, 15 s each
 *   npm run bench:abuse -- --only replay --duration 10
 *   npm run bench:abuse -- --server-root /work/main       # the same attacks against another checkout
 *   npm run bench:abuse -- --only upload --profile /tmp/p   # the server's CPU profile per run, in /tmp/p/<run>/
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Attack, AttackContext } from './abuse/attack.ts';
import { feedAttack } from './abuse/feed.ts';
import { replay } from './abuse/replay.ts';
import { streamFlood } from './abuse/stream-flood.ts';
import { uploadAttack } from './abuse/upload.ts';

/** The attacks, in the order they run; add new ones here. */
const ATTACKS: Attack[] = [streamFlood, replay, feedAttack, uploadAttack];

const OUTBOUND_ALLOW = '127.0.0.1,localhost';
const TARGET_P99_MS = 250;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '3000' },
    updates: { type: 'string', default: '200' },
    'server-root': { type: 'string' },
    'reader-gap-ms': { type: 'string', default: '10' },
    profile: { type: 'string' },
  },
});
const durationS = Number(args.duration);
const connections = Number(args.connections);
const updates = Number(args.updates);
const readerGapMs = Number(args['reader-gap-ms']);
const only = args.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => name !== 'baseline' && !ATTACKS.some((a) => a.name === name));
if (unknown?.length)
  throw new Error(`unknown attack ${unknown.join(', ')}; have ${ATTACKS.map((a) => a.name).join(', ')}`);
const BIN = join(resolve(args['server-root'] ?? new URL('..', import.meta.url).pathname), 'bin/dateline.js');
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-abuse-'));

function cli(cliArgs: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...cliArgs, '--data-dir', dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim().split('\n').at(-1) ?? '';
}

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the server; with `profileDir`, it writes a CPU profile there when it stops. */
async function serve(env: Record<string, string> = {}, profileDir?: string): Promise<Server> {
  const nodeArgs = profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'info', DATELINE_OUTBOUND_ALLOW: OUTBOUND_ALLOW, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  // Never leave a server behind, whatever ends this script.
  const kill = (): void => void child.kill('SIGKILL');
  process.once('exit', kill);
  const url = await new Promise<string>((resolveUrl, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /serving (http:\/\/\S+?)"/.exec(line);
      if (m?.[1]) resolveUrl(m[1].replace('localhost', '127.0.0.1'));
    });
    void exited.then(() => reject(new Error('dateline serve exited before listening')));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// The ordinary reader, in a worker thread: requests the pages in turn, `gapMs` apart, and reports each
// latency with the index of the page. Plain JavaScript, so the worker needs no TypeScript loader.
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { urls, gapMs } = workerData;
let stop = false;
parentPort.on('message', () => (stop = true));
(async () => {
  const times = urls.map(() => []);
  let errors = 0;
  for (let i = 0; !stop; i++) {
    const t0 = performance.now();
    try {
      const res = await fetch(urls[i % urls.length], { signal: AbortSignal.timeout(30000) });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
    } catch {
      errors++;
    }
    times[i % urls.length].push(performance.now() - t0);
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
  parentPort.postMessage({ times, errors });
})();
`;

interface ReaderResult {
  /** Latencies in ms, per URL in the order given. */
  times: number[][];
  errors: number;
}

function startReader(urls: string[]): { stop(): Promise<ReaderResult> } {
  const worker = new Worker(READER, { eval: true, workerData: { urls, gapMs: readerGapMs } });
  const result = once(worker, 'message') as Promise<[ReaderResult]>;
  return {
    async stop() {
      worker.postMessage('stop');
      const [r] = await result;
      await worker.terminate();
      return r;
    },
  };
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// Seed: tokens, and a story with `updates` updates of which some are edited and some deleted, so a
// replay has history to send (and things it must not send).
const editor = cli(['token', 'create', '--name', 'bench-editor', '--role', 'editor']);
const admin = cli(['token', 'create', '--name', 'bench-admin', '--role', 'admin']);
let server = await serve();
const headers = { authorization: `Bearer ${editor}`, 'content-type': 'application/json' };
const api = async <T>(method: string, path: string, body: unknown): Promise<T> => {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? { authorization: headers.authorization } : headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
};
console.log(`seeding ${updates} updates…`);
const story = await api<{ id: string; url: string }>('POST', '/stories', { headline: 'Abuse bench' });
const published: { id: string; version: number }[] = [];
for (let i = 0; i < updates; i++) {
  published.push(
    await api('POST', `/stories/${story.id}/updates`, {
      body: `Update ${i}: **forces** reported movement near the river crossing; officials said talks would resume.`,
      claimStatus: i % 3 === 0 ? 'claimed' : 'unverified',
      sources: [{ label: 'Ministry statement', url: `https://example.org/s/${i}` }],
    }),
  );
}
for (const [i, u] of published.entries()) {
  if (i % 10 === 1)
    await api('PATCH', `/updates/${u.id}`, { version: u.version, body: `Update ${i}, corrected.` });
  if (i % 15 === 2) await api('DELETE', `/updates/${u.id}`, undefined);
}
const storyPath = new URL(story.url, server.url).pathname;
await server.stop();
console.log(
  `server: ${BIN}\nseeded: sample content + ${storyPath} (${updates} updates, edits and deletions); ` +
    `${durationS} s per run, attacker bounded to ${connections} sockets; reader gap ${readerGapMs} ms\n`,
);

interface Row {
  name: string;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** p99 of each page the reader asked for. */
  byPage: string;
  summary: string;
}
const rows: Row[] = [];

const runs: (Attack | null)[] = [null, ...ATTACKS].filter(
  (a) => only === undefined || only.includes(a?.name ?? 'baseline'),
);
for (const attack of runs) {
  const name = attack?.name ?? 'baseline';
  server = await serve(attack?.serverEnv ?? {}, args.profile && join(resolve(args.profile), name));
  const base = server.url;
  // Warm up the pages (templates, caches) so the first measured request is not a cold start.
  for (let i = 0; i < 20; i++) for (const p of ['/', storyPath]) await (await fetch(base + p)).arrayBuffer();
  const controller = new AbortController();
  const ctx: AttackContext = {
    baseUrl: base,
    dataDir,
    tokens: { editor, admin },
    story: { id: story.id, path: storyPath, updates },
    signal: controller.signal,
    limits: { connections, durationS },
    outboundAllow: OUTBOUND_ALLOW,
    log: (line) => console.log(`  [${name}] ${line}`),
  };
  const setup = await attack?.prepare?.(ctx);
  const paths = ['/', storyPath, ...(setup?.readerPaths ?? [])];
  const reader = startReader(paths.map((p) => base + p));
  const running = attack ? attack.run(ctx) : Promise.resolve('no attack');
  const timer = setTimeout(() => controller.abort(), durationS * 1000);
  if (!attack) await new Promise((r) => setTimeout(r, durationS * 1000));
  const summary = await running;
  clearTimeout(timer);
  controller.abort();
  const { times, errors } = await reader.stop();
  await server.stop();
  const sorted = times.flat().sort((a, b) => a - b);
  const byPage = paths
    .map(
      (p, i) =>
        `${p === storyPath ? 'story' : p} ${pct(
          [...times[i]!].sort((a, b) => a - b),
          99,
        ).toFixed(0)}`,
    )
    .join(', ');
  const row = {
    name,
    requests: sorted.length,
    errors,
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    byPage,
    summary,
  };
  rows.push(row);
  console.log(
    `${name.padEnd(14)} reader: ${String(row.requests).padStart(5)} requests, ${row.errors} failed, ` +
      `p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, max ${row.max.toFixed(1)} ms` +
      `  ${row.p99 <= TARGET_P99_MS && row.errors === 0 ? 'ok' : `OVER TARGET (p99 <= ${TARGET_P99_MS} ms, no failures)`}` +
      `\n${' '.repeat(15)}p99 by page (ms): ${byPage}` +
      `\n${' '.repeat(15)}attacker: ${summary}`,
  );
}

console.log('\n| run | reader requests | failed | p50 ms | p99 ms | max ms | p99 by page (ms) | attacker |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.requests} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.byPage} | ${r.summary} |`,
  );
rmSync(dataDir, { recursive: true, force: true });
process.exit(rows.every((r) => r.p99 <= TARGET_P99_MS && r.errors === 0) ? 0 : 1);
