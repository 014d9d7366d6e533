/** Pieces shared by the SSE benchmarks (fanout.ts, cluster.ts): processes, CPU and memory probes, readers. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import type { ClientCommand, ClientReply } from './fanout-client.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TSX = ['--import', 'tsx'];

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const now = (): number => performance.timeOrigin + performance.now();

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** CPU time of every thread of `pid`, in µs, from the scheduler's nanosecond counters. */
export function cpuMicros(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that exited between listing and reading.
    }
  }
  return ns / 1000;
}

/** `pid` and its child processes (the workers of `serve --workers`). */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces; the fields after its closing parenthesis are fixed.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

/** CPU µs of `pid` and its children. */
export function treeCpuMicros(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + cpuMicros(p), 0);
}

/** Resident memory of `pid` and its children, in KB. */
export function treeRssKb(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + rssKb(p), 0);
}

export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? NaN);
}

export async function run(cmd: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, cmd, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited ${code}: ${err.trim()}`);
  return out;
}

export async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error('server did not become healthy in 60 s');
}

/** A reader process and the latest figures it reported. */
export class ClientProcess {
  readonly child: ChildProcess;
  frames = 0;
  #waiters: ((reply: ClientReply) => void)[] = [];

  constructor() {
    this.child = fork(join(ROOT, 'bench/fanout-client.ts'), [], { execArgv: TSX, stdio: 'inherit' });
    this.child.on('message', (reply: ClientReply) => {
      if (reply.type === 'progress') this.frames = reply.frames;
      else for (const wake of this.#waiters.splice(0)) wake(reply);
    });
  }

  request<T extends ClientReply['type']>(
    command: ClientCommand,
    reply: T,
  ): Promise<Extract<ClientReply, { type: T }>> {
    return new Promise((resolve) => {
      const wait = (r: ClientReply): void => {
        if (r.type === reply) resolve(r as Extract<ClientReply, { type: T }>);
        else this.#waiters.push(wait);
      };
      this.#waiters.push(wait);
      this.child.send(command);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'close' } satisfies ClientCommand);
    await exited;
  }
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** POSTs `body` to the API of the server on `port` with an admin `token`; expects 201. */
export async function postApi(
  port: number,
  token: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${path} → ${res.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}
