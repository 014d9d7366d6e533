/**
 * Held drafts and the whole-page preview in Chromium, as two editors of one desk use them: a draft
 * saved by one appears in the other's editor without a reload, is changed there, previewed as the
 * reader page, and published or deleted; readers never see it until it is published.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'drafts passphrase 2026';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';

describe('held drafts and the page preview in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  let readerPath: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const today = t.liveBlog.today(desk);
    const story = await t.liveBlog.openDaily(desk, today, 'any');
    storyId = story?.id ?? '';
    readerPath = `/ukraine-live/${today}`;
    await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Air raid alert lifted in Kyiv after two hours.', claimStatus: 'verified' },
      'Desk',
    );
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

  async function editor(email: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    await page.goto(`${base}/newsroom/stories/${storyId}`);
    // The queue's stream (which carries draft changes) is open once it has fetched the queue.
    await page.waitForLoadState('networkidle');
    return { context, page };
  }

  const drafts = (page: Page) => page.locator('.nr-drafts-wrap');

  it('shows one editor’s draft in the other’s editor live, and publishes it from there', async () => {
    const olena = await editor('olena@example.org');
    const taras = await editor('taras@example.org');
    await drafts(taras.page).getByText('No drafts').waitFor();

    const compose = olena.page.locator('#compose-form');
    await compose.getByLabel('Headline (optional)').fill('Ferry crossing hit in Kherson');
    await compose
      .getByLabel('Body (Markdown)')
      .fill('The ferry crossing near **Kherson** was hit overnight.');
    await compose.getByRole('button', { name: 'Save draft' }).click();
    await compose.getByText('Draft saved; it is not published.').waitFor();
    await olena.page.getByText('Editing a draft', { exact: false }).first().waitFor();

    // Taras's editor, open all along: the draft arrives without a reload.
    const item = drafts(taras.page).locator('li', { hasText: 'Ferry crossing hit in Kherson' });
    await item.waitFor();
    await drafts(taras.page).getByText('1 draft').waitFor();
    await item.getByText('by Olena Editor').waitFor();
    await item.locator('time').first().waitFor();
    assert.match(await item.innerText(), /(EET|EEST)/, 'saved time in the desk’s zone');

    // Readers see nothing of it.
    const reader = await browser.newPage();
    await reader.goto(`${base}${readerPath}`);
    assert.doesNotMatch(await reader.content(), /Ferry crossing/);

    // Taras changes it; Olena's list follows.
    await item.getByRole('button', { name: 'Edit' }).click();
    const hisForm = taras.page.locator('#compose-form');
    await taras.page.waitForFunction(() =>
      (document.querySelector('#compose-form [name="body"]') as HTMLTextAreaElement).value.includes(
        'Kherson',
      ),
    );
    await hisForm
      .getByLabel('Body (Markdown)')
      .fill('The ferry crossing near **Kherson** was hit overnight, officials said.');
    await hisForm.getByRole('button', { name: 'Save draft' }).click();
    await hisForm.getByText('Draft saved; it is not published.').waitFor();
    await drafts(olena.page).getByText('by Taras Editor').waitFor();

    if (shoot) {
      // The composer's actions and the drafts list, as Olena sees them after Taras saved.
      await olena.page.locator('.nr-drafts-panel').evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await olena.page.screenshot({ path: new URL('newsroom-drafts-1280.png', SCREENSHOTS).pathname });
    }

    // Published from Olena's list: it goes to readers with the time of now, and leaves both lists.
    await drafts(olena.page)
      .locator('li', { hasText: 'Ferry crossing hit in Kherson' })
      .getByRole('button', { name: 'Publish' })
      .click();
    await drafts(taras.page).getByText('No drafts').waitFor();
    await drafts(olena.page).getByText('No drafts').waitFor();
    await olena.page.locator('.nr-stream article', { hasText: 'officials said' }).waitFor();
    await reader.reload();
    await reader.locator('article.update', { hasText: 'officials said' }).waitFor();
    await reader.close();
    await olena.context.close();
    await taras.context.close();
  });

  it('deletes a draft for both editors, and the one editing it lets go of it', async () => {
    const olena = await editor('olena@example.org');
    const taras = await editor('taras@example.org');
    const compose = olena.page.locator('#compose-form');
    await compose
      .getByLabel('Body (Markdown)')
      .fill('Rumoured strike on a substation: hold until confirmed.');
    await compose.getByRole('button', { name: 'Save draft' }).click();
    const item = drafts(taras.page).locator('li', { hasText: 'Rumoured strike' });
    await item.getByRole('button', { name: 'Delete' }).click();
    await drafts(olena.page).getByText('No drafts').waitFor();
    assert.equal((await t.store.submissions.listDrafts(storyId)).length, 0);
    await olena.context.close();
    await taras.context.close();
  });

  it('previews the whole reader page with the new update on top, publishing nothing', async () => {
    const olena = await editor('olena@example.org');
    const compose = olena.page.locator('#compose-form');
    await compose.getByLabel('Headline (optional)').fill('Power restored in Kharkiv');
    await compose
      .getByLabel('Body (Markdown)')
      .fill('Power is back in most of **Kharkiv**, the regional governor says.');
    await compose.getByLabel('Key event').check();
    const [preview] = await Promise.all([
      olena.context.waitForEvent('page'),
      compose.getByRole('button', { name: 'Preview' }).click(),
    ]);
    preview.on('pageerror', (error) => errors.push(error.message));
    await preview.waitForLoadState();
    await preview.getByText('PREVIEW', { exact: true }).waitFor();
    assert.equal(await preview.locator('meta[name="robots"]').getAttribute('content'), 'noindex, follow');
    // The reader page's own layout: header, key events, and the update first in the list.
    await preview.getByRole('heading', { level: 1 }).waitFor();
    const first = preview.locator('.update-list article').first();
    assert.match(await first.innerText(), /Power is back in most of Kharkiv/);
    await preview.locator('.key-events', { hasText: 'Power restored in Kharkiv' }).waitFor();
    await preview.locator('article.update', { hasText: 'Air raid alert lifted' }).waitFor();
    const width = await preview.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1280, `no sideways scroll (${width})`);

    if (shoot) {
      await preview.screenshot({ path: new URL('newsroom-preview-1280.png', SCREENSHOTS).pathname });
      await preview.setViewportSize({ width: 375, height: 900 });
      await preview.reload({ waitUntil: 'load' }).catch(() => {});
    }
    // Nothing was published or held, and the form still has the update.
    const listed = await t.store.updates.listByStory(storyId, { limit: 100 });
    assert.ok(!listed.items.some((u) => u.body.includes('Power is back')));
    assert.equal((await t.store.submissions.listDrafts(storyId)).length, 0);
    assert.match(await compose.getByLabel('Body (Markdown)').inputValue(), /Power is back/);
    await olena.context.close();
  });

  it('fits a phone: the composer’s actions, the drafts list and the preview at 375 px', async () => {
    const olena = await editor('olena@example.org', 375);
    const compose = olena.page.locator('#compose-form');
    await compose.getByLabel('Headline (optional)').fill('Shelling reported in Nikopol');
    await compose
      .getByLabel('Body (Markdown)')
      .fill('Residents of **Nikopol** report shelling from across the reservoir.');
    await compose.getByRole('button', { name: 'Save draft' }).click();
    await drafts(olena.page).locator('li', { hasText: 'Shelling reported in Nikopol' }).waitFor();
    const overflow = await olena.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 375, `no sideways scroll on the editor (${overflow})`);
    for (const name of ['Publish', 'Save draft', 'Preview']) {
      const box = await compose.getByRole('button', { name, exact: true }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${name} is on screen`);
    }
    if (shoot) {
      await olena.page.locator('.nr-compose-actions').scrollIntoViewIfNeeded();
      await olena.page.screenshot({
        path: new URL('newsroom-drafts-375.png', SCREENSHOTS).pathname,
        clip: await clipOf(olena.page, '.nr-compose-actions', '.nr-drafts-panel'),
      });
    }
    const [preview] = await Promise.all([
      olena.context.waitForEvent('page'),
      compose.getByRole('button', { name: 'Preview' }).click(),
    ]);
    await preview.waitForLoadState();
    await preview.getByText('PREVIEW', { exact: true }).waitFor();
    const previewWidth = await preview.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(previewWidth <= 375, `no sideways scroll on the preview (${previewWidth})`);
    if (shoot) await preview.screenshot({ path: new URL('newsroom-preview-375.png', SCREENSHOTS).pathname });
    await olena.context.close();
  });
});

/** The page area from the top of `from` to the bottom of `to`, full width. */
async function clipOf(page: Page, from: string, to: string) {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  const width = page.viewportSize()?.width ?? 375;
  const y = Math.max(0, (a?.y ?? 0) - 200);
  return { x: 0, y, width, height: Math.max(100, (b ? b.y + b.height : y + 600) - y) };
}
