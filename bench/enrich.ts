/**
 * `npm run bench:enrich`: speed of the enrichment pipeline on one core (a single thread).
 * - start-up: a fresh `node --import tsx` process importing the pipeline and loading the data,
 *   median of 5 in wall-clock time and in CPU time, plus the createEnricher() call alone;
 * - throughput: the gold-set texts (update-length) enriched round-robin for BENCH_SECONDS
 *   (default 10) after a warm-up, as updates/s of wall-clock time and per CPU-second (the latter
 *   is what one unshared core does; the machine is often shared);
 *   `-- --long` joins three texts into each update (~95 words); `-- --data-dir DIR` looks each text's
 *   spans up in the places imported there (`dateline gazetteer import`) first, through the server's
 *   cache of answers, or with `--uncached` through none, so every update pays the database lookups a
 *   text of all new names would;
 * - memory: heap used after a forced GC with the enricher loaded, and the peak seen while running.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Lexicon } from '../src/enrich/lexicon.ts';
import { createEnricher } from '../src/enrich/pipeline.ts';
import { ImportedPlaces } from '../src/enrich/places/imported-places.ts';
import { openStore } from '../src/store/open-store.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:enrich does)');

function startupMs(): { wall: number; cpu: number } {
  const script = `
    const t0 = performance.now();
    const { createEnricher } = await import(${JSON.stringify(new URL('../src/enrich/pipeline.ts', import.meta.url).href)});
    const e = createEnricher();
    e.enrich('Sergei Lavrov met Hakan Fidan in Ankara on Monday.', { published: '2026-05-27T10:00:00Z' });
    const cpu = process.cpuUsage();
    process.stdout.write(JSON.stringify({ wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { wall: number; cpu: number };
}

const runs = Array.from({ length: 5 }, startupMs);
const startups = runs.map((r) => r.wall).sort((a, b) => a - b);
const startupCpu = runs.map((r) => r.cpu).sort((a, b) => a - b);

gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const enricher = createEnricher();
const loadMs = performance.now() - t0;
gc();
const heapLoaded = process.memoryUsage().heapUsed;

const gold = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'eval', 'enrich', 'gold.json'), 'utf8'),
) as {
  items: { text: string; published: string; storyCountries: string[] }[];
};
// Gold texts are short (~31 words); three joined make a long update (~95 words).
const LONG = process.argv.includes('--long');
const texts = LONG
  ? gold.items.map((t, i) => ({
      ...t,
      text: [t, gold.items[(i + 1) % gold.items.length], gold.items[(i + 2) % gold.items.length]]
        .map((x) => x?.text ?? '')
        .join(' '),
    }))
  : gold.items;
const words = texts.reduce((n, t) => n + t.text.split(/\s+/).length, 0) / texts.length;

const at = process.argv.indexOf('--data-dir');
const dataDir = at === -1 ? undefined : process.argv[at + 1];
const store = dataDir === undefined ? undefined : await openStore(undefined, dataDir);
const uncached = process.argv.includes('--uncached');
const imported = store && new ImportedPlaces(store.gazetteer, uncached ? { maxCached: 0 } : {});
const importedCountries = (await store?.gazetteer.countries()) ?? [];

const runFor = async (ms: number) => {
  let done = 0;
  let peak = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (const t of texts) {
      const importedPlaces: Lexicon | undefined = await imported?.lexiconFor(t.text);
      enricher.enrich(t.text, {
        published: t.published,
        storyCountries: t.storyCountries,
        ...(importedPlaces && { importedPlaces }),
      });
    }
    done += texts.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return { done, peak };
};
await runFor(2000);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const { done, peak } = await runFor(SECONDS * 1000);
const elapsed = (performance.now() - started) / 1000;
const cpuUsed = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`enrichment bench — Node ${process.version}, ${cpu}, ${cpus().length} vCPU, single thread`);
console.log(
  `start-up (fresh process: import + load data + first text), median of 5: ${startups[2]?.toFixed(0)} ms (min ${startups[0]?.toFixed(0)}, max ${startups[4]?.toFixed(0)})`,
);
console.log(
  `start-up CPU time (user+system of that process; less sensitive to other load), median: ${startupCpu[2]?.toFixed(0)} ms`,
);
if (store)
  console.log(
    `imported places looked up per text${uncached ? ', uncached' : ''}: ${importedCountries.map((c) => `${c.iso2} ${c.places}`).join(', ')} (${dataDir})`,
  );
console.log(`createEnricher() alone (data load, modules already imported): ${loadMs.toFixed(0)} ms`);
console.log(
  `throughput: ${(done / elapsed).toFixed(0)} updates/s wall-clock (${done} updates of ~${words.toFixed(0)} words in ${elapsed.toFixed(1)} s)`,
);
console.log(
  `throughput per CPU-second of this thread (what one core does when it is not shared): ${(done / cpuSeconds).toFixed(0)} updates/s (${cpuSeconds.toFixed(1)} CPU s)`,
);
console.log(
  `heap: ${(heapLoaded / MB).toFixed(1)} MB used with the enricher loaded (+${((heapLoaded - heapBefore) / MB).toFixed(1)} MB for its data); peak while running ${(peak / MB).toFixed(1)} MB`,
);
await store?.close();
