/**
 * Posts from X and Telegram on the reader page, in Chromium: a link to one, in the update's video
 * field or in its text, shows as a facade under the claim label; nothing is asked of X or Telegram
 * until the reader clicks (every request the page makes is recorded), then the platform's own embed
 * frame loads in the page and may size itself. The platforms are stubbed: tests never call the internet.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const X_FRAME = 'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true';
const TELEGRAM_FRAME = 'https://t.me/frontline/4521?embed=1';

// Stand-ins for the platforms' embed frames, each reporting its height the way the real one does.
const STUBS: Record<string, string> = {
  [X_FRAME]: `<p>stub X post</p><script>parent.postMessage({ 'twttr.embed': { method: 'twttr.private.resize', params: [{ width: 500, height: 321 }] } }, '*')</script>`,
  [TELEGRAM_FRAME]: `<p>stub Telegram post</p><script>parent.postMessage(JSON.stringify({ event: 'resize', height: 222 }), '*')</script>`,
};

describe('X and Telegram posts on the reader page', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  const path = '/stories/harbour-posts';

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const story = await t.liveBlog.createStory({ headline: 'Harbour posts', slug: 'harbour-posts' });
    storyId = story.id;
    await t.liveBlog.publishUpdate(
      storyId,
      {
        body: 'A post on X said to show the harbour.',
        videoUrl: 'https://x.com/someone/status/1790000000000000000',
        claimStatus: 'unverified',
      },
      'Desk',
    );
    await t.liveBlog.publishUpdate(
      storyId,
      {
        body: 'The frontline channel [posted a video](https://t.me/frontline/4521) of the quay.',
        claimStatus: 'claimed',
      },
      'Desk',
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A context recording every request and answering the embed frames locally (anything else outside: refused). */
  const recorded = async (): Promise<{ context: BrowserContext; outside: () => string[] }> => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await context.route(
      (url) => !url.href.startsWith(base),
      (route) => {
        const stub = STUBS[route.request().url()];
        return stub === undefined
          ? route.abort()
          : route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>post</title>${stub}` });
      },
    );
    return { context, outside: () => requests.filter((url) => !url.startsWith(`${base}/`)) };
  };

  it('asks nothing of X until the click, then shows the post in the page under its claim label', async () => {
    const { context, outside } = await recorded();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(outside(), [], 'nothing from a third party before a click');

    const facade = page.locator('article.update', { hasText: 'show the harbour' }).locator('.media-embed');
    assert.match(await facade.innerText(), /Unverified post — unverified/i);
    assert.match(await facade.innerText(), /nothing loads from X until then/);
    assert.equal(await facade.locator('iframe').count(), 0);
    await facade.getByRole('link').click();
    const frame = facade.locator('iframe');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('src'), X_FRAME);
    await page.frameLocator('.media-embed iframe').getByText('stub X post').waitFor();
    // The post sized its frame; the label stays beside it; the reader stayed on the page.
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('.is-post iframe')?.style.height === '321px',
    );
    assert.match(await facade.locator('figcaption.media-claim').innerText(), /Unverified post — unverified/i);
    assert.equal(page.url(), `${base}${path}`);
    assert.deepEqual(outside(), [X_FRAME], 'only the post the reader asked for');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows a Telegram post linked in the text, and one that arrives live, only on click', async () => {
    const { context, outside } = await recorded();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');

    const quay = page.locator('article.update', { hasText: 'of the quay' });
    // The link in the text stays a link; the facade below it carries the claim label.
    assert.equal(await quay.locator('.update-body a').getAttribute('href'), 'https://t.me/frontline/4521');
    const facade = quay.locator('.media-embed');
    assert.match(await facade.innerText(), /Claimed post — claimed, not verified/i);
    assert.match(await facade.innerText(), /Post on Telegram/);

    // A post pushed live: a facade too, and still nothing requested.
    const live = await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Reposted: [the ministry](https://twitter.com/ministry/status/1800000000000000001).' },
      'Desk',
    );
    const liveFacade = page.locator(`#update-${live.id} .media-embed`);
    await liveFacade.waitFor();
    assert.equal(
      await liveFacade.getAttribute('data-embed-src'),
      'https://platform.twitter.com/embed/Tweet.html?id=1800000000000000001&dnt=true',
    );
    assert.deepEqual(outside(), []);

    await facade.getByRole('link').click();
    await quay.locator(`iframe[src="${TELEGRAM_FRAME}"]`).waitFor();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('.is-post iframe')?.style.height === '222px',
    );
    assert.match(
      await quay.locator('figcaption.media-claim').innerText(),
      /Claimed post — claimed, not verified/i,
    );
    assert.deepEqual(outside(), [TELEGRAM_FRAME]);
    await context.close();
  });

  it('leaves the facade a plain link to the post without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    const link = page.locator('article.update', { hasText: 'show the harbour' }).locator('.media-embed a');
    assert.equal(await link.getAttribute('href'), 'https://x.com/someone/status/1790000000000000000');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${base}/`)),
      [],
    );
    await context.close();
  });
});
