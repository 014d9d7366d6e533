/**
 * The desks page in Chromium: an admin creates a desk in Kyiv time, a mistyped time zone is refused
 * with the reason next to the form (what was typed kept), the desk is renamed and archived, and it
 * leaves the front page while its page stays readable. It fits 375 px without sideways scrolling.
 * Set DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const PASSWORD = 'newsroom passphrase 2026';

describe('desks page in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus', description: 'Syria' });
    await t.accounts.addUser({
      email: 'admin@example.org',
      name: 'Ana Admin',
      role: 'admin',
      password: PASSWORD,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill('admin@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return { context, page };
  }

  it('creates, renames and archives a desk; archived desks leave the front page', async () => {
    const { context, page } = await signIn(1280);
    await page.goto(`${base}/newsroom/admin/desks`);
    const create = page.locator('section', { has: page.getByRole('heading', { name: 'New desk' }) });
    await create.getByLabel('Name').fill('Ukraine Live');
    await create.getByLabel('Time zone').fill('Kyiv');
    await create.getByRole('button', { name: 'Create desk' }).click();
    await create.getByRole('alert').filter({ hasText: '"Kyiv" is not an IANA time zone' }).waitFor();
    assert.equal(await create.getByLabel('Name').inputValue(), 'Ukraine Live', 'what was typed is kept');

    await create.getByLabel('Time zone').fill('Europe/Kyiv');
    await create.getByRole('button', { name: 'Create desk' }).click();
    await page.getByRole('status').filter({ hasText: 'Created Ukraine Live at /ukraine-live.' }).waitFor();

    const syria = page.locator('section[data-desk="syria-daily"]');
    await syria.getByLabel('Name').fill('Syria Live');
    await syria.getByLabel('Description').fill('The war and the transition');
    await syria.getByRole('button', { name: 'Save Syria Daily' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Syria Live.' }).waitFor();

    await page
      .locator('section[data-desk="syria-daily"]')
      .getByRole('button', { name: 'Archive Syria Live' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Archived Syria Live' }).waitFor();
    await page.getByRole('heading', { name: 'Syria Live Archived' }).waitFor();

    const stored = await t.store.desks.getBySlug('syria-daily');
    assert.equal(stored?.name, 'Syria Live');
    assert.equal(stored?.description, 'The war and the transition');
    assert.notEqual(stored?.archivedAt, null);
    assert.equal((await t.store.desks.getBySlug('ukraine-live'))?.timezone, 'Europe/Kyiv');

    await page.goto(`${base}/`);
    const desks = page.locator('nav.desks');
    await desks.getByRole('link', { name: 'Ukraine Live' }).waitFor();
    assert.equal(await desks.getByRole('link', { name: 'Syria Live' }).count(), 0);
    const archived = await page.goto(`${base}/syria-daily`);
    assert.equal(archived?.status(), 200, 'an archived desk’s page stays readable');
    await context.close();
  });

  for (const width of [375, 1280]) {
    it(`fits a ${width} px wide screen`, async () => {
      const { context, page } = await signIn(width);
      await page.goto(`${base}/newsroom/admin/desks`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      if (process.env['DATELINE_SCREENSHOTS'] === '1') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: new URL(`admin-desks-${width}.png`, SCREENSHOTS).pathname,
          fullPage: true,
        });
      }
      await context.close();
    });
  }
});
