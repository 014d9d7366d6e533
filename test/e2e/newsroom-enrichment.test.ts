/**
 * Enrichment suggestions in the newsroom, in Chromium: an editor sees what was extracted from each
 * update appear beside it without reloading, adds a "new name?" as a person, rejects a place and
 * corrects an event type; the next update (published by a colleague) arrives live with those
 * corrections applied. Contributors get no suggestions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'newsroom passphrase 2026';

describe('newsroom enrichment suggestions in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.listen();
    await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
    for (const [email, name, role] of [
      ['editor@example.org', 'Rima Editor', 'editor'],
      ['stringer@example.org', 'Omar Stringer', 'contributor'],
    ] as const)
      await t.accounts.addUser({ email, name, role, password: PASSWORD });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return { context, page };
  }

  let editorUrl = '';
  let storyId = '';

  it('shows suggestions beside a new update live, and applies an editor’s corrections to the next one', async () => {
    const { page: editor } = await signIn('editor@example.org');
    await editor.getByRole('button', { name: /Open today’s page/ }).click();
    await editor.waitForURL(/\/newsroom\/stories\//);
    editorUrl = editor.url();
    storyId = editorUrl.split('/').at(-1) ?? '';

    await editor
      .locator('#compose-form textarea[name="body"]')
      .fill('Commander Abu Tira Kanu said RSF fighters shelled Tawila on Saturday.');
    await editor.locator('#compose-form textarea[name="body"]').press('Control+Enter');
    const article = editor.locator('.nr-stream article', { hasText: 'Abu Tira Kanu said' });
    await article.waitFor();
    // Enriched in the background and pushed to the page: no reload. The panel is a count until opened.
    const panel = article.locator('.nr-enrich');
    await panel.locator('summary', { hasText: /Suggestions: \d+ to review/ }).waitFor();
    await panel.locator('summary').click();
    await panel.locator('.nr-enrich-item[data-field="places"]', { hasText: 'Tawila' }).waitFor();
    await panel
      .locator('.nr-enrich-item[data-field="organizations"]', { hasText: 'Rapid Support Forces' })
      .waitFor();
    await panel.locator('.nr-enrich-item[data-field="dates"]', { hasText: 'on Saturday' }).waitFor();
    await panel.locator('.nr-enrich-item[data-field="events"]', { hasText: 'fight' }).waitFor();

    await panel.getByRole('button', { name: 'Add Abu Tira Kanu as a person' }).click();
    await panel.locator('.nr-enrich-item[data-field="people"]', { hasText: 'Abu Tira Kanu' }).waitFor();
    await panel.getByRole('button', { name: 'Reject Tawila' }).click();
    await panel.locator('.nr-enrich-status', { hasText: 'will not be suggested again' }).waitFor();
    assert.equal(await panel.locator('.nr-enrich-item[data-field="places"]').count(), 0);

    await panel.getByRole('button', { name: /Choose another event type/ }).click();
    await panel.getByLabel('Event type', { exact: true }).selectOption('statement');
    await panel.getByRole('button', { name: 'Use this type' }).click();
    await panel
      .locator('.nr-enrich-item[data-field="events"]', { hasText: 'Corrected by Rima Editor' })
      .waitFor();
    assert.match(await panel.locator('.nr-enrich-item[data-field="events"]').innerText(), /^statement/);

    await panel.getByRole('button', { name: 'Confirm Rapid Support Forces' }).click();
    await panel
      .locator('.nr-enrich-item[data-field="organizations"]', { hasText: 'Confirmed by Rima Editor' })
      .waitFor();

    // A colleague publishes through the API; the corrections apply to it, and it arrives live.
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'Kanu’s fighters were seen near Tawila. Abu Tira Kanu denied it.' },
    });
    assert.equal(response.statusCode, 201, response.body);
    const next = editor.locator('.nr-stream article', { hasText: 'denied it' }).locator('.nr-enrich');
    await next.locator('summary').click();
    await next.locator('.nr-enrich-item[data-field="people"]', { hasText: 'Abu Tira Kanu' }).waitFor();
    assert.equal(await next.locator('.nr-enrich-item[data-field="places"]').count(), 0);
    assert.equal(await next.locator('.nr-enrich-item[data-field="names"]', { hasText: 'Kanu' }).count(), 0);
    assert.deepEqual(errors, []);
  });

  it('lets an editor pick another gazetteer place for a spelling', async () => {
    const { page: editor } = await signIn('editor@example.org');
    await editor.goto(editorUrl);
    await editor.locator('#compose-form textarea[name="body"]').fill('Clashes were reported in Tripoli.');
    await editor.locator('#compose-form textarea[name="body"]').press('Control+Enter');
    const panel = editor
      .locator('.nr-stream article', { hasText: 'Clashes were reported' })
      .locator('.nr-enrich');
    await panel.locator('summary').click();
    const place = panel.locator('.nr-enrich-item[data-field="places"]', { hasText: 'Tripoli' });
    await place.waitFor();
    const before = await place.innerText();
    await panel.getByRole('button', { name: 'Choose another place for Tripoli' }).click();
    const select = panel.locator('select[name="place"]');
    await select.locator('option', { hasText: 'LB' }).first().waitFor({ state: 'attached' });
    const value = await select.locator('option', { hasText: 'LB' }).first().getAttribute('value');
    await select.selectOption(value ?? '');
    await panel.getByRole('button', { name: 'Use this place' }).click();
    await panel.locator('.nr-enrich-item[data-field="places"]', { hasText: 'LB' }).waitFor();
    assert.doesNotMatch(before, /LB/);
  });

  it('gives contributors no suggestions, and the server refuses them the API', async () => {
    const { page: stringer } = await signIn('stringer@example.org');
    await stringer.goto(editorUrl);
    await stringer.locator('.nr-stream article').first().waitFor();
    assert.equal(await stringer.locator('.nr-enrich').count(), 0);
    const status = await stringer.evaluate(async (id) => {
      const updateId = document.querySelector<HTMLElement>('article[data-update-id]')?.dataset['updateId'];
      const r = await fetch(`/api/v1/updates/${updateId}/suggestions`, { credentials: 'same-origin' });
      const live = await fetch(`/api/v1/stories/${id}/suggestions/live`, { credentials: 'same-origin' });
      return [r.status, live.status];
    }, storyId);
    assert.deepEqual(status, [403, 403]);
  });
});
