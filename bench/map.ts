/**
 * The map with 2,000 markers in Chromium: page weight, first render and frame time while zooming.
 *
 * Starts `dateline serve` (fresh data directory, sample off) from this tree or from `--root DIR` (another
 * checkout, e.g. the previous map), publishes 2,000 updates through the API naming towns in Ukraine,
 * Syria and Sudan, waits until all are located, then opens `/map?story=…` in Debian's Chromium:
 * - bytes: what the page cost on the wire (encoded bodies of every response, `accept-encoding: br`);
 * - first render: navigation start until the first frame after the map's script ran (two animation
 *   frames after `.map-js` appears), median of 5 loads;
 * - frame time: 40 wheel steps (20 in at the map's centre, 20 out), one per animation frame; the time
 *   between frames, p50 / p95 / max.
 *
 *   node --import tsx bench/map.ts [--root DIR] [--markers 2000]
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: { root: { type: 'string' }, markers: { type: 'string', default: '2000' } },
});
const ROOT = values.root ?? new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'dateline.js');
const MARKERS = Number(values.markers);
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-map-'));
const PLACES = [
  'Kharkiv',
  'Kyiv',
  'Odesa',
  'Dnipro',
  'Zaporizhzhia',
  'Lviv',
  'Kherson',
  'Mykolaiv',
  'Sumy',
  'Poltava',
  'Chernihiv',
  'Kramatorsk',
  'Sloviansk',
  'Pokrovsk',
  'Kupiansk',
  'Izium',
  'Bakhmut',
  'Avdiivka',
  'Mariupol',
  'Melitopol',
  'Nikopol',
  'Kryvyi Rih',
  'Vinnytsia',
  'Zhytomyr',
  'Cherkasy',
  'Kropyvnytskyi',
  'Aleppo',
  'Idlib',
  'Damascus',
  'Homs',
  'Hama',
  'Latakia',
  'Deir ez-Zor',
  'Raqqa',
  'Khartoum',
  'Omdurman',
  'El Fasher',
  'Nyala',
  'Geneina',
  'Port Sudan',
  'Kassala',
  'El Obeid',
];

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

async function serve(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATELINE_SAMPLE: 'off', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /serving (http:\/\/\S+?)"/.exec(line);
      if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Bytes on the wire of a GET of `url` with `accept-encoding: br` (headers excluded). */
function encodedSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => (n += chunk.length));
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const token = cli(['token', 'create', '--name', 'bench', '--role', 'admin']);
const server = await serve();
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
};
try {
  const story = await post('/stories', { headline: 'Map bench', status: 'live' });
  const started = Date.now();
  console.log(`serving ${server.url}; publishing ${MARKERS} updates`);
  for (let i = 0; i < MARKERS; i++) {
    const place = PLACES[i % PLACES.length];
    await post(`/stories/${story.id}/updates`, { body: `Shelling hit ${place} overnight, report ${i}.` });
  }
  const mapUrl = `${server.url}/map?story=${story.id}`;
  // Enrichment runs behind publication: wait until the located count stops growing.
  let located = -1;
  for (let stable = 0; stable < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const html = await (await fetch(mapUrl)).text();
    const count = Number(/(\d+) located updates?/.exec(html)?.[1] ?? 0);
    stable = count === located ? stable + 1 : 0;
    located = count;
  }
  console.log(`${located} of ${MARKERS} updates located in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const urls = new Set<string>();
  page.on('response', (response) => {
    // Live streams never end; they are not part of the page's weight.
    if (!(response.headers()['content-type'] ?? '').startsWith('text/event-stream')) urls.add(response.url());
  });
  const renders: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(mapUrl, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForSelector('.map-js, .map-controls', { timeout: 60_000 });
    renders.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
          ),
      ),
    );
  }
  // Page weight: every response of a visit, fetched again as a reader accepting brotli gets it.
  let bytes = 0;
  for (const url of urls) bytes += await encodedSize(url);
  console.log(
    `page weight (first visit, brotli where the server compresses): ${(bytes / 1024).toFixed(0)} KB`,
  );
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
  await browser.close();
  const sortedRenders = [...renders].sort((a, b) => a - b);
  const sortedFrames = [...frames].sort((a, b) => a - b);
  console.log(`markers: ${located}; root: ${ROOT}`);
  console.log(
    `first render: median ${percentile(sortedRenders, 50).toFixed(0)} ms (${renders.map((r) => r.toFixed(0)).join(', ')})`,
  );
  console.log(
    `frame time while zooming: p50 ${percentile(sortedFrames, 50).toFixed(1)} ms, p95 ${percentile(sortedFrames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await server.stop();
}
