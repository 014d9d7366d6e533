/**
 * The map with 50 layer polygons of 2,000 vertices each (issue 16): server render time of
 * `/map?desk=…&date=…`, page bytes (raw and brotli), and frame time while zooming in Chromium (as
 * bench/map.ts measures it: 40 wheel steps, one per animation frame, time between frames).
 *
 *   node --import tsx bench/layers.ts [--polygons 50] [--vertices 2000] [--trace trace.json]
 *
 * --trace writes a Chromium performance trace of the zooming (open it in DevTools' Performance panel)
 * and prints the CPU time per frame it shows.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync } from 'node:zlib';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { launchChromium } from '../test/support/chromium.ts';

const { values } = parseArgs({
  options: {
    polygons: { type: 'string', default: '50' },
    vertices: { type: 'string', default: '2000' },
    trace: { type: 'string' },
  },
});
const POLYGONS = Number(values.polygons);
const VERTICES = Number(values.vertices);
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-layers-'));
const node = await createApp(
  loadConfig({ DATELINE_DATA_DIR: dataDir, DATELINE_SAMPLE: 'off', PORT: '0', LOG_LEVEL: 'silent' }),
  { logger: pino({ level: 'silent' }) },
);
const desk = await node.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
const force = await node.mapLayers.createForce(desk, { name: 'Bench force', colour: '#c0392b' });
// Star-shaped blobs (radius a function of angle, so never crossing) over Syria, 7 × 8 grid.
for (let i = 0; i < POLYGONS; i++) {
  const cx = 36 + (i % 8) * 0.7;
  const cy = 32.8 + Math.floor(i / 8) * 0.6;
  const ring: [number, number][] = [];
  for (let k = 0; k < VERTICES - 1; k++) {
    const a = (2 * Math.PI * k) / (VERTICES - 1);
    const r = 0.25 * (1 + 0.15 * Math.sin(7 * a + i) + 0.05 * Math.sin(53 * a));
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  await node.mapLayers.createLayer(
    desk,
    {
      kind: 'control',
      forceId: force.id,
      geometry: { type: 'Polygon', coordinates: [ring] },
      validFrom: '2026-05-27',
      source: 'bench',
      claimStatus: 'claimed',
    },
    'bench',
  );
}
const url = '/map?desk=syria-daily&date=2026-06-01';
const renders: number[] = [];
let html = '';
for (let i = 0; i < 6; i++) {
  const start = performance.now();
  const res = await node.app.inject({ url });
  renders.push(performance.now() - start);
  html = res.body;
}
renders.shift(); // the first also builds the basemap and detail data
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]!;

const base = await node.app.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(`${base}${url}`);
await page.locator('svg.map-js').waitFor();
if (values.trace !== undefined) await browser.startTracing(page, { path: values.trace, screenshots: false });
const frames = await page.evaluate(async () => {
  const svg = document.querySelector('svg.map-svg')!;
  const box = svg.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  const times: number[] = [];
  let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  for (let i = 0; i < 40; i++) {
    svg.dispatchEvent(
      new WheelEvent('wheel', { ...at, deltaY: i < 20 ? -100 : 100, bubbles: true, cancelable: true }),
    );
    const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    times.push(now - last);
    last = now;
  }
  return times;
});
const cpu = values.trace === undefined ? null : cpuPerFrame(await browser.stopTracing(), frames.length);
// Vertices drawn in the layers after the zooming (the page carries all of them).
const drawn = await page.evaluate(() =>
  [...document.querySelectorAll('path.map-layer')].reduce(
    (n, p) => n + (p.getAttribute('d') ?? '').split(/[ML]/).length - 1,
    0,
  ),
);
await browser.close();
await node.close();
console.log(`layers: ${POLYGONS} polygons × ${VERTICES} vertices`);
console.log(
  `server render of ${url}: median ${median(renders).toFixed(0)} ms (${renders.map((r) => r.toFixed(0)).join(', ')})`,
);
console.log(
  `page HTML: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB raw, ${(brotliCompressSync(html).length / 1024).toFixed(0)} KB brotli`,
);
console.log(
  `frame time while zooming: p50 ${pct(frames, 50).toFixed(1)} ms, p95 ${pct(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms`,
);
if (cpu !== null)
  console.log(
    `CPU per frame (trace): renderer main thread ${cpu.main.toFixed(1)} ms, raster ${cpu.raster.toFixed(1)} ms`,
  );
console.log(`vertices drawn at the end (back at the first view): ${drawn.toLocaleString('en-GB')}`);
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

/**
 * CPU time (not wall time, so less bent by other work on the machine) per zoom frame from a Chromium
 * trace: the renderer's main-thread tasks (script, style, layout, paint) and the raster workers' tasks.
 */
function cpuPerFrame(trace: Buffer, count: number): { main: number; raster: number } {
  type TraceEvent = {
    ph: string;
    name: string;
    pid: number;
    tid: number;
    tdur?: number;
    args?: { name?: string };
  };
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  let main = 0;
  let raster = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.tdur === undefined) continue;
    const thread = threads.get(`${e.pid}:${e.tid}`);
    if (thread === 'CrRendererMain' && e.name === 'ThreadControllerImpl::RunTask') main += e.tdur;
    if (e.name === 'RasterTask') raster += e.tdur;
  }
  return { main: main / 1000 / count, raster: raster / 1000 / count };
}
