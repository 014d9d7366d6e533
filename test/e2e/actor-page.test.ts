/**
 * A person's page in Chromium: "Talked to" fits a phone and a desktop without sideways scrolling, and
 * a counterpart's link leads to its own page. Set DATELINE_SCREENSHOTS=1 to refresh
 * docs/screenshots/actor-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

describe("an actor's page, in Chromium", { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Diplomacy over Syria' });
    for (const [body, claimStatus] of [
      ["Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.", 'verified'],
      ["Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan.", 'claimed'],
    ] as const)
      await t.liveBlog.publishUpdate(story.id, { body, claimStatus }, 'Desk');
    await t.enrichment.idle();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const width of [375, 1280]) {
    it(`shows whom Putin talked to, fitting ${width} px, each counterpart a link to its page`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${base}/people/vladimir-putin`);
      const section = page.getByRole('region', { name: 'Talked to' });
      await section.waitFor();
      if (process.env['DATELINE_SCREENSHOTS'] === '1') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: new URL(`actor-${width}.png`, SCREENSHOTS).pathname, fullPage: true });
      }
      assert.equal(await section.locator('.talked-to-item').count(), 2);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
      await section.getByRole('link', { name: 'Hassan Rouhani', exact: true }).click();
      await page.waitForURL(/\/people\/hassan-rouhani$/);
      await page
        .getByRole('region', { name: 'Talked to' })
        .getByRole('link', { name: 'Vladimir Putin', exact: true })
        .waitFor();
      await context.close();
    });
  }
});
