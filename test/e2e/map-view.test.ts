/**
 * The map as a conflict desk reads it, in Chromium: a Ukraine story's map opens on Ukraine (not the
 * world) with its regions and towns, markers too close to tell apart join a cluster with a count that
 * splits as the reader zooms in, the keyboard zooms and pans, and a desk with nothing located yet opens
 * on its own country. Set DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/map-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

// Ukraine in the map's coordinate space (the Natural Earth projection of the 960×500 world): about
// 22–40° E, 44–52.5° N.
const UKRAINE = { x0: 530, x1: 575, y0: 90, y1: 116 };

describe('the map of a story, in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Russia’s war in Ukraine' });
    storyId = story.id;
    const bodies: [string, 'verified' | 'claimed' | 'unverified' | 'disputed' | 'false'][] = [
      ['Russian missiles struck Kharkiv overnight, the governor said.', 'verified'],
      ['Shelling hit a residential district of Kharkiv in the afternoon.', 'claimed'],
      ['Drones attacked Kharkiv again after midnight, officials said.', 'unverified'],
      ['Air defence was active over Kyiv before dawn.', 'verified'],
      ['A drone strike hit Odesa port, the navy said.', 'claimed'],
      ['Russia says it captured a village near Pokrovsk; Ukraine denies it.', 'disputed'],
      ['Aid convoys reached Zaporizhzhia on Tuesday.', 'verified'],
      ['Protesters gathered in Lviv to demand the return of prisoners.', 'unverified'],
    ];
    for (const [body, claimStatus] of bodies)
      await t.liveBlog.publishUpdate(story.id, { body, claimStatus }, 'Desk');
    await t.enrichment.idle();
    await t.liveBlog.createDesk({ name: 'Sudan Desk', timezone: 'Africa/Khartoum' });
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const errors: string[] = [];
  const open = async (width: number, path: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    // The first map drawn loads its reference data (a few seconds on a loaded machine).
    await page.goto(`${base}${path}`, { timeout: 60_000 });
    await page.locator('.map-controls').waitFor();
    await drawn(page);
    return page;
  };
  /** Waits until the map has drawn its current view (clusters and labels are drawn in a frame). */
  const drawn = (page: Page) =>
    page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
    );
  /** Closes the page's context, the page having thrown no script error. */
  const close = async (page: Page) => {
    assert.deepEqual(errors, []);
    await page.context().close();
  };
  const viewBox = async (page: Page) => {
    const [x, y, w, h] = (await page.locator('svg.map-svg').getAttribute('viewBox'))!.split(' ').map(Number);
    return { x: x!, y: y!, w: w!, h: h! };
  };
  const visibleClusters = (page: Page) => page.locator('.map-cluster text').allTextContents();

  for (const width of [1280, 375]) {
    it(`opens a Ukraine story's map on Ukraine, with regions and towns, at ${width} px`, async () => {
      const page = await open(width, `/map?story=${storyId}`);
      if (process.env['DATELINE_SCREENSHOTS'] === '1') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: new URL(`map-${width}.png`, SCREENSHOTS).pathname, fullPage: true });
      }
      const view = await viewBox(page);
      // About Ukraine's size (Lviv to Kharkiv with a margin), centred in Ukraine.
      assert.ok(view.w > 30 && view.w < 80, `shows ${view.w} of the world's 960 units`);
      const [cx, cy] = [view.x + view.w / 2, view.y + view.h / 2];
      assert.ok(
        cx > UKRAINE.x0 && cx < UKRAINE.x1 && cy > UKRAINE.y0 && cy < UKRAINE.y1,
        JSON.stringify(view),
      );
      // Every marker is inside the view.
      for (const transform of await page
        .locator('.map-marker')
        .evaluateAll((els) => els.map((el) => el.getAttribute('transform') ?? ''))) {
        const [x, y] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(transform)!.slice(1).map(Number);
        assert.ok(x! > view.x && x! < view.x + view.w && y! > view.y && y! < view.y + view.h, transform);
      }
      await page.locator('.map-town.placed', { hasText: 'Kyiv' }).waitFor();
      assert.ok((await page.locator('.map-region.placed').count()) > 0, 'region names are shown');
      assert.equal(await page.locator('.map-list li').count(), 8, 'the list of located updates stays');
      await close(page);
    });
  }

  it('joins close markers into a cluster with a count, split again by zooming in', async () => {
    const page = await open(1280, `/map?story=${storyId}`);
    // The three Kharkiv updates share one place: one cluster of 3 however close the reader zooms.
    assert.deepEqual(await visibleClusters(page), ['3']);
    assert.equal(await page.locator('.map-marker:not(.clustered)').count(), 5);
    // Zoomed out to the world, places across Ukraine join: fewer, bigger clusters, still eight in all.
    await page.locator('.map-frame').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('-');
    await drawn(page);
    const shown = () =>
      page.evaluate(() => ({
        counts: [...document.querySelectorAll('.map-cluster text')].map((el) => Number(el.textContent)),
        singles: document.querySelectorAll('.map-marker:not(.clustered)').length,
      }));
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.map-cluster text')].some((el) => Number(el.textContent) > 3),
    );
    const far = await shown();
    assert.equal(far.counts.reduce((a, b) => a + b, 0) + far.singles, 8, JSON.stringify(far));
    // Activating the biggest cluster zooms in until it splits.
    const before = await viewBox(page);
    const biggest = Math.max(...far.counts);
    await page
      .locator('.map-cluster', { has: page.locator('text', { hasText: String(biggest) }) })
      .locator('a')
      .first()
      .click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.map-cluster, .map-marker:not(.clustered)').length > n,
      far.counts.length + far.singles,
    );
    const after = await viewBox(page);
    assert.ok(after.w <= before.w / 2 + 0.01, `${after.w} is at most half of ${before.w}`);
    const near = await shown();
    assert.equal(near.counts.reduce((a, b) => a + b, 0) + near.singles, 8, JSON.stringify(near));
    await close(page);
  });

  it('zooms with + and −, pans with the arrow keys and fits the updates again with 0', async () => {
    const page = await open(1280, `/map?story=${storyId}`);
    const fitted = await viewBox(page);
    await page.locator('.map-frame').focus();
    await page.keyboard.press('+');
    const closer = await viewBox(page);
    assert.ok(Math.abs(closer.w - fitted.w / 2) < 0.01, `${closer.w} is half of ${fitted.w}`);
    await page.keyboard.press('ArrowRight');
    assert.ok((await viewBox(page)).x > closer.x, 'the view moved east');
    await page.keyboard.press('0');
    const again = await viewBox(page);
    for (const key of ['x', 'y', 'w'] as const)
      assert.ok(
        Math.abs(again[key] - fitted[key]) < 0.05,
        `${JSON.stringify(again)} fits as ${JSON.stringify(fitted)}`,
      );
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    assert.ok((await viewBox(page)).w < fitted.w);
    await close(page);
  });

  it("opens a desk with nothing located yet on the desk's country", async () => {
    const page = await open(1280, '/map?desk=sudan-desk');
    const view = await viewBox(page);
    // Sudan, about 22–38° E (x 515–602), 9–22° N (y 180–225), whole and not much more.
    assert.ok(view.x < 516 && view.x + view.w > 601 && view.w < 120, JSON.stringify(view));
    assert.ok(view.y < 181 && view.y + view.h > 224, JSON.stringify(view));
    await page.locator('.map-town.placed', { hasText: 'Khartoum' }).waitFor();
    await close(page);
  });

  it('shows the same map in the embed partners frame', async () => {
    const page = await open(1280, `/map?story=${storyId}`);
    const full = await viewBox(page);
    await close(page);
    const response = await fetch(`${base}/embed/map?story=${storyId}`);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
    const embed = await open(640, `/embed/map?story=${storyId}`);
    // The same area as the full map (a narrow frame shows it taller, around the same centre).
    const framed = await viewBox(embed);
    assert.deepEqual([framed.x, framed.w], [full.x, full.w]);
    assert.ok(Math.abs(framed.y + framed.h / 2 - (full.y + full.h / 2)) < 0.01, JSON.stringify(framed));
    assert.deepEqual(await visibleClusters(embed), ['3']);
    assert.equal(await embed.locator('.map-list li').count(), 8);
    assert.equal(await embed.locator('.map-filters').count(), 0, 'no filters inside a partner page');
    await close(embed);
  });
});
