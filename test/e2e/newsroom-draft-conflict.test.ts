/**
 * Two editors on one held draft in Chromium: A and B open it, B saves (verifying the claim), then A
 * saves from the draft as A loaded it. A is shown the conflict and the colleague's changes, and
 * nothing of B's is lost: saving with both changes keeps B's claim status and note with A's text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'drafts passphrase 2026';

describe('two editors saving one draft in Chromium', { skip: CHROMIUM_SKIP }, () => {
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

  it('shows A the conflict when B saved first, and keeps B’s claim status and note', async () => {
    const a = await editor('olena@example.org');
    const b = await editor('taras@example.org');
    const aForm = a.page.locator('#compose-form');
    const bForm = b.page.locator('#compose-form');

    // A starts the draft and keeps editing it.
    await aForm.getByLabel('Body (Markdown)').fill('Strike reported on a substation in Odesa.');
    await aForm.getByLabel('Claim status').selectOption('claimed');
    await aForm.getByRole('button', { name: 'Save draft' }).click();
    await aForm.getByText('Draft saved; it is not published.').waitFor();
    const [draft] = await t.store.submissions.listDrafts(storyId);
    assert.ok(draft);

    // B opens the same draft and verifies the claim.
    const item = b.page.locator('.nr-drafts-wrap li', { hasText: 'substation in Odesa' });
    await item.getByRole('button', { name: 'Edit' }).click();
    await b.page.waitForFunction(() =>
      (document.querySelector('#compose-form [name="body"]') as HTMLTextAreaElement).value.includes('Odesa'),
    );
    await bForm.getByLabel('Claim status').selectOption('verified');
    await bForm.getByLabel('Evidence note').fill('Regional administration and two residents');
    await bForm.getByRole('button', { name: 'Save draft' }).click();
    await bForm.getByText('Draft saved; it is not published.').waitFor();

    // A, still on the draft as first saved, rewrites the body and saves.
    await aForm
      .getByLabel('Body (Markdown)')
      .fill('Strike hit a substation in Odesa; power is out in two districts.');
    await aForm.getByRole('button', { name: 'Save draft' }).click();
    const merge = a.page.locator('.nr-compose .nr-merge');
    await merge.waitFor();
    const said = await merge.innerText();
    assert.match(said, /Taras Editor saved this draft while you were editing \(at \d\d:\d\d (EET|EEST)\)/);
    assert.match(said, /Their changes, kept:[\s\S]*Claim status: Verified/);
    assert.match(said, /Evidence note: Regional administration and two residents/);
    assert.match(said, /Your changes, kept:[\s\S]*Body/);
    const held = await t.store.submissions.getById(draft.id);
    assert.equal(held?.content.body, 'Strike reported on a substation in Odesa.', 'nothing saved yet');
    assert.equal(held?.content.claimStatus, 'verified');

    await merge.getByRole('button', { name: 'Save with both changes' }).click();
    await aForm.getByText('Draft saved; it is not published.').waitFor();
    const saved = await t.store.submissions.getById(draft.id);
    assert.equal(saved?.status, 'draft', 'still a draft, not published');
    assert.equal(saved?.content.body, 'Strike hit a substation in Odesa; power is out in two districts.');
    assert.equal(saved?.content.claimStatus, 'verified', 'B’s claim status survives');
    assert.equal(saved?.content.claimNote, 'Regional administration and two residents');
    assert.equal(saved?.savedBy, 'Olena Editor');
    await a.context.close();
    await b.context.close();
  });
});
