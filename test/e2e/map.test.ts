/**
 * The map in a real Chromium: a newly published update that names a place appears as a marker without a
 * reload (and a deleted one goes), zoom changes the view, and nothing on the page is fetched from another origin.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('map in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a new located update live and drops a deleted one, zooms, and loads nothing from another origin', async () => {
    const story = await t.liveBlog.createStory({ headline: 'Ukraine, 12 May' });
    const first = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'Russian forces shelled Kharkiv.' },
      'Desk',
    );
    await t.enrichment.idle();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(`${base}/map`);
    await page.locator(`.map-marker[data-update-id="${first.id}"]`).waitFor();
    await page.locator('.map-controls').waitFor();

    const update = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'A drone strike hit Odesa port overnight, the governor said.', claimStatus: 'claimed' },
      'Desk',
    );
    const marker = page.locator(`.map-marker[data-update-id="${update.id}"]`);
    // Odesa is outside the view fitted to Kharkiv: there, but not drawn until the reader looks there.
    await marker.waitFor({ state: 'attached' });
    assert.match((await marker.getAttribute('class'))!, /^map-marker claim-claimed\b/);
    await page.locator(`.map-list li[data-update-id="${update.id}"]`).waitFor();
    assert.equal(await page.locator('.map-list-title').textContent(), '2 located updates');

    // Deleted in the newsroom: gone from the open map and its list, still without a reload.
    await t.liveBlog.deleteUpdate(first.id, 'Desk');
    await page.locator(`.map-marker[data-update-id="${first.id}"]`).waitFor({ state: 'detached' });
    await page.locator(`.map-list li[data-update-id="${first.id}"]`).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.map-list-title').textContent(), '1 located update');

    const before = await page.locator('svg.map-svg').getAttribute('viewBox');
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    const zoomed = await page.locator('svg.map-svg').getAttribute('viewBox');
    assert.notEqual(zoomed, before);
    const width = (box: string | null) => Number(box!.split(' ')[2]);
    assert.ok(Math.abs(width(zoomed) - width(before) / 2) < 0.01, 'twice as close: half the width in view');

    // Fitting again takes in the marker pushed since: Odesa, now the only one.
    await page.getByRole('button', { name: 'Fit the map to the updates' }).click();
    assert.notEqual(await page.locator('svg.map-svg').getAttribute('viewBox'), before);
    await marker.waitFor();
    await marker.locator('a').click();
    await page.waitForURL(/\/updates\//);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, [], 'no tile server or other third party');
    await context.close();
  });
});
