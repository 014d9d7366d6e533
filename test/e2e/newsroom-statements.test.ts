/**
 * Reused wording in the newsroom, in Chromium: an editor pastes a readout into the update composer and
 * is told which statement in the library it reuses, with its score, a comparison of the draft with it,
 * and a box to cite it; the published update then links the statement on the reader's page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { CALL_ESTMARK, CALL_NORLAND, MINISTRY_CEASEFIRE } from '../statements/readouts.ts';

const PASSWORD = 'newsroom passphrase 2026';

describe('reused wording in the newsroom composer, in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let norlandId = '';
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    await t.liveBlog.createDesk({ name: 'Valdoria Daily', timezone: 'UTC' });
    await t.accounts.addUser({
      email: 'editor@example.org',
      name: 'Ana Editor',
      role: 'editor',
      password: PASSWORD,
    });
    norlandId = (
      await t.statements.add({
        issuer: 'Presidency of Valdoria',
        title: 'Telephone conversation with the President of Norland',
        publishedAt: '2026-03-12T16:05:00Z',
        text: CALL_NORLAND,
      })
    ).id;
    await t.statements.add({
      issuer: 'Ministry of Foreign Affairs of Elbonia',
      title: 'On the ceasefire',
      publishedAt: '2026-03-16T09:00:00Z',
      text: MINISTRY_CEASEFIRE,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('names the statement a pasted readout reuses, compares the draft with it, and cites it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill('editor@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    await page.getByRole('button', { name: /Open today’s page/ }).click();
    await page.waitForURL(/\/newsroom\/stories\//);

    const body = page.locator('#compose-form textarea[name="body"]');
    // A few words are not a readout: no hint.
    await body.fill('Readout just in from the presidency.');
    await body.fill(`Readout from the presidency:\n\n${CALL_ESTMARK}`);
    const hint = page.locator('.nr-hint');
    await hint.waitFor();
    assert.equal(await hint.count(), 1, 'the unrelated ministry statement is not suggested');
    assert.match(
      await hint.innerText(),
      /^This reuses the wording of Telephone conversation with the President of Norland, Presidency of Valdoria, 12 March 2026 \(0\.\d\d\)\./,
    );
    assert.equal(await hint.getByRole('link').getAttribute('href'), `/statements/${norlandId}`);

    // The comparison of the unsaved draft with the statement opens in a new tab.
    const [comparison] = await Promise.all([
      context.waitForEvent('page'),
      hint.getByRole('button', { name: 'Compare with your draft' }).click(),
    ]);
    await comparison.waitForLoadState();
    await comparison.getByRole('heading', { name: 'What changed between 2 statements' }).waitFor();
    // The slot where the draft differs: the statement's counterpart, then the draft's.
    assert.match(
      await comparison.locator('.template').innerText(),
      /Norland Henrik Aasveen[\s\S]*Estmark Lotte Brauner\]/,
    );
    await comparison.close();

    await hint.getByLabel('Cite this statement in the update').check();
    await body.press('Control+Enter');
    await page.locator('.nr-compose .nr-status', { hasText: 'Published.' }).waitFor();
    // The form is cleared for the next update, hint and all.
    assert.equal(await page.locator('.nr-hint').count(), 0);

    const storyId = page.url().split('/').at(-1) ?? '';
    const updates = await t.store.updates.listByStory(storyId, { limit: 5 });
    const cited = await t.store.statements.citationsOf(updates.items.map((u) => u.id));
    assert.deepEqual(
      [...cited.values()].map((list) => list.map((s) => s.id)),
      [[norlandId]],
    );

    const story = await t.store.stories.getById(storyId);
    const reader = await context.newPage();
    await reader.goto(`${base}/valdoria-daily/${story?.slug}`);
    const article = reader.locator('article.update', { hasText: 'Readout from the presidency' });
    await article.getByRole('link', { name: 'Telephone conversation with the President of Norland' }).click();
    await reader.waitForURL(`${base}/statements/${norlandId}`);
    await reader
      .getByRole('heading', { level: 1, name: 'Telephone conversation with the President of Norland' })
      .waitFor();

    // Editing the update shows what it cites, ticked; unticking it and saving removes the citation.
    await page
      .locator('.nr-stream article', { hasText: 'Readout from the presidency' })
      .getByRole('button', { name: 'Edit' })
      .click();
    const citedBox = `.nr-hint[data-statement-id="${norlandId}"] input[data-cite]`;
    await page.waitForFunction(
      (selector) => document.querySelector<HTMLInputElement>(selector)?.checked === true,
      citedBox,
    );
    await page.locator(citedBox).uncheck();
    await body.press('Control+Enter');
    await page.locator('.nr-compose .nr-status', { hasText: 'Saved.' }).waitFor();
    const after = await t.store.statements.citationsOf(updates.items.map((u) => u.id));
    assert.equal(after.size, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('has an accessible statements library page (axe-core finds no violation)', async () => {
    const context = await browser.newContext();
    const found: string[] = [];
    for (const path of [
      '/statements',
      `/statements?issuer=${encodeURIComponent('Presidency of Valdoria')}`,
    ]) {
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      assert.ok(results.passes.length > 20, `axe ran its rules on ${path}`);
      for (const violation of results.violations)
        found.push(
          `${path}: ${violation.id} – ${violation.help}: ${violation.nodes.map((n) => n.target.join(' ')).join('; ')}`,
        );
      await page.close();
    }
    await context.close();
    assert.deepEqual(found, []);
  });
});
