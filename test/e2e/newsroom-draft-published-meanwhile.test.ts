/**
 * Two editors on one held draft in Chromium: A keeps editing it while B publishes it from the Drafts
 * panel. A's next save must say plainly that the draft went out (and who published it), keep A's text
 * in the form, and change nothing on the published update; not a bare "version: is required".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'drafts passphrase 2026';

describe(
  'a draft published by a colleague while another edits it, in Chromium',
  { skip: CHROMIUM_SKIP },
  () => {
    let t: TestApp;
    let base: string;
    let browser: Browser;
    let storyId: string;
    const errors: string[] = [];

    before(async () => {
      t = await createTestApp();
      base = await t.listen();
      const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
      storyId = (await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any'))?.id ?? '';
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

    async function editor(email: string): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}/newsroom/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/newsroom`);
      await page.goto(`${base}/newsroom/stories/${storyId}`);
      await page.waitForLoadState('networkidle');
      return { context, page };
    }

    it('tells A the draft was published by B and keeps A’s words without touching the update', async () => {
      const a = await editor('olena@example.org');
      const b = await editor('taras@example.org');
      const aForm = a.page.locator('#compose-form');

      await aForm.getByLabel('Body (Markdown)').fill('Strike reported on a substation in Odesa.');
      await aForm.getByRole('button', { name: 'Save draft' }).click();
      await aForm.getByText('Draft saved; it is not published.').waitFor();
      const [draft] = await t.store.submissions.listDrafts(storyId);
      assert.ok(draft);

      // B publishes it from the Drafts panel.
      b.page.on('dialog', (dialog) => void dialog.accept());
      const item = b.page.locator('.nr-drafts-wrap li', { hasText: 'substation in Odesa' });
      await item.getByRole('button', { name: 'Publish' }).click();
      await b.page
        .locator('.nr-drafts-wrap li', { hasText: 'substation in Odesa' })
        .waitFor({ state: 'detached' });
      const published = await t.store.updates.getById(draft.id);
      assert.equal(published?.body, 'Strike reported on a substation in Odesa.');

      // A, still editing the draft, rewrites it and saves.
      const mine = 'Strike hit a substation in Odesa; power is out in two districts.';
      await aForm.getByLabel('Body (Markdown)').fill(mine);
      await aForm.getByRole('button', { name: 'Save draft' }).click();
      const refused = aForm.locator('.nr-status.nr-bad');
      await refused.waitFor();
      assert.match(await refused.innerText(), /Taras Editor published this draft/);
      assert.equal(
        await aForm.getByLabel('Body (Markdown)').inputValue(),
        mine,
        'A’s words stay in the form',
      );
      const after = await t.store.updates.getById(draft.id);
      assert.equal(
        after?.body,
        'Strike reported on a substation in Odesa.',
        'the published update is untouched',
      );
      assert.equal(after?.version, published?.version);
      await a.context.close();
      await b.context.close();
    });
  },
);
