/**
 * Upload attack for `npm run bench:abuse`: editors' tokens send 49-megapixel PNGs (7000×7000, the
 * largest the pipeline accepts) as fast as they are answered, from 12 connections at once, while a
 * probe fetches an existing photo in a loop; the summary gives the probe's p99.
 *
 * Run alone (`node --import tsx bench/abuse/upload.ts [seconds]`) it starts `dateline serve` on
 * loopback itself (`DATELINE_BIN` picks another checkout's bin/dateline.js, to compare) and also
 * measures an ordinary reader's `GET /`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Attack, AttackContext } from './attack.ts';

const UPLOADERS = 12;
const SIDE = 7000; // 49 megapixels

/** A 7000×7000 PNG: cheap to send (it compresses well), as costly to decode as any 49-megapixel photo. */
async function largePng(): Promise<Buffer> {
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE}" height="${SIDE}">` +
      `<defs><linearGradient id="g"><stop offset="0" stop-color="#234"/><stop offset="1" stop-color="#c84"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  return sharp(stripes, { limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
}

async function smallJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#579' } })
    .jpeg()
    .toBuffer();
}

async function post(baseUrl: string, token: string, file: Buffer, type: string, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type }), type === 'image/png' ? 'a.png' : 'a.jpg');
  form.append('alt', 'Benchmark photo');
  const response = await fetch(`${baseUrl}/api/v1/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
    ...(signal && { signal }),
  });
  const json = (await response.json()) as { url?: string };
  return { status: response.status, url: json.url };
}

/** Milliseconds at the `p` quantile (0–1) of `samples`. */
function quantile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Requests `url` one after another until `signal` aborts; resolves to the latencies (ms). */
async function probe(url: string, signal: AbortSignal): Promise<number[]> {
  const latencies: number[] = [];
  while (!signal.aborted) {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    } catch (error) {
      if (signal.aborted) break;
      throw error;
    }
    latencies.push(performance.now() - started);
  }
  return latencies;
}

let photoUrl = '';

/** The attack, in the shape bench/abuse.ts runs. */
export const uploadAttack: Attack = {
  name: 'upload',
  description: `${UPLOADERS} connections upload ${SIDE}×${SIDE} PNGs (49 MP) as fast as they are answered`,
  async prepare(ctx: AttackContext) {
    const existing = await post(ctx.baseUrl, ctx.tokens.editor, await smallJpeg(), 'image/jpeg');
    if (existing.status !== 201 || !existing.url)
      throw new Error(`could not upload the probe photo: ${existing.status}`);
    photoUrl = `${ctx.baseUrl}${existing.url}`;
  },
  async run(ctx: AttackContext) {
    const png = await largePng();
    const counts = new Map<number, number>();
    const connections = Math.min(UPLOADERS, ctx.limits.connections);
    const tokens = [ctx.tokens.editor, ctx.tokens.admin];
    const photo = probe(photoUrl, ctx.signal);
    await Promise.all(
      Array.from({ length: connections }, async (_, i) => {
        while (!ctx.signal.aborted) {
          try {
            const { status } = await post(
              ctx.baseUrl,
              tokens[i % tokens.length]!,
              png,
              'image/png',
              ctx.signal,
            );
            counts.set(status, (counts.get(status) ?? 0) + 1);
          } catch (error) {
            if (!ctx.signal.aborted) throw error;
          }
        }
      }),
    );
    const latencies = await photo;
    const answered = [...counts].map(([status, n]) => `${n}×${status}`).join(', ');
    return (
      `${(png.length / 1024).toFixed(0)} KB PNG; uploads answered: ${answered || 'none'}; ` +
      `existing photo p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms, ` +
      `max ${Math.max(...latencies).toFixed(0)} ms (${latencies.length} requests)`
    );
  },
};

export default uploadAttack;

/** Standalone: a server of its own, the attack, and an ordinary reader's `GET /`. */
async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 20);
  const bin = process.env['DATELINE_BIN'] ?? fileURLToPath(new URL('../../bin/dateline.js', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-abuse-upload-'));
  const env = { ...process.env, DATELINE_DATA_DIR: dataDir, DATELINE_SAMPLE: 'on', LOG_LEVEL: 'info' };
  const token = (role: string) =>
    spawnSync(process.execPath, [bin, 'token', 'create', '--name', `bench-${role}`, '--role', role], {
      env: { ...env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    }).stdout.trim();
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).on('line', (line) => {
        const match = /serving (http:\/\/\S+?)"/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      server.once('exit', () => reject(new Error('dateline serve exited')));
    });
    const ctx: AttackContext = {
      baseUrl,
      dataDir,
      tokens: { editor: token('editor'), admin: token('admin') },
      story: { id: '', path: '/', updates: 0 },
      signal: AbortSignal.timeout(seconds * 1000),
      limits: { connections: 64, durationS: seconds },
      outboundAllow: '127.0.0.1,localhost',
      log: (line) => console.log(`upload: ${line}`),
    };
    await uploadAttack.prepare!(ctx);
    const quiet = await probe(`${baseUrl}/`, AbortSignal.timeout(3000));
    const reader = probe(`${baseUrl}/`, ctx.signal);
    const summary = await uploadAttack.run(ctx);
    const front = await reader;
    console.log(
      `before the attack: GET / p99 ${quantile(quiet, 0.99).toFixed(0)} ms (${quiet.length} requests)`,
    );
    console.log(`during the attack (${seconds} s): ${summary}`);
    console.log(
      `during the attack: GET / p50 ${quantile(front, 0.5).toFixed(0)} ms, p99 ${quantile(front, 0.99).toFixed(0)} ms, ` +
        `max ${Math.max(...front).toFixed(0)} ms (${front.length} requests)`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
