/**
 * The share button of each update on the reader page, in Chromium: "Copy link" copies the update's
 * permalink and says so, also on an update that arrived live and from the keyboard; where the browser
 * has a share sheet, the button opens it with that permalink instead.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('sharing an update from the reader page', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  const path = '/stories/bridge-crossing';

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const story = await t.liveBlog.createStory({ headline: 'Bridge crossing', slug: 'bridge-crossing' });
    storyId = story.id;
    for (const body of ['Queues at the bridge since dawn.', 'The bridge reopened to lorries at noon.'])
      await t.liveBlog.publishUpdate(storyId, { body, claimStatus: 'claimed' }, 'Desk');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const openWithClipboard = async (): Promise<Page> => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}${path}`);
    return page;
  };
  const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

  it('copies the permalink of an update, says so, and the link opens that update', async () => {
    const page = await openWithClipboard();
    const article = page.locator('article.update', { hasText: 'Queues at the bridge' });
    const id = String(await article.getAttribute('data-update-id'));
    await article.getByRole('button', { name: 'Copy link' }).click();
    await article.getByRole('status').getByText('Link copied').waitFor();
    const copied = await clipboard(page);
    assert.equal(copied, `${base}${path}/updates/${id}`);

    const opened = await page.context().newPage();
    const response = await opened.goto(copied);
    assert.equal(response?.status(), 200);
    const shown = opened.locator(`#update-${id}`);
    assert.match(await shown.innerText(), /Queues at the bridge since dawn/);
    assert.equal(await opened.locator('article.update').count(), 1, 'the permalink shows that update alone');
    await page.context().close();
  });

  it('copies the link of an update pushed live, from the keyboard', async () => {
    const page = await openWithClipboard();
    await page.locator('article.update').first().waitFor();
    const update = await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Ferry service suspended for the night.', claimStatus: 'unverified' },
      'Desk',
    );
    const article = page.locator(`#update-${update.id}`);
    await article.waitFor();
    // From the update's time link, the next Tab reaches its share button; Enter presses it.
    await article.locator('a.update-time').focus();
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('article')?.id ?? null),
      `update-${update.id}`,
    );
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).innerText), 'Copy link');
    await page.keyboard.press('Enter');
    await article.getByRole('status').getByText('Link copied').waitFor();
    assert.equal(await clipboard(page), `${base}${path}/updates/${update.id}`);
    await page.context().close();
  });

  it('opens the share sheet with the permalink where the browser has one', async () => {
    const context = await browser.newContext();
    // Headless Chromium on Linux has no share sheet; this stands in for one and records what it was given.
    // A string, not a function: the test runner's transform would wrap a function in helpers the page lacks.
    await context.addInitScript({
      content: `window.shared = [];
        Object.defineProperty(navigator, 'share', {
          value: (data) => { window.shared.push(data); return Promise.resolve(); },
        });`,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}${path}`);
    const article = page.locator('article.update', { hasText: 'bridge reopened' });
    const id = String(await article.getAttribute('data-update-id'));
    assert.equal(await article.getByRole('button', { name: 'Copy link' }).count(), 0);
    await article.getByRole('button', { name: 'Share' }).click();
    await page.waitForFunction(() => (window as unknown as { shared: unknown[] }).shared.length === 1);
    const shared = await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared[0]);
    assert.equal(shared?.url, `${base}${path}/updates/${id}`);
    await context.close();
  });

  it('shows no share button where the reader script does not run', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    assert.equal(await page.locator('article.update').count(), 3);
    assert.equal(await page.getByRole('button', { name: /Copy link|Share/ }).count(), 0);
    await context.close();
  });
});
