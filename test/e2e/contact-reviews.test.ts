/**
 * Issue 16's "done when" for contacts, in Chromium on a fresh server: two Putin readouts written from
 * one template, one published in the newsroom and one through the API, show on Putin's page as two
 * contacts, each linked to its update, with the shared-template note leading to the comparison; an
 * editor rejects one beside its update, a colleague's open newsroom page drops it live, and it
 * leaves Putin's page. The pages fit 375 px without sideways scrolling. Set DATELINE_SCREENSHOTS=1 to
 * refresh docs/screenshots/contact-template-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'newsroom passphrase 2026';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const ROUHANI = "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday";
const ERDOGAN = "Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan";

describe('contacts reviewed beside the update, in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.listen();
    await t.liveBlog.createDesk({ name: 'Russia Daily', timezone: 'Europe/Moscow' });
    for (const [email, name] of [
      ['editor@example.org', 'Rima Editor'],
      ['colleague@example.org', 'Lev Colleague'],
    ] as const)
      await t.accounts.addUser({ email, name, role: 'editor', password: PASSWORD });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page };
  }

  async function signIn(email: string): Promise<Page> {
    const { page } = await open(1280);
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return page;
  }

  async function noSidewaysScroll(page: Page): Promise<void> {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `${page.url()} scrolls sideways by ${overflow} px`);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    if (process.env['DATELINE_SCREENSHOTS'] !== '1') return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL(name, SCREENSHOTS).pathname, fullPage: true });
  }

  it('shows both calls on Putin’s page with the shared-template note, and drops the one an editor rejects', async () => {
    const editor = await signIn('editor@example.org');
    await editor.getByRole('button', { name: /Open today’s page/ }).click();
    await editor.waitForURL(/\/newsroom\/stories\//);
    const storyUrl = editor.url();
    const storyId = storyUrl.split('/').at(-1) ?? '';

    // One readout published in the newsroom, the other by a colleague's tool through the API.
    await editor.locator('#compose-form textarea[name="body"]').fill(ROUHANI);
    await editor.locator('#compose-form textarea[name="body"]').press('Control+Enter');
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: ERDOGAN, claimStatus: 'claimed' },
    });
    assert.equal(published.statusCode, 201, published.body);
    const erdoganId = (published.json() as { id: string }).id;

    // Enriched in the background: the contact appears beside each update, live.
    const rouhaniPanel = editor
      .locator('.nr-stream article', { hasText: 'Hassan Rouhani' })
      .locator('.nr-enrich');
    await rouhaniPanel.locator('summary', { hasText: /Suggestions: \d+ to review/ }).waitFor();
    await rouhaniPanel.locator('summary').click();
    const contactRow = rouhaniPanel.locator('.nr-enrich-item[data-field="contacts"]');
    await contactRow.filter({ hasText: 'Vladimir Putin ↔ Hassan Rouhani' }).waitFor();
    const erdoganPanel = editor.locator(`.nr-stream article[data-update-id="${erdoganId}"] .nr-enrich`);
    await erdoganPanel.locator('summary', { hasText: /Suggestions: \d+ to review/ }).waitFor();
    const rouhaniId = (await editor
      .locator('.nr-stream article', { hasText: 'Hassan Rouhani' })
      .getAttribute('data-update-id'))!;

    // A reader on a phone: both contacts on Putin's page, each linked to its update, with the note.
    const { page: reader } = await open(375);
    await reader.goto(`${base}/people/vladimir-putin`);
    const talkedTo = reader.getByRole('region', { name: 'Talked to' });
    await talkedTo.waitFor();
    assert.equal(await talkedTo.locator('.talked-to-item').count(), 2);
    for (const [name, id] of [
      ['Hassan Rouhani', rouhaniId],
      ['Recep Tayyip Erdogan', erdoganId],
    ] as const) {
      const item = talkedTo.locator('.talked-to-item', { hasText: name });
      const source = item.locator('.talked-to-sources a', { hasText: 'Putin spoke by phone' });
      assert.match((await source.getAttribute('href')) ?? '', new RegExp(`/updates/${id}$`));
      await item.getByRole('link', { name: 'same readout wording as 1 other contact' }).waitFor();
    }
    await noSidewaysScroll(reader);
    await shoot(reader, 'contact-template-actor-375.png');

    // The note leads to the comparison: both sentences, the shared wording marked, each linked.
    await talkedTo
      .locator('.talked-to-item', { hasText: 'Hassan Rouhani' })
      .getByRole('link', { name: 'same readout wording as 1 other contact' })
      .click();
    await reader.waitForURL(/\/contacts\/templates\//);
    await reader.getByRole('heading', { name: '2 contacts reported in the same wording' }).waitFor();
    const marked = await reader.locator('.contact-template-list mark').allInnerTexts();
    assert.ok(
      marked.some((text) => text.includes('Putin spoke by phone with')),
      marked.join(' / '),
    );
    assert.equal(await reader.getByRole('link', { name: 'The update' }).count(), 2);
    await noSidewaysScroll(reader);
    await shoot(reader, 'contact-template-375.png');
    const { page: desktop } = await open(1280);
    await desktop.goto(reader.url());
    await desktop.getByRole('heading', { name: '2 contacts reported in the same wording' }).waitFor();
    await noSidewaysScroll(desktop);
    await shoot(desktop, 'contact-template-1280.png');

    // A colleague has the story open too.
    const colleague = await signIn('colleague@example.org');
    await colleague.goto(storyUrl);
    const theirPanel = colleague
      .locator('.nr-stream article', { hasText: 'Hassan Rouhani' })
      .locator('.nr-enrich');
    await theirPanel.locator('summary').click();
    await theirPanel.locator('.nr-enrich-item[data-field="contacts"]').waitFor();

    // The editor rejects the Rouhani call beside its update.
    await rouhaniPanel.getByRole('button', { name: 'Reject Vladimir Putin ↔ Hassan Rouhani' }).click();
    await rouhaniPanel.locator('.nr-enrich-status', { hasText: 'Contact removed' }).waitFor();
    await contactRow.waitFor({ state: 'detached' });
    // The colleague's page drops it without a reload.
    await theirPanel.locator('.nr-enrich-item[data-field="contacts"]').waitFor({ state: 'detached' });

    // Putin's page no longer lists it, nor the note on the call left alone (a reader arriving now:
    // the page is cacheable for 30 s, so the first reader's browser could still show its copy).
    const { page: later } = await open(375);
    await later.goto(`${base}/people/vladimir-putin`);
    const now = later.getByRole('region', { name: 'Talked to' });
    await now.waitFor();
    assert.equal(await now.locator('.talked-to-item', { hasText: 'Hassan Rouhani' }).count(), 0);
    await now.locator('.talked-to-item', { hasText: 'Recep Tayyip Erdogan' }).waitFor();
    assert.equal(await now.getByText('same readout wording').count(), 0);
    assert.deepEqual(errors, []);
  });
});
