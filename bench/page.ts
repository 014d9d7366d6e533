/**
 * `npm run bench:page`: requests/s and latency of a story page with 500 updates, served by a real
 * `dateline serve` process and loaded by autocannon from this process over loopback.
 * Cold: the first requests after a fresh start. Warm: a sustained run after warm-up.
 */
import { spawn, spawnSync } from 'node:child_process';
import { get } from 'node:http';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 500);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const BIN = new URL('../bin/dateline.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-page-'));

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

/** CPU time (user + system, ms) the process `pid` and its children (workers) have used so far, from /proc. */
function cpuMs(pid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fields: string[];
    try {
      fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
    } catch {
      continue; // gone meanwhile
    }
    // ppid is field 4 of stat; utime and stime fields 14 and 15, in clock ticks (100 per second).
    if (Number(entry) === pid || Number(fields[1]) === pid)
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }
  return total;
}

async function serve(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  // BENCH_PROFILE=dir writes a CPU profile of the server to dir.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--workers', String(WORKERS)],
    {
      env: { ...process.env, DATELINE_SAMPLE: 'off', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /serving (http:\/\/\S+?)"/.exec(line);
      if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

const token = cli(['token', 'create', '--name', 'bench', '--role', 'admin']);
let server = await serve();
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const story = (await (
  await fetch(`${server.url}/api/v1/stories`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ headline: 'Bench page' }),
  })
).json()) as { id: string; url: string };
const claims = ['unverified', 'claimed', 'verified', 'disputed', 'false'];
for (let i = 0; i < UPDATES; i++) {
  const body = {
    body: `Update ${i}: **forces** reported movement near the river crossing; officials said talks would resume. [Readout](https://example.org/${i})`,
    headline: i % 3 === 0 ? `Headline ${i}` : null,
    claimStatus: claims[i % claims.length],
    claimNote: i % 5 === 2 ? 'Geolocated by the desk' : '',
    sources: [{ label: 'Ministry statement', url: `https://example.org/s/${i}` }],
    keyEvent: i % 50 === 0,
    pinned: i === 10,
  };
  const res = await fetch(`${server.url}/api/v1/stories/${story.id}/updates`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
}
await server.stop();

// Cold: a fresh process, first request and the first 100 sequential requests.
server = await serve();
const pageUrl = `${server.url}${story.url}`;
const coldTimes: number[] = [];
for (let i = 0; i < 100; i++) {
  const t0 = performance.now();
  const res = await fetch(pageUrl);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`page answered ${res.status}`);
  coldTimes.push(performance.now() - t0);
}
const bytes = (await (await fetch(pageUrl)).arrayBuffer()).byteLength;

/** Bytes on the wire for one view (status line, headers and body as sent), and the response headers. */
function view(headers: Record<string, string>): Promise<{ wire: number; status: number; etag: string }> {
  return new Promise((resolve, reject) => {
    get(pageUrl, { headers }, (res) => {
      let body = 0;
      res.on('data', (chunk: Buffer) => (body += chunk.byteLength));
      res.on('end', () => {
        const head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${res.rawHeaders
          .map((v, i) => (i % 2 === 0 ? `${v}: ` : `${v}\r\n`))
          .join('')}\r\n`;
        resolve({
          wire: Buffer.byteLength(head) + body,
          status: res.statusCode ?? 0,
          etag: String(res.headers.etag),
        });
      });
    }).on('error', reject);
  });
}
const brView = await view({ 'accept-encoding': 'br' });
const gzipView = await view({ 'accept-encoding': 'gzip' });
const repeatView = await view({ 'accept-encoding': 'br', 'if-none-match': brView.etag });

// Warm: sustained load with 20 connections, as a browser asks (brotli accepted).
const cpuBefore = cpuMs(server.pid);
const warm = await autocannon({
  url: pageUrl,
  connections: 20,
  duration: DURATION,
  headers: { 'accept-encoding': 'br' },
});
const cpuPerRequest = (cpuMs(server.pid) - cpuBefore) / warm.requests.total;
await server.stop();
rmSync(dataDir, { recursive: true, force: true });

const sorted = [...coldTimes].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
console.log(
  `story page with ${UPDATES} updates (${(bytes / 1024).toFixed(0)} KB of HTML, newest 50 shown), ${cpus().length} cores, ${cpus()[0]?.model}, node ${process.version}`,
);
console.log(
  `cold  first request ${coldTimes[0]!.toFixed(1)} ms; first 100 sequential: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`,
);
console.log(
  `bytes per view: ${(brView.wire / 1024).toFixed(1)} KB with br, ${(gzipView.wire / 1024).toFixed(1)} KB with gzip, ${(bytes / 1024).toFixed(1)} KB uncompressed; a repeat view with If-None-Match: ${repeatView.status}, ${repeatView.wire} bytes`,
);
console.log(
  `warm  ${warm.requests.average.toFixed(0)} req/s, p50 ${warm.latency.p50} ms, p99 ${warm.latency.p99} ms, errors ${warm.errors}, non-2xx ${warm.non2xx} (20 connections, ${DURATION} s, ${WORKERS} worker${WORKERS === 1 ? '' : 's'})`,
);
console.log(
  `server CPU ${cpuPerRequest.toFixed(2)} ms per warm request (≈ ${(1000 / cpuPerRequest).toFixed(0)} req/s per core it has to itself); load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
