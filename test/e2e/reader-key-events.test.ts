/**
 * Key events on the reader's story page, in Chromium: "Key events only" shows just those updates, is
 * kept in the URL (so the filtered page can be shared) and holds under live pushes; on wide screens the
 * key events are a column beside the updates, on a phone they sit in the page's flow above them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('key events on the reader page', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  const path = '/stories/coastal-road';
  const keyIds: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const story = await t.liveBlog.createStory({ headline: 'Coastal road', slug: 'coastal-road' });
    storyId = story.id;
    for (let i = 1; i <= 8; i++) {
      const keyEvent = i === 2 || i === 6;
      const update = await t.liveBlog.publishUpdate(
        storyId,
        {
          headline: keyEvent ? `Key development ${i}` : null,
          body: `Routine report ${i} from the coastal road.`,
          claimStatus: 'claimed',
          keyEvent,
        },
        'Desk',
      );
      if (keyEvent) keyIds.push(update.id);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (width: number, query = ''): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}${path}${query}`);
    return page;
  };
  const shownIds = (page: Page) =>
    page.$$eval('[data-update-list] > article, [data-pinned-list] > article', (els) =>
      els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.id),
    );

  it('filters to key events, keeps the filter in the URL and holds it under live pushes (1280 px)', async () => {
    const page = await open(1280);
    assert.equal((await shownIds(page)).length, 8);
    await page.getByRole('link', { name: 'Key events only' }).click();
    await page.waitForURL(`${base}${path}?filter=key-events`);
    assert.equal(
      await page.getByRole('link', { name: 'Key events only' }).getAttribute('aria-current'),
      'page',
    );
    assert.deepEqual(
      await shownIds(page),
      [...keyIds].reverse().map((id) => `update-${id}`),
    );

    // Any other filter is refused, not silently ignored.
    assert.equal((await fetch(`${base}${path}?filter=everything`)).status, 400);

    // Someone opening the shared address sees the same.
    const shared = await open(1280, '?filter=key-events');
    assert.deepEqual(await shownIds(shared), await shownIds(page));
    await shared.context().close();

    // Live: a routine update stays off the filtered page; the key event published after it arrives.
    const routine = await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Routine report 9: traffic is light.', claimStatus: 'claimed' },
      'Desk',
    );
    const key = await t.liveBlog.publishUpdate(
      storyId,
      { headline: 'Road closed', body: 'The road is closed at the checkpoint.', keyEvent: true },
      'Desk',
    );
    await page.locator(`#update-${key.id}`).waitFor();
    assert.equal(await page.locator(`#update-${routine.id}`).count(), 0, 'the routine update stays hidden');
    await page.locator('[data-key-events] li', { hasText: 'Road closed' }).waitFor();

    // An update that stops being a key event leaves the filtered page; one that becomes one joins it.
    await t.liveBlog.editUpdate(key.id, key.version, { keyEvent: false }, 'Desk');
    await page.locator(`#update-${key.id}`).waitFor({ state: 'detached' });
    await t.liveBlog.editUpdate(routine.id, routine.version, { keyEvent: true }, 'Desk');
    await page.locator(`#update-${routine.id}`).waitFor();

    await page.getByRole('link', { name: 'All updates' }).click();
    await page.waitForURL(`${base}${path}`);
    // The unfiltered page may come from the browser's cache (max-age=5) as first loaded, with 8
    // updates; the live stream then brings the 2 published since. All 10 must be shown.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-update-list] > article')].filter(
          (el) => (el as HTMLElement).offsetParent !== null,
        ).length === 10,
    );
    assert.equal((await shownIds(page)).length, 10);
    await page.context().close();
  });

  it('shows the key events as a column beside the updates on a wide screen', async () => {
    const page = await open(1280);
    const column = page.locator('nav.key-events');
    const updates = page.locator('section.updates');
    const [nav, list] = [await column.boundingBox(), await updates.boundingBox()];
    assert.ok(nav && list);
    assert.ok(nav.x + nav.width <= list.x, 'the key events are left of the updates');
    assert.ok(nav.y < list.y + list.height && list.y < nav.y + nav.height, 'side by side, not stacked');
    // It follows the reader down the page, and its entries jump to the update.
    await page.mouse.wheel(0, 1500);
    await page.waitForFunction(() => window.scrollY > 1000);
    const moved = await column.boundingBox();
    assert.ok(moved && moved.y >= 0 && moved.y < 900, 'still on screen after scrolling');
    await column.getByRole('link', { name: /Key development 2/ }).click();
    await page.waitForURL(`${base}${path}#update-${keyIds[0]}`);
    assert.ok(await page.locator(`#update-${keyIds[0]}`).isVisible());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.context().close();
  });

  it('keeps the key events in the page flow above the updates on a 375 px phone', async () => {
    const page = await open(375);
    const [nav, list] = [
      await page.locator('nav.key-events').boundingBox(),
      await page.locator('section.updates').boundingBox(),
    ];
    assert.ok(nav && list);
    assert.ok(nav.y + nav.height <= list.y, 'the key events come before the updates');
    assert.ok(Math.abs(nav.x - list.x) < 1 && Math.abs(nav.width - list.width) < 1, 'full width, in flow');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    // The filter from the keyboard.
    await page.getByRole('link', { name: 'Key events only' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}${path}?filter=key-events`);
    const shown = await shownIds(page);
    assert.ok(shown.length > 0);
    for (const id of shown) assert.ok(await page.locator(`#${id}`).evaluate((el) => el.matches('.is-key')));
    await page.context().close();
  });
});
