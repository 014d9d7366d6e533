/**
 * A full reader story page as a desk publishes it (key events, an uploaded photo with caption, a post
 * on X behind a facade, a Telegram link in the text, another live page in the rail), in Chromium at
 * 1280 and 375 px: it fits the screen, shows the key events beside or above the updates, and contacts
 * no third party. Set DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/reader-story-*.png.
 * The places and events are fictional, like the sample content.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

describe('the reader story page at phone and desktop widths', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let path: string;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Port Amsel Desk', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.createStory({
      desk: desk.slug,
      headline: 'Ferries return to Port Amsel as the harbour reopens',
      standfirst: 'Two berths cleared overnight; the first crossing since the blockade left at dawn.',
    });
    path = `/${desk.slug}/${story.slug}`;

    const image = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#5d7386' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="1600" height="1000"><rect y="640" width="1600" height="360" fill="#2f3b45"/><rect x="420" y="520" width="640" height="140" fill="#d8d2c4"/><rect x="560" y="430" width="220" height="90" fill="#b9b2a3"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'ferry.jpg');
    form.append('alt', 'A white ferry at a quay under a grey sky');
    form.append('caption', 'The first ferry at berth two (an image made for the tests)');
    form.append('credit', 'Dateline desk');
    const uploaded = await fetch(`${base}/api/v1/media`, {
      method: 'POST',
      body: form,
      headers: t.auth(t.editorToken),
    });
    assert.equal(uploaded.status, 201);
    const media = (await uploaded.json()) as { id: string };

    const publish = async (payload: Record<string, unknown>) => {
      const res = await fetch(`${base}/api/v1/stories/${story.id}/updates`, {
        method: 'POST',
        headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      assert.equal(res.status, 201, await res.text());
    };
    await publish({
      headline: 'Harbour master: two berths cleared',
      body: 'The harbour master says divers cleared berths one and two overnight and the channel is marked.',
      claimStatus: 'verified',
      claimNote: 'Confirmed by the port authority by phone.',
      keyEvent: true,
    });
    await publish({
      body: 'Queues of foot passengers at the terminal since before six, our correspondent says.',
      claimStatus: 'verified',
      claimNote: 'Seen by our correspondent.',
    });
    await publish({
      headline: 'First ferry leaves for the islands',
      body: 'The first ferry since the blockade left berth two at 07:40 with about 300 passengers.',
      claimStatus: 'verified',
      claimNote: 'Seen by our correspondent at the quay.',
      keyEvent: true,
      mediaId: media.id,
    });
    await publish({
      body: 'A video posted on X is said to show the ferry passing the breakwater.',
      claimStatus: 'claimed',
      claimNote: 'Posted by a local account; not yet geolocated.',
      videoUrl: 'https://x.com/amsel_local/status/1790000000000000000',
    });
    await publish({
      body: 'The islands’ council [says on its channel](https://t.me/islands_council/812) that a second crossing is planned for the afternoon.',
      claimStatus: 'claimed',
      keyEvent: true,
      headline: 'Second crossing planned',
    });

    // Another live page, so the LATEST rail has something to show.
    const other = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Power cuts across the north' });
    await t.liveBlog.publishUpdate(
      other.id,
      {
        body: 'Rolling power cuts of four hours announced for the northern districts.',
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

  for (const width of [1280, 375]) {
    it(`shows key events, the photo and a post facade at ${width} px, asking nothing of a third party`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      // Every photo loaded (the screenshot must show it), so lazy ones are brought into view first.
      await page.locator('.update-photo img').scrollIntoViewIfNeeded();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0),
      );
      await page.evaluate(() => window.scrollTo(0, 0));

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      const keys = await page.locator('nav.key-events li').allInnerTexts();
      assert.equal(keys.length, 3);
      const [nav, updates] = [
        await page.locator('nav.key-events').boundingBox(),
        await page.locator('section.updates').boundingBox(),
      ];
      assert.ok(nav && updates);
      if (width >= 1100) assert.ok(nav.x + nav.width <= updates.x, 'a column beside the updates');
      else assert.ok(nav.y + nav.height <= updates.y, 'above the updates');
      assert.match(
        await page.locator('.media-embed[data-embed-kind="post"]').first().innerText(),
        /Claimed post — claimed, not verified/i,
      );
      assert.equal(await page.locator('.media-embed[data-embed-kind="post"]').count(), 2);
      assert.match(
        await page.locator('.update-photo figcaption').innerText(),
        /The first ferry at berth two/,
      );
      assert.ok(await page.getByRole('button', { name: 'Copy link' }).first().isVisible());
      assert.deepEqual(
        requests.filter((url) => !url.startsWith(`${base}/`)),
        [],
        'the page contacted no third party',
      );
      assert.deepEqual(errors, []);
      if (process.env['DATELINE_SCREENSHOTS'] === '1') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: new URL(`reader-story-${width}.png`, SCREENSHOTS).pathname,
          fullPage: true,
        });
      }
      await context.close();
    });
  }
});
