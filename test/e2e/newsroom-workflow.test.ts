/**
 * The newsroom's workflow in Chromium: admins manage users and read the audit log (others are refused
 * by the server), the submissions queue fills itself, editors approve with changes or reject with a
 * reason the contributor sees, contributors correct their own submissions, and two editors saving the
 * story header get a field-by-field merge.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'workflow passphrase 2026';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';

describe('newsroom workflow in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
    await t.liveBlog.createDesk({ name: 'Iran Daily' });
    const story = await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any');
    storyId = story?.id ?? '';
    for (const [email, name, role] of [
      ['admin@example.org', 'Samir Admin', 'admin'],
      ['editor@example.org', 'Hala Editor', 'editor'],
      ['colleague@example.org', 'Yusuf Colleague', 'editor'],
      ['stringer@example.org', 'Amal Stringer', 'contributor'],
    ] as const)
      await t.accounts.addUser({ email, name, role, password: PASSWORD });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    assert.deepEqual(errors, [], 'no script errors on any page');
  });

  async function signIn(
    email: string,
    password = PASSWORD,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return { context, page };
  }

  it('lets an admin add a user with a one-time password, change their role and desks, and disable them', async () => {
    const { page, context } = await signIn('admin@example.org');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    const form = page.locator('#add-user-form');
    await form.getByLabel('Email').fill('nadia@example.org');
    await form.getByLabel('Name').fill('Nadia Fieldworker');
    await form.getByLabel('Role').selectOption('contributor');
    await form.getByLabel('All desks').uncheck();
    await form.getByLabel('Sudan Daily').check();
    await form.getByRole('button', { name: 'Add user' }).click();
    const secret = await page.locator('.nr-password .nr-secret').innerText();
    assert.ok(secret.length >= 16);
    const nadia = await t.store.accounts.findLogin('nadia@example.org');
    assert.equal(nadia?.user.role, 'contributor');
    assert.equal(nadia?.user.desks?.length, 1);

    // The new person signs in with it once, and is made to choose their own before anything else.
    const hers = await browser.newContext();
    const nadiaPage = await hers.newPage();
    nadiaPage.setDefaultTimeout(30_000);
    await nadiaPage.goto(`${base}/newsroom/login`);
    await nadiaPage.getByLabel('Email').fill('nadia@example.org');
    await nadiaPage.getByLabel('Password').fill(secret);
    await nadiaPage.getByRole('button', { name: 'Sign in' }).click();
    await nadiaPage.waitForURL(`${base}/newsroom/password`);
    await nadiaPage.goto(`${base}/newsroom`);
    await nadiaPage.waitForURL(`${base}/newsroom/password`);
    await nadiaPage.getByLabel('Current password').fill(secret);
    await nadiaPage.getByLabel('New password', { exact: true }).fill('nadia chooses her own words');
    await nadiaPage.getByLabel('New password again').fill('nadia chooses her own word');
    await nadiaPage.getByRole('button', { name: 'Set password' }).click();
    await nadiaPage.getByText('the two new passwords differ').waitFor();
    await nadiaPage.getByLabel('Current password').fill(secret);
    await nadiaPage.getByLabel('New password', { exact: true }).fill('nadia chooses her own words');
    await nadiaPage.getByLabel('New password again').fill('nadia chooses her own words');
    await nadiaPage.getByRole('button', { name: 'Set password' }).click();
    await nadiaPage.getByText('Your password is set. Sign in with it.').waitFor();
    await nadiaPage.getByLabel('Email').fill('nadia@example.org');
    await nadiaPage.getByLabel('Password').fill('nadia chooses her own words');
    await nadiaPage.getByRole('button', { name: 'Sign in' }).click();
    await nadiaPage.waitForURL(`${base}/newsroom`);
    await hers.close();

    await page.reload();
    const row = page.locator('tr', { hasText: 'nadia@example.org' });
    await row.getByLabel('Role of Nadia Fieldworker').selectOption('editor');
    await row.getByLabel('All desks').check();
    await row.getByRole('button', { name: 'Save' }).click();
    await page.locator('.nr-status', { hasText: 'Saved nadia@example.org.' }).waitFor();
    const changed = await t.store.accounts.findLogin('nadia@example.org');
    assert.equal(changed?.user.role, 'editor');
    assert.equal(changed?.user.desks, null);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    assert.notEqual((await t.store.accounts.findLogin('nadia@example.org'))?.user.disabledAt, null);
    if (shoot) {
      await page.reload();
      await page.screenshot({
        path: new URL('newsroom-admin-users.png', SCREENSHOTS).pathname,
        fullPage: true,
      });
    }
    await context.close();
  });

  it('filters and pages the audit log for admins only, with exports', async () => {
    const { page, context } = await signIn('admin@example.org');
    await page.goto(`${base}/newsroom/admin/audit`);
    await page.getByLabel('Action').selectOption('login');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=login/);
    const actions = await page.locator('.nr-audit tbody td:nth-child(3)').allInnerTexts();
    assert.ok(actions.length >= 3);
    assert.ok(
      actions.every((a) => a === 'login'),
      actions.join(','),
    );
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    assert.equal(csv, '/api/v1/audit/export?format=csv&action=login');
    const exported = await page.evaluate(async (href) => (await fetch(href)).text(), csv ?? '');
    assert.equal(exported.trim().split('\r\n').length - 1, actions.length);
    if (shoot)
      await page.screenshot({
        path: new URL('newsroom-audit-log.png', SCREENSHOTS).pathname,
        fullPage: true,
      });

    // More than a page of entries: "Older entries" goes on without repeating one.
    for (let i = 0; i < 55; i++)
      await t.store.audit.record({
        actor: 'x',
        actorKey: 'cli',
        action: 'user.test',
        target: `t${i}`,
        detail: {},
      });
    await page.goto(`${base}/newsroom/admin/audit?action=user.test`);
    const first = await page.locator('.nr-audit tbody tr').count();
    assert.equal(first, 50);
    await page.getByRole('link', { name: 'Older entries →' }).click();
    assert.equal(await page.locator('.nr-audit tbody tr').count(), 5);
    assert.equal(await page.getByRole('link', { name: 'Older entries →' }).count(), 0);
    await context.close();

    const { page: editor, context: editorContext } = await signIn('editor@example.org');
    assert.equal(await editor.getByRole('link', { name: 'Audit log' }).count(), 0, 'no admin links');
    const refused = await editor.goto(`${base}/newsroom/admin/audit`);
    assert.equal(refused?.status(), 403);
    assert.equal((await editor.goto(`${base}/newsroom/admin/users`))?.status(), 403);
    await editorContext.close();
  });

  it('fills the queue without a reload, approves with changes, and shows a rejection reason to the contributor', async () => {
    const { page: editor, context } = await signIn('editor@example.org');
    await editor.goto(`${base}/newsroom/stories/${storyId}`);
    const { page: stringer, context: stringerContext } = await signIn('stringer@example.org');
    await stringer.goto(`${base}/newsroom/stories/${storyId}`);

    // The contributor submits; the editor's open page shows it by itself.
    await stringer
      .locator('#compose-form textarea[name="body"]')
      .fill('RSF fighters seen in El Fasher market.');
    await stringer.getByRole('button', { name: 'Submit for approval' }).click();
    const item = editor.locator('.nr-submission', { hasText: 'El Fasher market' });
    await item.waitFor();
    if (shoot)
      await editor.screenshot({ path: new URL('newsroom-queue.png', SCREENSHOTS).pathname, fullPage: true });

    // The contributor corrects it before anyone decides; the editor's queue follows.
    const own = stringer.locator('.nr-queue .nr-submission', { hasText: 'El Fasher market' });
    await own.getByRole('button', { name: 'Edit' }).click();
    // The form is filled once the submission has been fetched; the "editing" note says so.
    await stringer.locator('.nr-editing', { hasText: 'Changing a waiting update' }).waitFor();
    const stringerBody = stringer.locator('#compose-form textarea[name="body"]');
    assert.equal(await stringerBody.inputValue(), 'RSF fighters seen in El Fasher market.');
    await stringerBody.fill('RSF fighters seen in El Fasher central market.');
    await stringer.getByRole('button', { name: 'Save', exact: true }).click();
    await stringer.locator('.nr-compose .nr-status', { hasText: 'still waits' }).waitFor();
    await editor.locator('.nr-submission', { hasText: 'central market' }).waitFor();

    // Edit & approve: the editor's changes are what is published.
    await editor
      .locator('.nr-submission', { hasText: 'central market' })
      .getByRole('button', { name: 'Edit & approve' })
      .click();
    await editor.locator('.nr-editing', { hasText: 'Reviewing a submission' }).waitFor();
    const body = editor.locator('#compose-form textarea[name="body"]');
    assert.equal(await body.inputValue(), 'RSF fighters seen in El Fasher central market.');
    await body.fill('RSF fighters were seen in El Fasher’s central market on Tuesday.');
    await editor.getByLabel('Claim status').selectOption('claimed');
    await editor.getByRole('button', { name: 'Approve with changes' }).click();
    await editor.locator('.nr-stream article', { hasText: 'central market on Tuesday' }).waitFor();
    assert.equal(await editor.locator('.nr-submission', { hasText: 'central market' }).count(), 0);
    const published = (await t.store.updates.listByStory(storyId, { limit: 5 })).items[0];
    assert.equal(published?.author, 'Amal Stringer');
    assert.equal(published?.claimStatus, 'claimed');
    // The contributor sees it was approved (their own text is kept on the submission).
    await stringer.locator('.nr-decided li.is-approved', { hasText: 'El Fasher central market.' }).waitFor();

    // Reject with a reason, in place; the contributor's open page shows the reason.
    await stringer.locator('#compose-form textarea[name="body"]').fill('Bridge destroyed, I heard.');
    await stringer.getByRole('button', { name: 'Submit for approval' }).click();
    const second = editor.locator('.nr-submission', { hasText: 'Bridge destroyed' });
    await second.getByRole('button', { name: 'Reject…' }).click();
    await second.getByLabel('Why is it rejected?').fill('Unsourced: send the video or a second witness.');
    await second.getByRole('button', { name: 'Reject with this reason' }).click();
    await second.waitFor({ state: 'detached' });
    const rejected = stringer.locator('.nr-decided li.is-rejected', { hasText: 'Bridge destroyed' });
    await rejected.waitFor();
    assert.match(
      await rejected.innerText(),
      /Rejected by Hala Editor: Unsourced: send the video or a second witness\./,
    );
    assert.equal(await stringer.locator('.nr-queue:not(.nr-decided) .nr-submission').count(), 0);
    await context.close();
    await stringerContext.close();
  });

  it('shows a headline both editors changed side by side and keeps the one the editor picks', async () => {
    const { page: editor, context } = await signIn('editor@example.org');
    await editor.goto(`${base}/newsroom/stories/${storyId}`);
    await editor.getByText('Story header').click();
    const header = editor.locator('#header-form');
    await header.getByLabel('Headline').fill('Sudan Daily: El Fasher under siege');
    await header.getByLabel('Standfirst').fill('Fighting reached the central market.');

    // A colleague saves the header first, in their own browser.
    const { page: colleague, context: colleagueContext } = await signIn('colleague@example.org');
    await colleague.goto(`${base}/newsroom/stories/${storyId}`);
    await colleague.getByText('Story header').click();
    await colleague
      .locator('#header-form')
      .getByLabel('Headline')
      .fill('Sudan Daily: talks in Jeddah resume');
    await colleague.getByRole('button', { name: 'Save header' }).click();
    await colleague.locator('#header-form .nr-status', { hasText: 'Header saved.' }).waitFor();

    await header.getByRole('button', { name: 'Save header' }).click();
    const merge = editor.locator('#header-conflict .nr-merge');
    await merge.getByText('Someone else saved the header first').waitFor();
    const headline = merge.locator('fieldset', { hasText: 'Headline' });
    assert.match(await headline.locator('label', { hasText: 'Theirs' }).innerText(), /talks in Jeddah/);
    assert.match(await headline.locator('label', { hasText: 'Yours' }).innerText(), /under siege/);
    assert.match(await merge.innerText(), /Your changes, kept:\s*Standfirst: Fighting reached/);
    assert.equal((await t.store.stories.getById(storyId))?.headline, 'Sudan Daily: talks in Jeddah resume');

    await headline.getByLabel('Theirs').check();
    await merge.getByRole('button', { name: 'Save with my choices' }).click();
    await header.locator('.nr-status', { hasText: 'Header saved.' }).waitFor();
    const saved = await t.store.stories.getById(storyId);
    assert.equal(saved?.headline, 'Sudan Daily: talks in Jeddah resume');
    assert.equal(saved?.standfirst, 'Fighting reached the central market.');
    assert.equal(await header.getByLabel('Headline').inputValue(), 'Sudan Daily: talks in Jeddah resume');
    await context.close();
    await colleagueContext.close();
  });
});
