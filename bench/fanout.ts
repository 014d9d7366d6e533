/**
 * Fan-out bench: N SSE readers on one story, updates published through the HTTP API, on loopback.
 * Prints publish→receive latency, lost and repeated events, server CPU per delivery and server memory
 * per idle reader, for Dateline and for the minimal reference server, and Dateline's ratio to it.
 *
 *   npm run bench:fanout -- [--n 1000,5000,10000,19000] [--updates 10] [--interval 1000]
 *                           [--servers reference,dateline,dateline-2w] [--clients 2] [--json out.json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import {
  ClientProcess,
  freePort,
  now,
  percentile,
  postApi,
  ROOT,
  run,
  sleep,
  treeCpuMicros,
  treeRssKb,
  TSX,
  waitHealthy,
} from './sse-bench-kit.ts';

/** `dateline-2w` is `dateline serve --workers 2`. */
type ServerKind = 'reference' | 'dateline' | 'dateline-2w';

interface RunningServer {
  kind: ServerKind;
  child: ChildProcess;
  pid: number;
  port: number;
  token: string;
  cleanup: () => void;
}

interface Result {
  server: ServerKind;
  readers: number;
  updates: number;
  connected: number;
  connectMs: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicates: number;
  cutOff: number;
  cpuUsPerDelivery: number;
  /** CPU of all reader processes per delivery: the other half of the loopback cost. */
  clientCpuUsPerDelivery: number;
  kbPerReader: number;
  /** Slowest delivery of each update, in publish order. */
  maxPerUpdate: number[];
}

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000,5000,10000,19000' },
    updates: { type: 'string', default: '10' },
    interval: { type: 'string', default: '1000' },
    servers: { type: 'string', default: 'reference,dateline,dateline-2w' },
    clients: { type: 'string', default: '2' },
    json: { type: 'string' },
  },
});
const SIZES = (args.n ?? '').split(',').map(Number);
const UPDATES = Number(args.updates);
const INTERVAL_MS = Number(args.interval);
const SERVERS = (args.servers ?? '').split(',') as ServerKind[];
const CLIENTS = Number(args.clients);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !(UPDATES >= 1) || !(CLIENTS >= 1)) {
  throw new Error('--n must be positive integers, --updates and --clients at least 1');
}
for (const s of SERVERS)
  if (!['reference', 'dateline', 'dateline-2w'].includes(s)) throw new Error(`unknown server ${s}`);

async function startServer(kind: ServerKind): Promise<RunningServer> {
  if (kind === 'reference') {
    const child = spawn(process.execPath, [...TSX, 'bench/reference-sse-server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`reference server exited ${code}`)));
    });
    return { kind, child, pid: child.pid ?? 0, port, token: 'reference', cleanup: () => {} };
  }
  const dataDir = mkdtempSync(join(os.tmpdir(), 'dateline-bench-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    DATELINE_DATA_DIR: dataDir,
    DATELINE_SAMPLE: 'off',
    DATELINE_WORKERS: kind === 'dateline-2w' ? '2' : '1',
    // Every bench reader connects from 127.0.0.1: lift the per-address and total stream caps.
    DATELINE_STREAMS_PER_ADDRESS: '1000000',
    DATELINE_STREAM_OPENS_PER_MINUTE: '1000000',
    DATELINE_STREAMS_MAX: '1000000',
  };
  const out = await run(
    [...TSX, 'src/cli/main.ts', 'token', 'create', '--name', 'bench', '--role', 'admin'],
    env,
  );
  const token = out.trim().split('\n').at(-1) ?? '';
  const child = spawn(process.execPath, [...TSX, 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Logs are read and dropped, so a full pipe never stalls the server.
  child.stdout.resume();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    await waitHealthy(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const cleanup = (): void => rmSync(dataDir, { recursive: true, force: true });
  return { kind, child, pid: child.pid ?? 0, port, token, cleanup };
}

async function stopServer(server: RunningServer): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  server.cleanup();
}

function api(server: RunningServer, path: string, body: unknown): Promise<Record<string, unknown>> {
  return postApi(server.port, server.token, path, body);
}

async function measure(kind: ServerKind, readers: number): Promise<Result> {
  const server = await startServer(kind);
  const clients: ClientProcess[] = [];
  try {
    const desk = await api(server, '/desks', { name: `Bench ${Date.now()}` });
    const story = await api(server, '/stories', {
      desk: desk.slug,
      headline: 'Fan-out bench',
      status: 'live',
    });
    const publish = async (): Promise<void> => {
      await api(server, `/stories/${String(story.id)}/updates`, { body: `bench t=${now().toFixed(3)}` });
    };
    // Warm the publish path before measuring memory, so readers are not charged for JIT and caches.
    for (let i = 0; i < 3; i++) await publish();
    await sleep(500);
    const rssBefore = treeRssKb(server.pid);

    const processes = Math.min(CLIENTS, readers);
    for (let i = 0; i < processes; i++) clients.push(new ClientProcess());
    const connected = await Promise.all(
      clients.map((client, i) => {
        const count = Math.floor(readers / processes) + (i < readers % processes ? 1 : 0);
        return client.request(
          {
            type: 'connect',
            port: server.port,
            path: `/api/v1/stories/${String(story.id)}/live`,
            count,
            concurrency: 200,
          },
          'connected',
        );
      }),
    );
    const open = connected.reduce((sum, c) => sum + c.open, 0);
    const connectMs = Math.max(...connected.map((c) => c.ms));
    await sleep(1000);
    const rssAfter = treeRssKb(server.pid);

    const cpuBefore = treeCpuMicros(server.pid);
    const started = Date.now();
    for (let i = 0; i < UPDATES; i++) {
      await sleep(Math.max(0, started + i * INTERVAL_MS - Date.now()));
      await publish();
    }
    const expected = open * UPDATES;
    const deadline = Date.now() + 10_000;
    while (clients.reduce((sum, c) => sum + c.frames, 0) < expected && Date.now() < deadline) await sleep(20);
    const cpuAfter = treeCpuMicros(server.pid);

    const reports = await Promise.all(clients.map((c) => c.request({ type: 'report' }, 'report')));
    const all = new Float64Array(reports.reduce((sum, r) => sum + r.latencies.length, 0));
    let offset = 0;
    for (const r of reports) {
      all.set(r.latencies, offset);
      offset += r.latencies.length;
    }
    all.sort();
    const sum = (f: (r: (typeof reports)[number]) => number): number => reports.reduce((s, r) => s + f(r), 0);
    const delivered = sum((r) => r.frames) - sum((r) => r.duplicates);
    const slowest = new Map<number, number>();
    for (const r of reports) {
      r.stamps.forEach((stamp, i) =>
        slowest.set(stamp, Math.max(slowest.get(stamp) ?? 0, r.latencies[i] ?? 0)),
      );
    }
    return {
      server: kind,
      readers,
      updates: UPDATES,
      connected: open,
      connectMs,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      max: all.at(-1) ?? NaN,
      lost: readers * UPDATES - delivered,
      duplicates: sum((r) => r.duplicates),
      cutOff: sum((r) => r.closed),
      cpuUsPerDelivery: (cpuAfter - cpuBefore) / Math.max(1, delivered),
      clientCpuUsPerDelivery: sum((r) => r.cpuUs) / Math.max(1, delivered),
      maxPerUpdate: [...slowest.entries()].sort((a, b) => a[0] - b[0]).map(([, ms]) => ms),
      kbPerReader: (rssAfter - rssBefore) / Math.max(1, open),
    };
  } finally {
    // The server closes first, so TIME_WAIT lands on its port rather than on the readers' ephemeral ones.
    await stopServer(server);
    await Promise.all(clients.map((c) => c.close()));
  }
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  console.log(
    `fan-out bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, ` +
      `${UPDATES} updates every ${INTERVAL_MS} ms, ${CLIENTS} reader processes`,
  );
  const results: Result[] = [];
  for (const readers of SIZES) {
    for (const kind of SERVERS) {
      const result = await measure(kind, readers);
      results.push(result);
      console.log(
        `${kind.padEnd(9)} N=${String(readers).padStart(5)}: connected ${result.connected} in ` +
          `${fixed(result.connectMs / 1000, 1)} s, p50 ${fixed(result.p50)} ms, p99 ${fixed(result.p99)} ms, ` +
          `max ${fixed(result.max)} ms, lost ${result.lost}, dup ${result.duplicates}, ` +
          `cpu ${fixed(result.cpuUsPerDelivery, 2)} µs/delivery (readers ${fixed(result.clientCpuUsPerDelivery, 2)}), ` +
          `${fixed(result.kbPerReader, 2)} KB/reader; slowest per update ${result.maxPerUpdate.map((ms) => fixed(ms, 0)).join(' ')} ms`,
      );
    }
  }

  console.log('');
  console.log(
    row(['server', 'readers', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'dup', 'CPU µs/delivery', 'KB/reader']),
  );
  console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const r of results) {
    console.log(
      row([
        r.server,
        r.readers,
        fixed(r.p50),
        fixed(r.p99),
        fixed(r.max),
        r.lost,
        r.duplicates,
        fixed(r.cpuUsPerDelivery, 2),
        fixed(r.kbPerReader, 2),
      ]),
    );
  }
  for (const kind of ['dateline', 'dateline-2w'] as const) {
    const ratios = SIZES.flatMap((readers) => {
      const d = results.find((r) => r.server === kind && r.readers === readers);
      const ref = results.find((r) => r.server === 'reference' && r.readers === readers);
      return d && ref ? [{ readers, d, ref }] : [];
    });
    if (ratios.length === 0) continue;
    console.log('');
    console.log(`${kind} ÷ reference (below 1 is better than the reference):`);
    for (const { readers, d, ref } of ratios) {
      console.log(
        `  N=${readers}: p99 ×${fixed(d.p99 / ref.p99, 2)}, slowest delivery ×${fixed(d.max / ref.max, 2)}, ` +
          `CPU/delivery ×${fixed(d.cpuUsPerDelivery / ref.cpuUsPerDelivery, 2)}, ` +
          `memory/reader ×${fixed(d.kbPerReader / ref.kbPerReader, 2)}`,
      );
    }
  }
  if (args.json !== undefined) writeFileSync(args.json, JSON.stringify(results, null, 2));
}

await main();
