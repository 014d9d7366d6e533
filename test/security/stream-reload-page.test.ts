/**
 * Issue 12, finding 4, in the browser: a reader page too far behind to be replayed (its stream was
 * down while more events were published than a replay covers) is sent `reload`, obeys it, and shows
 * the current page; it reloads at most once a minute, so a stale cached page cannot loop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { storyPath } from '../../src/domain/paths.ts';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('reader page told to reload', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  before(async () => {
    t = await createTestApp({ env: { DATELINE_STREAM_REPLAY_MAX: '5' } });
    base = await t.listen();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('reloads when its stream comes back too far behind, and shows what was published meanwhile', async () => {
    const story = await t.liveBlog.createStory({ headline: 'Reload when far behind' });
    await t.liveBlog.publishUpdate(story.id, { body: 'Before the outage.' }, 'Desk');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The reader's stream is down (as on a train through a tunnel) ...
    let streamRequests = 0;
    await page.route('**/api/v1/stories/*/live*', (route) => {
      streamRequests++;
      return route.abort();
    });
    await page.goto(`${base}${storyPath(null, story.slug)}`);
    await page.getByText('Before the outage.').waitFor();
    // ... until it has tried at least once, while the desk publishes more than a replay covers.
    while (streamRequests === 0) await page.waitForRequest('**/api/v1/stories/*/live*');
    for (let i = 1; i <= 8; i++)
      await t.liveBlog.publishUpdate(story.id, { body: `Meanwhile ${i}.` }, 'Desk');
    await page.unroute('**/api/v1/stories/*/live*');

    // The browser reconnects with the page's old position, gets `reload`, and reloads.
    await page.getByText('Meanwhile 8.').waitFor();
    const navigation = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type,
    );
    assert.equal(navigation, 'reload');
    assert.equal(await page.getByText('Meanwhile 1.').count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
