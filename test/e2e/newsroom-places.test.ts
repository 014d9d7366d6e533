/**
 * The newsroom's place pages in Chromium: an editor finds a village enrichment could only place at
 * its region's centre, pins it by clicking the map, and a colleague renames it from their own open
 * page; the next update naming the village lands on the pin under the new name. Set
 * DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'editor passphrase 2026';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';

describe('pinning and renaming places in the newsroom (Chromium)', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any');
    storyId = story?.id ?? '';
    for (const [email, name] of [
      ['olena@example.org', 'Olena Editor'],
      ['taras@example.org', 'Taras Editor'],
    ] as const)
      await t.accounts.addUser({ email, name, role: 'editor', password: PASSWORD });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    assert.deepEqual(errors, [], 'no script errors on any page');
  });

  async function signIn(email: string, viewport = { width: 1280, height: 1000 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return page;
  }

  const placesOf = async (updateId: string) =>
    (await t.store.enrichments.get(updateId))?.enrichment.places ?? [];

  it('pins a village by a click on the map; a colleague renames it; the next update uses both', async () => {
    const first = await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Shelling hit the village of Zorianka, Zaporizhzhia region, overnight.' },
      'Desk',
    );
    await t.enrichment.idle();
    assert.equal((await placesOf(first.id)).find((p) => p.matched === 'Zorianka')?.precision, 'approximate');

    // Olena comes from the update's suggestions in the story editor.
    const olena = await signIn('olena@example.org');
    await olena.goto(`${base}/newsroom/stories/${storyId}`);
    const panel = olena
      .locator('.nr-stream article', { hasText: 'village of Zorianka' })
      .locator('.nr-enrich');
    await panel.locator('summary').click();
    await panel
      .locator('.nr-enrich-item[data-field="places"]', { hasText: 'Zorianka' })
      .getByRole('link', { name: 'Pin on map…' })
      .click();
    await olena.getByRole('heading', { name: 'Zorianka', level: 1 }).waitFor();
    // Taras comes from the list of places to pin, and has the page open before the pin.
    const taras = await signIn('taras@example.org');
    await taras.goto(`${base}/newsroom/places`);
    if (shoot)
      await taras.screenshot({ path: new URL('newsroom-places.png', SCREENSHOTS).pathname, fullPage: true });
    await taras.getByRole('link', { name: 'Zorianka' }).click();
    await taras.getByRole('heading', { name: 'Zorianka', level: 1 }).waitFor();

    // Click where 47.55 N, 35.90 E is on Olena's map.
    const map = olena.locator('#pin-map');
    const [west, north, east, south] = ((await map.getAttribute('data-bounds')) ?? '')
      .split(',')
      .map(Number) as [number, number, number, number];
    const box = await map.boundingBox();
    assert.ok(box);
    await map.click({
      position: {
        x: ((35.9 - west) / (east - west)) * box.width,
        y: ((north - 47.55) / (north - south)) * box.height,
      },
    });
    const lat = Number(await olena.getByLabel('Latitude').inputValue());
    const lon = Number(await olena.getByLabel('Longitude').inputValue());
    assert.ok(Math.abs(lat - 47.55) < 0.02 && Math.abs(lon - 35.9) < 0.02, `${lat}, ${lon}`);
    if (shoot)
      await olena.screenshot({
        path: new URL('newsroom-place-pin.png', SCREENSHOTS).pathname,
        fullPage: true,
      });
    await olena.getByRole('button', { name: 'Save the pin' }).click();
    await olena.getByRole('status').filter({ hasText: 'Pinned.' }).waitFor();
    await olena.getByText(/A town or a point\./).waitFor();
    const pinned = (await placesOf(first.id)).find((p) => p.matched === 'Zorianka');
    assert.deepEqual([pinned?.precision, pinned?.lat, pinned?.lon], ['city', lat, lon]);

    // Taras renames it from his page, opened before the pin: the pin stays.
    await taras.getByLabel(/Name shown on place pages/).fill('Zorianka village');
    await taras.getByRole('button', { name: 'Rename' }).click();
    await taras.waitForURL(`${base}/newsroom/places/zorianka-village-ua?done=renamed`);
    await taras.getByRole('heading', { name: 'Zorianka village', level: 1 }).waitFor();
    assert.deepEqual(
      (await placesOf(first.id))
        .map((p) => [p.name, p.precision, p.lat, p.lon])
        .filter(([name]) => name !== 'Zaporizhzhia'),
      [['Zorianka village', 'city', lat, lon]],
    );

    const next = await t.liveBlog.publishUpdate(storyId, { body: 'Zorianka came under fire again.' }, 'Desk');
    await t.enrichment.idle();
    assert.deepEqual(
      (await placesOf(next.id)).map((p) => [p.name, p.matched, p.precision, p.lat, p.lon]),
      [['Zorianka village', 'Zorianka', 'city', lat, lon]],
    );
    // Bad coordinates typed without the map: the form says what is wrong and keeps what was typed.
    await taras.getByLabel('Latitude').fill('95');
    await taras.getByRole('button', { name: 'Save the pin' }).click();
    await taras.getByRole('alert').filter({ hasText: 'lat: must be between -90 and 90' }).waitFor();
    assert.equal(await taras.getByLabel('Latitude').inputValue(), '95');
  });

  it('fits a phone', async () => {
    const phone = await signIn('olena@example.org', { width: 375, height: 800 });
    await phone.goto(`${base}/newsroom/places`);
    await phone.getByRole('heading', { name: 'Places to pin' }).waitFor();
    // Pinned, the village has left the list.
    await phone.getByText('None: every place in recent updates is on the map.').waitFor();
    if (shoot)
      await phone.screenshot({
        path: new URL('newsroom-places-375.png', SCREENSHOTS).pathname,
        fullPage: true,
      });
    await phone.goto(`${base}/newsroom/places/zorianka-village-ua`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    if (shoot)
      await phone.screenshot({
        path: new URL('newsroom-place-pin-375.png', SCREENSHOTS).pathname,
        fullPage: true,
      });
  });
});
