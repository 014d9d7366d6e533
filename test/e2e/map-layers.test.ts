/**
 * Issue 16's "done when" for layers, in a real Chromium on a fresh server: an editor adds a force and
 * draws an area of control valid from 27 May by clicking the map; a reader moving the date slider
 * before and after 27 May sees it disappear and appear with its area in km². Screenshots of both pages
 * at 375 and 1280 px go to docs/screenshots/layers-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'layers editor passphrase';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
/** DATELINE_SCREENSHOTS=1 refreshes the pictures in docs/; a test run does not rewrite committed files. */
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';

describe('map layers in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    await t.accounts.addUser({
      email: 'maps@example.org',
      name: 'Rania Map',
      role: 'editor',
      password: PASSWORD,
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (viewport = { width: 1280, height: 1000 }): Promise<Page> => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // The first page draws the map's base and detail data; slow on a busy machine.
    page.setDefaultNavigationTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  };
  const signIn = async (viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await open(viewport);
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill('maps@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return page;
  };
  const sideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('an editor draws an area of control from 27 May; the reader’s slider shows it from that day', async () => {
    const editor = await signIn();
    await editor.goto(`${base}/newsroom/desks/syria-daily/layers`);
    await editor.getByLabel('New force').fill('Syrian government');
    await editor.getByRole('button', { name: 'Add force' }).click();
    await editor
      .locator('select[name="forceId"] option', { hasText: 'Syrian government' })
      .waitFor({ state: 'attached' });

    // Four clicks on the map, then the first point again to close the area.
    const map = editor.locator('#layer-map');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    for (const [fx, fy] of [
      [0.35, 0.35],
      [0.6, 0.35],
      [0.62, 0.6],
      [0.38, 0.62],
    ] as const) {
      const p = at(fx, fy);
      await editor.mouse.click(p.x, p.y);
    }
    await editor.getByText('4 points.').waitFor();
    const first = at(0.35, 0.35);
    await editor.mouse.click(first.x, first.y);
    await editor.getByText('4 points, area closed.').waitFor();
    // Dragging a point moves it (the area is still four points).
    const third = at(0.62, 0.6);
    await editor.mouse.move(third.x, third.y);
    await editor.mouse.down();
    await editor.mouse.move(third.x + 15, third.y + 10, { steps: 4 });
    await editor.mouse.up();
    await editor.getByText('4 points, area closed.').waitFor();

    await editor.getByLabel('Kind').selectOption('control');
    await editor.locator('select[name="forceId"]').selectOption({ label: 'Syrian government' });
    await editor.getByLabel('Valid from').fill('2026-05-27');
    await editor.getByLabel('Source').fill('Syria Daily correspondents; https://example.org/front');
    await editor.getByLabel('Claim status').selectOption('claimed');
    await editor.getByRole('button', { name: 'Save layer' }).click();
    await editor.waitForURL(/layers\?layer=.+&saved=1/);
    const revision = editor.locator('.layer-revisions li').first();
    assert.match(
      (await revision.textContent()) ?? '',
      // Saved when, on the desk's clock (Damascus has no abbreviation of its own).
      /Revision 1 by Rania Map, \d{1,2} \w+ \d{4} at \d{2}:\d{2} Damascus time: Area of control: Syrian government, from 27 May 2026, [\d,]+ km², 4 points · Claimed/s,
    );
    if (shoot)
      await editor.screenshot({
        path: new URL('layers-newsroom-1280.png', SCREENSHOTS).pathname,
        fullPage: true,
      });
    const phoneEditor = await signIn({ width: 375, height: 812 });
    await phoneEditor.goto(editor.url());
    assert.equal(await sideways(phoneEditor), 0, 'the drawing page fits 375 px');
    if (shoot)
      await phoneEditor.screenshot({
        path: new URL('layers-newsroom-375.png', SCREENSHOTS).pathname,
        fullPage: true,
      });

    for (const width of [1280, 375]) {
      const reader = await open({ width, height: width === 375 ? 812 : 1000 });
      // The map's live stream answers with its headers once the server has it (map-feed.ts attach).
      const live = reader.waitForResponse((response) => response.url().includes('/map/live'));
      await reader.goto(`${base}/map?desk=syria-daily&date=2026-05-27`);
      const slider = reader.getByRole('slider', { name: 'Day' });
      const legend = reader.locator('.layer-legend.layer-control:not([hidden])');
      const shape = reader.locator('path.map-layer.layer-control:not([display="none"])');
      assert.match(
        (await legend.textContent()) ?? '',
        /Area of control: Syrian government, from 27 May, [\d,]+ km²/,
      );
      assert.equal(await shape.count(), 1, 'drawn on 27 May');
      await slider.focus();
      await reader.keyboard.press('ArrowLeft');
      await reader.getByText('Ground as of 26 May 2026').waitFor();
      await legend.waitFor({ state: 'detached' });
      assert.equal(await shape.count(), 0, 'not drawn on 26 May');
      assert.match(reader.url(), /date=2026-05-26/);
      await reader.keyboard.press('ArrowRight');
      await reader.getByText('Ground as of 27 May 2026').waitFor();
      await legend.waitFor();
      assert.equal(await shape.count(), 1, 'drawn again from 27 May');
      assert.match((await shape.locator('title').textContent()) ?? '', /[\d,]+ km²/);
      if (width === 1280) {
        // A layer drawn meanwhile reaches the open map without a reload.
        await live;
        await t.mapLayers.createLayer(
          (await t.store.desks.getBySlug('syria-daily'))!,
          {
            kind: 'zone',
            zoneKind: 'de-escalation',
            label: 'Idlib',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [36.2, 35.6],
                  [36.9, 35.6],
                  [36.9, 36.3],
                  [36.2, 36.3],
                  [36.2, 35.6],
                ],
              ],
            },
            validFrom: '2026-05-04',
            source: 'Astana memorandum',
            claimStatus: 'verified',
          },
          'Rania Map',
        );
        await reader
          .locator('.layer-legend', { hasText: /De-escalation zone \(Idlib\), from 4 May, [\d,]+ km²/ })
          .waitFor();
        assert.equal(await reader.locator('path.map-layer:not([display="none"])').count(), 2, 'both drawn');
      }
      assert.equal(await sideways(reader), 0, `the map fits ${width} px`);
      if (shoot)
        await reader.screenshot({
          path: new URL(`layers-map-${width}.png`, SCREENSHOTS).pathname,
          fullPage: true,
        });
    }
    assert.deepEqual(errors, [], 'no script errors');
  });
});
