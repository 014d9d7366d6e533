/**
 * The reader's live page in a real Chromium: updates, edits and deletions arrive without a reload, the
 * "N new updates" prompt appears when the reader has scrolled away, and the page is complete without
 * JavaScript. Set DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CLAIM_LABELS, CLAIM_STATUSES } from '../../src/domain/types.ts';
import type { Story } from '../../src/domain/types.ts';
import { SAMPLE_AUTHOR, SAMPLE_NOTICE } from '../../src/sample/sample-content.ts';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

describe('live page in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let sample: { story: Story; path: string };
  let archived: Promise<{ story: Story; path: string; count: number }> | undefined;

  const api = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...t.auth(t.editorToken),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
    return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
  };
  const publish = (storyId: string, body: Record<string, unknown>) =>
    api('POST', `/stories/${storyId}/updates`, body) as Promise<{ id: string; version: number }>;

  // Script errors on any page fail the suite (checked by the last test).
  const scriptErrors: string[] = [];
  const open = async (context: BrowserContext, path: string): Promise<Page> => {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => scriptErrors.push(`${path}: ${error.message}`));
    await page.goto(`${base}${path}`);
    return page;
  };

  // A long page with every part a reader should see, for the no-JavaScript and paging checks. Made on
  // first use, after the screenshots, so it does not show in the sample page's rail.
  const archive = () => {
    archived ??= (async () => {
      const archiveDesk = await t.liveBlog.createDesk({ name: 'Archive Desk', timezone: 'Asia/Damascus' });
      const archiveStory = await t.liveBlog.createStory({
        desk: archiveDesk.slug,
        headline: 'A long day of updates',
        standfirst: 'Sixty updates, enough for a second page',
      });
      const count = 60;
      for (let i = 0; i < count; i++) {
        await t.liveBlog.publishUpdate(
          archiveStory.id,
          {
            headline: i === 0 ? 'Summary so far' : i % 7 === 0 ? `Development ${i}` : null,
            body: `Update ${i}: the situation at the crossing, described in a few words.`,
            claimStatus: CLAIM_STATUSES[i % CLAIM_STATUSES.length]!,
            claimNote: `Evidence note ${i}`,
            sources: [{ label: `Source ${i}`, url: `https://example.org/source/${i}` }],
            pinned: i === 0,
            keyEvent: i === 57 || i === 42,
          },
          'Archive Reporter',
        );
      }
      return { story: archiveStory, path: `/${archiveDesk.slug}/${archiveStory.slug}`, count };
    })();
    return archived;
  };

  before(async () => {
    t = await createTestApp({ sample: true });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const story = (await t.store.stories.listByStatus(['live'], 1))[0];
    assert.ok(story, 'sample content has a live page');
    const desk = (await t.store.desks.getById(story.deskId!))!;
    sample = { story, path: `/${desk.slug}/${story.slug}` };

    // A second sample-like page, so the sample page's LATEST rail has something to show.
    const talks = await t.liveBlog.createStory({
      headline: 'Port Amsel talks: delegations begin to arrive',
      standfirst: `Preparations for the first meeting between Kestria and Drevana. ${SAMPLE_NOTICE}`,
    });
    for (const body of [
      'The Drevanan advance team has checked into the conference hotel on the waterfront.',
      'Mediators say the agenda will be agreed at deputy-minister level before any meeting of ministers.',
      'Kestria names its delegation: a deputy foreign minister, two generals and a legal adviser.',
    ]) {
      await t.liveBlog.publishUpdate(talks.id, { body, claimStatus: 'claimed' }, SAMPLE_AUTHOR);
    }

    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  // First, while the sample page is as seeded.
  for (const width of [1280, 360]) {
    it(`fits a ${width} px wide screen without sideways scrolling`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await open(context, sample.path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      if (process.env['DATELINE_SCREENSHOTS'] === '1') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: new URL(`story-${width}.png`, SCREENSHOTS).pathname, fullPage: true });
      }
      await context.close();
    });
  }

  it('shows a new update without a reload and announces it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, sample.path);
    const update = await publish(sample.story.id, {
      headline: 'Monitors report a quiet night',
      body: 'No shelling was reported overnight along the river.',
      claimStatus: 'claimed',
    });
    const article = await page.waitForSelector(`#update-${update.id}`);
    assert.match((await article.textContent()) ?? '', /quiet night/);
    const first = await page.$eval('[data-update-list] > article', (el) => el.id);
    assert.equal(first, `update-${update.id}`, 'the new update is at the top of the list');
    await page.waitForFunction(() =>
      document
        .querySelector('[aria-live="polite"]')
        ?.textContent?.includes('New update: Monitors report a quiet night'),
    );
    await context.close();
  });

  it('offers "1 new update" when the reader has scrolled away, and shows it on click', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, sample.path);
    const title = await page.title();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 500);
    const update = await publish(sample.story.id, { body: 'Second convoy reaches the crossing.' });
    const button = await page.waitForSelector('button.new-updates:not([hidden])');
    assert.equal((await button.textContent())?.trim(), '1 new update');
    assert.equal(await page.title(), `(1) ${title}`);
    assert.equal(await page.$(`#update-${update.id}`), null, 'not inserted while the reader is away');
    await button.click();
    await page.waitForSelector(`#update-${update.id}`, { state: 'visible' });
    await page.waitForFunction((expected) => document.title === expected, title);
    assert.equal(await button.isHidden(), true);
    await context.close();
  });

  it('applies edits in place, removes deletions, and follows header changes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, sample.path);
    const update = await publish(sample.story.id, { body: 'Casualty figures are not yet available.' });
    await page.waitForSelector(`#update-${update.id}`);
    await api('PATCH', `/updates/${update.id}`, {
      version: update.version,
      body: 'Officials now give a figure of two injured.',
      claimStatus: 'verified',
    });
    await page.waitForFunction((id) => {
      const el = document.getElementById(`update-${id}`);
      return el?.textContent?.includes('two injured') && el.querySelector('.claim-verified') !== null;
    }, update.id);
    assert.equal(await page.locator(`#update-${update.id}`).count(), 1, 'replaced, not duplicated');

    await api('DELETE', `/updates/${update.id}`);
    await page.waitForSelector(`#update-${update.id}`, { state: 'detached' });

    const current = await api('GET', `/stories/${sample.story.id}`);
    await api('PATCH', `/stories/${sample.story.id}`, {
      version: current['version'],
      headline: 'Ceasefire holds into a fourth day',
    });
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Ceasefire holds into a fourth day',
    );
    await context.close();
  });

  it('keeps the LATEST rail on the front page live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, '/');
    const update = await publish(sample.story.id, { body: 'Rail check: a new update on the sample page.' });
    const item = await page.waitForSelector(`.rail-list li[data-update-id="${update.id}"]`);
    assert.equal(await item.$eval('a', (a) => a.getAttribute('href')), `${sample.path}#update-${update.id}`);
    await api('DELETE', `/updates/${update.id}`);
    await page.waitForSelector(`.rail-list li[data-update-id="${update.id}"]`, { state: 'detached' });
    await context.close();
  });

  it('shows every part of the page without JavaScript, and pages through older updates', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const { path, count } = await archive();
    const page = await open(context, path);
    assert.equal(await page.locator('h1').textContent(), 'A long day of updates');
    assert.equal(await page.locator('.standfirst').textContent(), 'Sixty updates, enough for a second page');
    assert.equal(await page.locator('nav.key-events a').count(), 2);
    assert.ok(await page.locator('nav.key-events').isVisible());
    const firstArticle = page.locator('article.update').first();
    assert.match((await firstArticle.getAttribute('class')) ?? '', /is-pinned/);
    assert.match((await firstArticle.textContent()) ?? '', /Summary so far/);
    for (const status of CLAIM_STATUSES) {
      const badge = page.locator(`.claim-${status} .claim-badge`).first();
      assert.ok(await badge.isVisible(), status);
      assert.match((await badge.innerText()).toLowerCase(), new RegExp(CLAIM_LABELS[status].toLowerCase()));
    }
    assert.match((await page.locator('.claim-note').first().textContent()) ?? '', /Evidence note/);
    assert.equal(await page.locator('.sources a[rel="nofollow noopener"]').first().isVisible(), true);
    assert.match(
      (await page.locator('a.update-time').first().getAttribute('href')) ?? '',
      /\/updates\/[0-9a-z]+$/,
    );
    assert.match((await page.locator('time').first().textContent()) ?? '', /\d\d:\d\d Damascus time/);
    assert.equal(await page.locator('button.new-updates').count(), 0);
    const ids = () => page.locator('article.update').evaluateAll((els) => els.map((el) => el.id));
    const firstPage = await ids();
    assert.equal(firstPage.length, 51, 'the pinned update, then the newest 50');

    await page.locator('a.load-older').click();
    await page.waitForURL(/\?before=/);
    const everything = new Set([...firstPage, ...(await ids())]);
    assert.equal(everything.size, count, 'the second page holds the rest');
    await context.close();
  });

  it('loads older updates in place with JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { path, count } = await archive();
    const page = await open(context, path);
    await page.locator('a.load-older').click();
    // The pinned update is on both pages; the client keeps one copy.
    await page.waitForFunction((n) => document.querySelectorAll('article.update').length === n, count);
    assert.equal(new URL(page.url()).search, '', 'stayed on the page');
    assert.equal(await page.locator('a.load-older').count(), 0, 'no more pages');
    await context.close();
  });

  it('reconnects with backoff after the stream fails, without losing updates', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let refused = 0;
    let allow = false;
    // The first connections get a 503, which makes EventSource give up (readyState CLOSED).
    await context.route('**/api/v1/stories/*/live*', async (route) => {
      if (allow) return route.continue();
      refused += 1;
      return route.fulfill({ status: 503, body: 'unavailable' });
    });
    const page = await open(context, sample.path);
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.includes('/live')),
    );
    // Published while the reader is cut off: it must arrive once the client reconnects on its own.
    const update = await publish(sample.story.id, { body: 'Published during the outage.' });
    // Each refusal doubles the client's wait before it tries again, up to 30 s (event-stream.ts): on a
    // loaded machine several refusals can pass before the publish, so the next try may be 30 s away.
    const reconnected = page.waitForRequest((request) => request.url().includes('/live?since='), {
      timeout: 45_000,
    });
    allow = true;
    const request = await reconnected;
    assert.match(request.url(), /since=\d+/);
    await page.waitForSelector(`#update-${update.id}`, { timeout: 40_000 });
    assert.ok(refused >= 1, 'the stream was refused at least once');
    await context.close();
  });

  it('keeps relative times fresh', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.clock.install({ time: Date.now() });
    await page.goto(`${base}${sample.path}`);
    const update = await publish(sample.story.id, { body: 'A fresh update to watch age.' });
    const ago = page.locator(`#update-${update.id} .update-ago`);
    await ago.waitFor();
    assert.equal(await ago.textContent(), 'just now');
    await page.clock.fastForward('05:00');
    await page.waitForFunction(
      (id) => document.querySelector(`#update-${id} .update-ago`)?.textContent === '5 min ago',
      update.id,
    );
    await context.close();
  });

  it('raised no script errors on any page', () => {
    assert.deepEqual(scriptErrors, []);
  });
});
