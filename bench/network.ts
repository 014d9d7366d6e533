/**
 * `npm run bench:network`: the contact network pages over 2,000 actors and 20,000 contacts.
 *
 * Starts a node in-process (fresh SQLite data directory, sample off), publishes one real update that
 * the shipped enricher reads ("Putin spoke by phone with … Rouhani"), so Putin has a page, then stops
 * the enrichment worker and stores BENCH_CONTACTS contacts (default 20,000) between BENCH_ACTORS
 * actors (default 2,000) directly: twenty per update, over the last 120 days, the pairs skewed so that
 * a few actors (Putin first) are hubs, as in real reporting. Prints:
 * - server render time of `/{desk}/contacts` over 30 days, cold (each run another period, so a full
 *   render) and cached (the page is kept 30 s), and of `/people/vladimir-putin` (not cached), p50 /
 *   p95 of BENCH_RUNS (default 40) requests through Fastify's inject (no network);
 * - page bytes: HTML as sent, and brotli-compressed as a reader's browser would get it;
 * - first render in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium): navigation start until
 *   the first contentful paint, median of 5 loads, at 1280 px.
 */
import { brotliCompressSync } from 'node:zlib';
import { loadavg, cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { addDays } from '../src/domain/days.ts';
import { CONTACT_KINDS, type Contact, type ContactActor } from '../src/domain/contacts.ts';
import { createTempDir } from '../test/support/temp-dir.ts';

const ACTORS = Number(process.env['BENCH_ACTORS'] ?? 2000);
const CONTACTS = Number(process.env['BENCH_CONTACTS'] ?? 20_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 40);
// Contacts per update: a round-up names many pairs; fewer updates keep the seeding short.
const PER_UPDATE = Number(process.env['BENCH_PER_UPDATE'] ?? 20);
const DAYS = 120;

const node = await createApp(
  loadConfig({ DATELINE_DATA_DIR: createTempDir(), DATELINE_SAMPLE: 'off', PORT: '0', LOG_LEVEL: 'silent' }),
  { logger: pino({ level: 'silent' }) },
);
const desk = await node.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'UTC' });
const story = await node.liveBlog.createStory({ desk: desk.slug, headline: 'Diplomacy over Syria' });
await node.liveBlog.publishUpdate(
  story.id,
  { body: "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday." },
  'Desk',
);
await node.enrichment.idle();
// From here contacts are stored directly; the worker must not replace them with its own reading.
await node.enrichment.close();

// A fixed pseudo-random sequence, so every run seeds the same network.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const actors: ContactActor[] = Array.from({ length: ACTORS }, (_, i) =>
  i === 0
    ? { kind: 'person', slug: 'vladimir-putin', name: 'Vladimir Putin', role: 'President of Russia' }
    : i % 4 === 0
      ? { kind: 'organization', slug: `organisation-${i}`, name: `Organisation ${i}`, role: null }
      : {
          kind: 'person',
          slug: `person-${i}`,
          name: `Person ${i}`,
          role: i % 3 === 0 ? `Envoy ${i % 17}` : null,
        },
);
// Squaring a uniform number favours low indices: a few hubs, a long tail.
const pick = () => actors[Math.floor(random() ** 2.2 * ACTORS)]!;
const today = new Date().toISOString().slice(0, 10);
const seeding = Date.now();
for (let u = 0; u < CONTACTS / PER_UPDATE; u++) {
  const update = await node.liveBlog.publishUpdate(story.id, { body: `Diplomatic round-up ${u}.` }, 'Desk');
  const contacts: Contact[] = [];
  for (let k = 0; k < PER_UPDATE; k++) {
    const a = pick();
    let b = pick();
    while (b === a) b = pick();
    contacts.push({
      updateId: update.id,
      storyId: story.id,
      ordinal: k + 1,
      kind: CONTACT_KINDS[Math.floor(random() * CONTACT_KINDS.length)]!,
      channel: null,
      a,
      b,
      place: null,
      country: null,
      date: addDays(today, -Math.floor(random() * DAYS)),
      dateSource: 'text',
      reportedAt: update.publishedAt,
      sentence: `${a.name} met ${b.name} (round-up ${u}).`,
      source: 'extracted',
      templateId: `${update.id}-${k + 1}`,
    });
  }
  await node.store.contacts.replaceForUpdate(update.id, update.version, contacts);
}
console.log(
  `seeded ${ACTORS} actors, ${CONTACTS} contacts in ${CONTACTS / PER_UPDATE} updates over ${DAYS} days ` +
    `(${((Date.now() - seeding) / 1000).toFixed(0)} s); ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (values: number[]) =>
  percentile(
    [...values].sort((x, y) => x - y),
    50,
  );

// The desk page keeps a render for 30 s per period and kind: each cold run asks for another period
// of 30 days (ending 0..RUNS days ago), so each is a full render; then the cached page, warm.
const deskPath = `/${desk.slug}/contacts`;
const pages = {
  [deskPath]: 'desk contacts page (last 30 days)',
  '/people/vladimir-putin': 'actor page (Putin, the biggest hub)',
};
const measure = async (label: string, urls: string[]) => {
  const times: number[] = [];
  let body = '';
  for (const [i, url] of urls.entries()) {
    const started = process.hrtime.bigint();
    const response = await node.app.inject({ url });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    body = response.body;
    if (i >= 3) times.push(ms); // the first three warm the JIT and SQLite's cache
  }
  times.sort((x, y) => x - y);
  const bytes = Buffer.byteLength(body);
  const br = brotliCompressSync(body).length;
  const nodes = (body.match(/class="network-node /g) ?? []).length;
  const lines = (body.match(/<line /g) ?? []).length;
  console.log(
    `${label}: server render p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms` +
      ` (${times.length} runs); ${(bytes / 1024).toFixed(0)} KB HTML, ${(br / 1024).toFixed(0)} KB brotli;` +
      ` drawing: ${nodes} actors, ${lines} lines`,
  );
};
const runs = Array.from({ length: RUNS + 3 }, (_, i) => i);
await measure(
  'desk contacts page, 30 days, cold',
  runs.map((i) => `${deskPath}?from=${addDays(today, -29 - i)}&to=${addDays(today, -i)}`),
);
await measure(
  'desk contacts page, last 30 days, cached',
  runs.map(() => deskPath),
);
await measure(
  'actor page (Putin, the biggest hub)',
  runs.map(() => '/people/vladimir-putin'),
);

const base = (await node.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const browser = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const [url, label] of Object.entries(pages)) {
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}${url}`, { waitUntil: 'load' });
      // A string, not a function: tsx's helpers (__name) do not exist in the page.
      const fcp = Number(
        await page.evaluate(`new Promise((resolve) => {
          new PerformanceObserver((list) => {
            const paint = list.getEntriesByName('first-contentful-paint')[0];
            if (paint) resolve(paint.startTime);
          }).observe({ type: 'paint', buffered: true });
        })`),
      );
      paints.push(fcp);
      await context.close();
    }
    console.log(`${label}: first contentful paint in Chromium, median of 5: ${median(paints).toFixed(0)} ms`);
  }
} finally {
  await browser.close();
  await node.close();
}
