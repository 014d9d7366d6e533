/**
 * `npm run audit:pages`: Lighthouse (pinned at 12.8.2, which runs on Node 20) on reader pages of a
 * fresh node with the sample content, in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium),
 * with Lighthouse's default mobile emulation and simulated slow 4G. Writes the HTML reports and a
 * summary to docs/lighthouse/ and prints the four category scores per page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTempDir } from '../test/support/temp-dir.ts';

const OUT = new URL('../docs/lighthouse/', import.meta.url);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const node = await createApp(
  loadConfig({ DATELINE_DATA_DIR: createTempDir(), DATELINE_SAMPLE: 'on', PORT: '0', LOG_LEVEL: 'silent' }),
  { logger: pino({ level: 'silent' }) },
);
const base = (await node.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const story = (await node.store.stories.listByStatus(['live'], 1))[0];
if (!story?.deskId) throw new Error('the sample content has no live desk page');
const desk = (await node.store.desks.getById(story.deskId))!;
const pages = { story: `/${desk.slug}/${story.slug}`, front: '/', desk: `/${desk.slug}` };

const chrome = await launch({
  chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
];
const summary: Record<string, Record<string, number | string>> = {};
try {
  mkdirSync(OUT, { recursive: true });
  for (const [name, path] of Object.entries(pages)) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'html',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const scores: Record<string, number> = {};
    for (const category of CATEGORIES)
      scores[category] = Math.round((result.lhr.categories[category]?.score ?? 0) * 100);
    const metrics = Object.fromEntries(METRICS.map((id) => [id, result.lhr.audits[id]?.displayValue ?? '']));
    summary[name] = { ...scores, ...metrics };
    // The full report (about 1 MB with its screenshots) is kept for the story page, the one with a target.
    if (name === 'story') {
      const report = Array.isArray(result.report) ? result.report[0] : result.report;
      writeFileSync(new URL('story-page.html', OUT), String(report));
    }
    console.log(
      `${name.padEnd(6)} ${path.padEnd(40)} ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join('  ')}`,
    );
  }
} finally {
  await chrome.kill();
  await node.close();
}
writeFileSync(
  new URL('summary.json', OUT),
  `${JSON.stringify(
    {
      lighthouse: '12.8.2',
      chromium: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
      settings: 'default mobile emulation, simulated throttling',
      measuredAt: new Date().toISOString(),
      scores: summary,
    },
    null,
    2,
  )}\n`,
);
const storyScores = summary['story'] ?? {};
const low = CATEGORIES.filter((c) => Number(storyScores[c] ?? 0) < 95);
if (low.length > 0) {
  console.error(`story page below 95 in: ${low.join(', ')}`);
  process.exitCode = 1;
}
