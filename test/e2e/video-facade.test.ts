/**
 * Click-to-load video on the reader page, in Chromium: before a click the page asks nothing of any
 * third party (every request is recorded); a click on a YouTube or Vimeo facade plays the video in the
 * page from the privacy-preserving player domain, still under the update's claim label; other
 * platforms stay link cards to the original. The players are stubbed: tests never call the internet.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PLAYERS = ['https://www.youtube-nocookie.com/', 'https://player.vimeo.com/'];

describe('video facades on the reader page', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const story = await t.liveBlog.createStory({ headline: 'Front line videos', slug: 'front-line-videos' });
    storyId = story.id;
    const post = (videoUrl: string, body: string, claimStatus: 'claimed' | 'unverified' | 'verified') =>
      t.liveBlog.publishUpdate(storyId, { body, videoUrl, claimStatus }, 'Desk');
    await post(
      'https://x.com/someone/status/1790000000000000000',
      'Post on X about the strike.',
      'unverified',
    );
    await post('https://t.me/frontline/4521', 'Telegram channel post.', 'claimed');
    await post('https://www.facebook.com/watch/?v=1234567890', 'Facebook video.', 'claimed');
    await post('https://www.tiktok.com/@user/video/7300000000000000000', 'TikTok clip.', 'unverified');
    await post('https://example.org/report', 'A plain link.', 'unverified');
    await post('https://www.youtube.com/watch?v=abcDEF12345', 'Video said to show the strike.', 'claimed');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('contacts no third party until a click, then plays YouTube in the page under the claim label', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1200 } });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    // Stand-in players: the request is what matters; nothing leaves this machine.
    await context.route(
      (url) => !url.href.startsWith(base),
      (route) =>
        PLAYERS.some((p) => route.request().url().startsWith(p))
          ? route.fulfill({
              contentType: 'text/html',
              body: '<!doctype html><title>player</title><p>stub player</p>',
            })
          : route.abort(),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/stories/front-line-videos`);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(base)),
      [],
      'nothing from a third party before a click',
    );

    // Link cards for platforms that do not play here: the original, in a new tab, nothing framed.
    // (Posts on X and Telegram are facades of their own: reader-posts.test.ts.)
    for (const [text, href] of [
      ['Facebook video', 'https://www.facebook.com/watch/?v=1234567890'],
      ['TikTok clip', 'https://www.tiktok.com/@user/video/7300000000000000000'],
      ['A plain link', 'https://example.org/report'],
    ] as const) {
      const card = page.locator('article.update', { hasText: text }).locator('.media-card');
      assert.equal(await card.locator('a').getAttribute('href'), href);
      assert.equal(await card.locator('a').getAttribute('target'), '_blank');
      assert.equal(await card.getAttribute('data-embed-src'), null, `${text} is not played in the page`);
    }
    const tiktok = page.locator('article.update', { hasText: 'TikTok clip' }).locator('.media-claim');
    assert.equal(await tiktok.innerText().then((s) => s.toLowerCase()), 'unverified video — unverified');

    const facade = page
      .locator('article.update', { hasText: 'Video said to show the strike' })
      .locator('.media-card');
    assert.match(await facade.innerText(), /Claimed video — claimed, not verified/i);
    assert.equal(await facade.locator('iframe').count(), 0);
    await facade.getByRole('link').click();
    const frame = facade.locator('iframe');
    await frame.waitFor();
    assert.equal(
      await frame.getAttribute('src'),
      'https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1&rel=0',
    );
    assert.match(
      String(await frame.getAttribute('title')),
      /Claimed video — claimed, not verified \(YouTube\)/,
    );
    // The label stays with the playing video, and the stub player really loaded (the CSP allows it).
    assert.match(
      await facade.locator('figcaption.media-claim').innerText(),
      /Claimed video — claimed, not verified/i,
    );
    await page.frameLocator('.media-embed iframe').getByText('stub player').waitFor();
    assert.equal(page.url(), `${base}/stories/front-line-videos`, 'the reader stayed on the page');
    const outside = requests.filter((url) => !url.startsWith(base));
    assert.ok(outside.length > 0);
    assert.ok(
      outside.every((url) => url.startsWith('https://www.youtube-nocookie.com/embed/abcDEF12345')),
      outside.join('\n'),
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('plays a Vimeo video that arrived live, labelled with its claim', async () => {
    const context = await browser.newContext();
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await context.route(
      (url) => !url.href.startsWith(base),
      (route) =>
        PLAYERS.some((p) => route.request().url().startsWith(p))
          ? route.fulfill({ contentType: 'text/html', body: '<p>stub player</p>' })
          : route.abort(),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}/stories/front-line-videos`);
    await page.locator('article.update').first().waitFor();
    await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Drone footage, geolocated.', videoUrl: 'https://vimeo.com/76979871', claimStatus: 'verified' },
      'Desk',
    );
    const facade = page.locator('article.update', { hasText: 'Drone footage' }).locator('.media-card');
    await facade.waitFor();
    assert.match(await facade.innerText(), /Verified video — verified/i);
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(base)),
      [],
    );
    await facade.getByRole('link').click();
    await facade.locator('iframe[src="https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"]').waitFor();
    assert.match(await facade.locator('figcaption').innerText(), /Verified video — verified/i);
    await context.close();
  });
});
