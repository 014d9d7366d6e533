/**
 * A statement's contacts reviewed in Chromium: two editors have the statement's newsroom page open;
 * the colleague rejects a contact, the editor (on the stale page) confirms it and is told the
 * colleague's decision instead of overwriting it; the contact leaves the reader's actor pages. A person
 * named only in a statement has a page of its contacts. Pages fit 375 px without sideways scrolling.
 * Set DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/statement-contacts-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'newsroom passphrase 2026';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

describe("a statement's contacts reviewed in the newsroom, in Chromium", { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let statementId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.listen();
    for (const [email, name] of [
      ['editor@example.org', 'Rima Editor'],
      ['colleague@example.org', 'Lev Colleague'],
    ] as const)
      await t.accounts.addUser({ email, name, role: 'editor', password: PASSWORD });
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: t.auth(t.editorToken),
      payload: {
        issuer: 'Presidency of Ruritania',
        title: 'Readout of the President’s contacts this week',
        publishedAt: '2026-11-20T10:00:00.000Z',
        text: 'Putin met Nikol Pashinyan in Minsk on Thursday. Putin spoke by phone with Turkish President Recep Tayyip Erdoğan on Friday.',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    statementId = (added.json() as { id: string }).id;
    await t.enrichment.idle();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  }

  async function signIn(email: string, width: number): Promise<Page> {
    const page = await open(width);
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

  it("shows a person named only in the statement, and keeps a colleague's rejection over a stale confirm", async () => {
    // A reader on a phone: Pashinyan, named by no update, has a page of the statement's contact.
    const reader = await open(375);
    await reader.goto(`${base}/people/nikol-pashinyan`);
    await reader.getByRole('heading', { level: 1, name: 'Nikol Pashinyan' }).waitFor();
    const talkedTo = reader.getByRole('region', { name: 'Talked to' });
    await talkedTo.locator('.talked-to-item', { hasText: 'Vladimir Putin' }).waitFor();
    assert.match(
      (await reader.locator(`a[href="/statements/${statementId}"]`).first().getAttribute('href')) ?? '',
      new RegExp(statementId),
    );
    await reader.getByText('official statement').first().waitFor();
    await noSidewaysScroll(reader);
    await shoot(reader, 'statement-contacts-actor-375.png');

    // Both editors open the statement; the editor's on a phone.
    const editor = await signIn('editor@example.org', 375);
    const colleague = await signIn('colleague@example.org', 1280);
    const page = `${base}/newsroom/statements/${statementId}`;
    await editor.goto(page);
    await colleague.goto(page);
    const pashinyan = (p: Page) => p.locator('.nr-statement-contacts li', { hasText: 'Nikol Pashinyan' });
    await pashinyan(editor)
      .getByRole('button', { name: /^Confirm/ })
      .waitFor();
    await noSidewaysScroll(editor);
    await shoot(editor, 'statement-contacts-review-375.png');

    // The colleague rejects it first.
    await pashinyan(colleague)
      .getByRole('button', { name: /^Reject/ })
      .click();
    await pashinyan(colleague).getByText('Rejected by Lev Colleague').waitFor();

    // The editor, on the page loaded before, confirms: the colleague's decision shows, and stands.
    await pashinyan(editor)
      .getByRole('button', { name: /^Confirm/ })
      .click();
    await editor.getByRole('alert').getByText('Lev Colleague rejected this contact meanwhile').waitFor();
    await pashinyan(editor).getByText('Rejected by Lev Colleague').waitFor();
    assert.equal(await pashinyan(editor).getAttribute('data-verdict'), 'rejected');
    await noSidewaysScroll(editor);

    // Readers arriving now: Pashinyan has no page; Putin's lists only the call with Erdoğan.
    const later = await open(375);
    const gone = await later.goto(`${base}/people/nikol-pashinyan`);
    assert.equal(gone?.status(), 404);
    await later.goto(`${base}/people/vladimir-putin`);
    const now = later.getByRole('region', { name: 'Talked to' });
    await now.locator('.talked-to-item', { hasText: 'Recep Tayyip Erdogan' }).waitFor();
    assert.equal(await now.locator('.talked-to-item', { hasText: 'Nikol Pashinyan' }).count(), 0);
    assert.deepEqual(errors, []);
  });
});
