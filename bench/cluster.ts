/**
 * Cluster bench: Dateline nodes sharing PostgreSQL and a Redis bus, N SSE readers spread evenly over
 * them, updates published through one node's API. Runs one node and three nodes in the same run and
 * prints publish→receive latency, time to the last reader, deliveries/s, loss and CPU per delivery.
 *
 *   npm run bench:cluster -- [--n 3000,9000] [--nodes 1,3] [--updates 10] [--interval 1000]
 *                            [--postgres postgres://…] [--redis redis://…] [--json out.json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

import {
  ClientProcess,
  cpuMicros,
  freePort,
  now,
  percentile,
  postApi,
  ROOT,
  run,
  sleep,
  TSX,
  waitHealthy,
} from './sse-bench-kit.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '3000,9000' },
    nodes: { type: 'string', default: '1,3' },
    updates: { type: 'string', default: '10' },
    interval: { type: 'string', default: '1000' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    json: { type: 'string' },
  },
});
const SIZES = (args.n ?? '').split(',').map(Number);
const NODE_COUNTS = (args.nodes ?? '').split(',').map(Number);
const UPDATES = Number(args.updates);
const INTERVAL_MS = Number(args.interval);
if ([...SIZES, ...NODE_COUNTS].some((n) => !Number.isInteger(n) || n < 1) || !(UPDATES >= 1)) {
  throw new Error('--n and --nodes must be positive integers, --updates at least 1');
}

interface Node {
  child: ChildProcess;
  pid: number;
  port: number;
}

interface Result {
  nodes: number;
  readers: number;
  connected: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean over updates of the time until the last reader had it. */
  lastReaderMs: number;
  deliveriesPerSecond: number;
  lost: number;
  duplicates: number;
  cpuUsPerDelivery: number;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: args.postgres, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function startNode(env: NodeJS.ProcessEnv): Promise<Node> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'dateline-cluster-'));
  const child = spawn(process.execPath, [...TSX, 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      DATELINE_DATA_DIR: dataDir,
      DATELINE_SAMPLE: 'off',
      // Every bench reader connects from 127.0.0.1: lift the per-address and total stream caps.
      DATELINE_STREAMS_PER_ADDRESS: '1000000',
      DATELINE_STREAM_OPENS_PER_MINUTE: '1000000',
      DATELINE_STREAMS_MAX: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    await waitHealthy(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return { child, pid: child.pid ?? 0, port };
}

async function stopNode(node: Node): Promise<void> {
  if (node.child.exitCode !== null) return;
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function measure(nodeCount: number, readers: number): Promise<Result> {
  const schema = `dl_bench_${randomBytes(5).toString('hex')}`;
  await admin(`create schema ${schema}`);
  const env = {
    ...process.env,
    DATABASE_URL: `${args.postgres}?schema=${schema}`,
    DATELINE_BUS_URL: `${args.redis}/?prefix=${schema}`,
  };
  const token = (
    await run([...TSX, 'src/cli/main.ts', 'token', 'create', '--name', 'bench', '--role', 'admin'], env)
  )
    .trim()
    .split('\n')
    .at(-1)!;
  const nodes: Node[] = [];
  const clients: ClientProcess[] = [];
  try {
    // One at a time, so the first applies migrations and the others find them done.
    for (let i = 0; i < nodeCount; i++) nodes.push(await startNode(env));
    const publisher = nodes[0]!;
    const story = await postApi(publisher.port, token, '/stories', { headline: 'Cluster bench' });
    const publish = () =>
      postApi(publisher.port, token, `/stories/${String(story.id)}/updates`, {
        body: `bench t=${now().toFixed(3)}`,
      });
    for (let i = 0; i < 3; i++) await publish();

    // One reader process per node, each holding that node's share of the readers.
    for (let i = 0; i < nodeCount; i++) clients.push(new ClientProcess());
    const connected = await Promise.all(
      clients.map((client, i) =>
        client.request(
          {
            type: 'connect',
            port: nodes[i]!.port,
            path: `/api/v1/stories/${String(story.id)}/live`,
            count: Math.floor(readers / nodeCount) + (i < readers % nodeCount ? 1 : 0),
            concurrency: 200,
          },
          'connected',
        ),
      ),
    );
    const open = connected.reduce((sum, c) => sum + c.open, 0);
    await sleep(1000);

    const cpuBefore = nodes.reduce((sum, n) => sum + cpuMicros(n.pid), 0);
    const started = Date.now();
    for (let i = 0; i < UPDATES; i++) {
      await sleep(Math.max(0, started + i * INTERVAL_MS - Date.now()));
      await publish();
    }
    const expected = open * UPDATES;
    const deadline = Date.now() + 15_000;
    while (clients.reduce((sum, c) => sum + c.frames, 0) < expected && Date.now() < deadline) await sleep(20);
    const cpuAfter = nodes.reduce((sum, n) => sum + cpuMicros(n.pid), 0);

    const reports = await Promise.all(clients.map((c) => c.request({ type: 'report' }, 'report')));
    const all = new Float64Array(reports.flatMap((r) => r.latencies));
    all.sort();
    const slowest = new Map<number, number>();
    for (const r of reports) {
      r.stamps.forEach((stamp, i) =>
        slowest.set(stamp, Math.max(slowest.get(stamp) ?? 0, r.latencies[i] ?? 0)),
      );
    }
    const perUpdate = [...slowest.values()];
    const lastReaderMs = perUpdate.reduce((s, ms) => s + ms, 0) / Math.max(1, perUpdate.length);
    const frames = reports.reduce((s, r) => s + r.frames, 0);
    const duplicates = reports.reduce((s, r) => s + r.duplicates, 0);
    const delivered = frames - duplicates;
    return {
      nodes: nodeCount,
      readers,
      connected: open,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      max: all.at(-1) ?? NaN,
      lastReaderMs,
      deliveriesPerSecond: open / (lastReaderMs / 1000),
      lost: readers * UPDATES - delivered,
      duplicates,
      cpuUsPerDelivery: (cpuAfter - cpuBefore) / Math.max(1, delivered),
    };
  } finally {
    for (const node of nodes) await stopNode(node);
    await Promise.all(clients.map((c) => c.close()));
    await admin(`drop schema ${schema} cascade`);
  }
}

const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  console.log(
    `cluster bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, ` +
      `PostgreSQL + Redis Streams bus, ${UPDATES} updates every ${INTERVAL_MS} ms published on node 1`,
  );
  const results: Result[] = [];
  for (const readers of SIZES) {
    for (const nodeCount of NODE_COUNTS) {
      const r = await measure(nodeCount, readers);
      results.push(r);
      console.log(
        `${r.nodes} node(s), N=${String(readers).padStart(5)}: connected ${r.connected}, p50 ${fixed(r.p50)} ms, ` +
          `p99 ${fixed(r.p99)} ms, max ${fixed(r.max)} ms, last reader ${fixed(r.lastReaderMs)} ms, ` +
          `${fixed(r.deliveriesPerSecond, 0)} deliveries/s, lost ${r.lost}, dup ${r.duplicates}, ` +
          `cpu ${fixed(r.cpuUsPerDelivery, 2)} µs/delivery (all nodes)`,
      );
    }
  }
  console.log('');
  console.log(
    '| nodes | readers | p50 ms | p99 ms | max ms | last reader ms | deliveries/s | lost | dup | CPU µs/delivery |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.nodes} | ${r.readers} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.max)} | ${fixed(r.lastReaderMs)} | ` +
        `${fixed(r.deliveriesPerSecond, 0)} | ${r.lost} | ${r.duplicates} | ${fixed(r.cpuUsPerDelivery, 2)} |`,
    );
  }
  if (args.json !== undefined) writeFileSync(args.json, JSON.stringify(results, null, 2));
}

await main();
