/**
 * `npm run bench:editor`: the newsroom editor of a story with 1,000 updates (BENCH_UPDATES), opened by a
 * signed-in editor in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Prints, as the median
 * of BENCH_RUNS loads: time to interactive (navigation start until the editor's script has put its
 * Edit controls on the updates and the composer takes input), the DOM size, the HTML bytes and the JS
 * heap. The editor pages its updates (100 at a time), so the DOM should not grow with the story.
 */
import { loadavg, cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { pino } from 'pino';
import { createApiToken } from '../src/accounts/token-service.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTempDir } from '../test/support/temp-dir.ts';

const UPDATES = Number(process.env['BENCH_UPDATES'] ?? 1000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const PASSWORD = 'bench editor passphrase';

const node = await createApp(
  loadConfig({ DATELINE_DATA_DIR: createTempDir(), DATELINE_SAMPLE: 'off', PORT: '0', LOG_LEVEL: 'silent' }),
  { logger: pino({ level: 'silent' }) },
);
const base = (await node.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
await node.accounts.addUser({
  email: 'editor@example.org',
  name: 'Bench Editor',
  role: 'editor',
  password: PASSWORD,
});
const { secret } = await createApiToken(node.store, { name: 'bench', role: 'admin' });
const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
};
const story = await post('/stories', { headline: 'Editor benchmark', status: 'live' });
for (let i = 1; i <= UPDATES; i++)
  await post(`/stories/${story.id}/updates`, {
    headline: i % 10 === 0 ? `Key moment ${i}` : null,
    body: `Update ${i}: shelling reported near Kharkiv and Izium; officials in Kyiv said ${i} drones were downed.`,
    keyEvent: i % 10 === 0,
  });

const browser = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
const page = await context.newPage();
await page.goto(`${base}/newsroom/login`);
await page.getByLabel('Email').fill('editor@example.org');
await page.getByLabel('Password').fill(PASSWORD);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(`${base}/newsroom`);

interface Run {
  interactiveMs: number;
  domNodes: number;
  articles: number;
  htmlBytes: number;
  heapMb: number;
}
const runs: Run[] = [];
for (let r = 0; r < RUNS; r++) {
  const response = await page.goto(`${base}/newsroom/stories/${story.id}`, { waitUntil: 'commit' });
  const htmlBytes = (await response?.body())?.length ?? 0;
  // Interactive: the script has added its controls to the updates and the composer is enabled.
  await page.waitForFunction(
    () =>
      document.querySelector('article[data-update-id] .nr-controls') !== null &&
      !(document.querySelector('#compose-form textarea[name="body"]') as HTMLTextAreaElement | null)
        ?.disabled,
  );
  const measured = await page.evaluate(() => ({
    interactiveMs: performance.now(),
    domNodes: document.getElementsByTagName('*').length,
    articles: document.querySelectorAll('article[data-update-id]').length,
    heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  }));
  runs.push({ ...measured, htmlBytes, heapMb: measured.heap / 1e6 });
}
await browser.close();
await node.close();

const median = (key: keyof Run) => {
  const sorted = runs.map((run) => run[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
console.log(
  `editor with ${UPDATES} updates, median of ${RUNS} loads (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}):`,
);
console.log(`  time to interactive   ${median('interactiveMs').toFixed(0)} ms`);
console.log(`  DOM elements          ${median('domNodes')} (${median('articles')} updates on the page)`);
console.log(`  HTML                  ${(median('htmlBytes') / 1024).toFixed(1)} KB`);
console.log(`  JS heap               ${median('heapMb').toFixed(1)} MB`);
