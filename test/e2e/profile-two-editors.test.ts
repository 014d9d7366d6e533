/**
 * An author page two people may change: its owner (an editor) and an admin, each in their own browser.
 * The admin sets the role; the owner, whose form still shows the page as it was, saves a new bio. The
 * owner's save must not silently put the old role back: it is refused with a plain reason, the owner's
 * words stay in the form, and after a reload both changes can be kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'profiles passphrase 2026';

describe('two people saving one author page, in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let olenaId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    olenaId = (
      await t.accounts.addUser({
        email: 'olena@example.org',
        name: 'Olena Kovalenko',
        role: 'editor',
        password: PASSWORD,
      })
    ).id;
    await t.accounts.addUser({
      email: 'ada@example.org',
      name: 'Ada Admin',
      role: 'admin',
      password: PASSWORD,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(email: string, path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    await page.goto(`${base}${path}`);
    return page;
  }

  it("refuses the owner's stale save and keeps the admin's role", async () => {
    const olena = await signIn('olena@example.org', '/newsroom/profile');
    await olena.getByLabel('Role').fill('Correspondent');
    await olena.getByRole('button', { name: 'Save profile' }).click();
    await olena.getByText('Saved. Readers see it at').waitFor();

    const ada = await signIn('ada@example.org', `/newsroom/profile?user=${olenaId}`);
    await olena.reload(); // both forms now show the same saved page
    await ada.getByLabel('Role').fill('Kyiv bureau chief');
    await ada.getByRole('button', { name: 'Save profile' }).click();
    await ada.getByText('Saved. Readers see it at').waitFor();

    const bio = 'Olena has covered Kyiv since 2014.';
    await olena.getByLabel('Short bio').fill(bio);
    await olena.getByRole('button', { name: 'Save profile' }).click();
    const refused = olena.locator('.nr-profile-form .nr-status.nr-bad');
    await refused.waitFor();
    assert.match(await refused.innerText(), /changed since you opened it/);
    assert.equal(await olena.getByLabel('Short bio').inputValue(), bio, 'her words stay in the form');
    const stored = await t.store.authors.getProfile(olenaId);
    assert.equal(stored?.jobTitle, 'Kyiv bureau chief', "the admin's role is not undone");
    assert.equal(stored?.bio, '');

    await olena.reload();
    assert.equal(await olena.getByLabel('Role').inputValue(), 'Kyiv bureau chief');
    await olena.getByLabel('Short bio').fill(bio);
    await olena.getByRole('button', { name: 'Save profile' }).click();
    await olena.getByText('Saved. Readers see it at').waitFor();
    const both = await t.store.authors.getProfile(olenaId);
    assert.deepEqual([both?.jobTitle, both?.bio], ['Kyiv bureau chief', bio]);
    assert.deepEqual(errors, []);
  });
});
