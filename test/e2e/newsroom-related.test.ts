/**
 * Related coverage in the composer, in Chromium: an editor types an update naming a person and a place
 * covered days before; the earlier update is suggested (found by the names the enrichment pipeline
 * reads in the unsaved text); the editor inserts its cross-link from the keyboard and publishes; the
 * reader page shows the cross-link as a styled card that opens the earlier update.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import type { Desk, Story, Update } from '../../src/domain/types.ts';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'related passphrase 2026';

describe('related coverage in the composer, in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let iran: Desk;
  let today: Story;
  let talks: Update;
  const alerts: string[] = [];
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    iran = await t.liveBlog.createDesk({ name: 'Iran Daily', timezone: 'Asia/Tehran' });
    const earlier = (await t.liveBlog.openDaily(iran, '2026-05-24', 'any'))!;
    talks = await t.liveBlog.publishUpdate(
      earlier.id,
      {
        headline: 'Talks resume in Muscat',
        body: 'Foreign Minister Abbas Araghchi met Omani mediators in Muscat for a new round of indirect talks.',
      },
      'Desk',
    );
    // Shares a word with the draft but no name: ranked below the update naming the same people.
    await t.liveBlog.publishUpdate(
      earlier.id,
      {
        headline: 'Fuel <img src=x onerror=alert("related")> prices',
        body: 'A new round of fuel price rises.',
      },
      'Desk',
    );
    await t.liveBlog.publishUpdate(earlier.id, { body: 'Muscat airport reopens after a storm.' }, 'Desk');
    await t.enrichment.idle();
    today = (await t.liveBlog.openDaily(iran, '2026-05-27', 'any'))!;
    await t.accounts.addUser({
      email: 'editor@example.org',
      name: 'Desk Editor',
      role: 'editor',
      password: PASSWORD,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  function watch(page: Page): Page {
    page.setDefaultTimeout(30_000);
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  }

  it('suggests earlier coverage from shared names, inserts the cross-link by keyboard, and the reader page shows it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const editor = watch(await context.newPage());
    await editor.goto(`${base}/newsroom/login`);
    await editor.getByLabel('Email').fill('editor@example.org');
    await editor.getByLabel('Password').fill(PASSWORD);
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.waitForURL(`${base}/newsroom`);
    await editor.goto(`${base}/newsroom/stories/${today.id}`);

    const panel = editor.locator('.nr-related');
    assert.equal(await panel.isHidden(), true, 'nothing suggested before anything is written');
    const body = editor.locator('#compose-form textarea[name="body"]');
    await body.pressSequentially('Araghchi is back in Oman: Abbas Araghchi landed in Muscat tonight.');

    const suggestion = panel.locator('.nr-related-item').first();
    await suggestion.waitFor();
    assert.equal(
      await suggestion.locator('a').innerText(),
      'See Iran Daily, 24 May: Talks resume in Muscat',
      'the update sharing the most names comes first',
    );
    assert.match(await suggestion.innerText(), /Also names .*Abbas Araghchi/);
    assert.match(
      await suggestion.locator('.nr-related-snippet mark').first().innerText(),
      /Muscat|Araghchi|Abbas/i,
    );
    assert.match(await panel.locator('[role="status"]').innerText(), /related suggestion/);

    // From the body field to the first suggestion's button with Tab alone, then Enter.
    await body.focus();
    for (let i = 0; i < 4; i++) {
      await editor.keyboard.press('Tab');
      const focused = await editor.evaluate(() => document.activeElement?.textContent ?? '');
      if (focused === 'Insert cross-link') break;
    }
    assert.equal(await editor.evaluate(() => document.activeElement?.textContent), 'Insert cross-link');
    await editor.keyboard.press('Enter');

    const url = `/${iran.slug}/2026-05-24/updates/${talks.id}`;
    assert.match(
      await body.inputValue(),
      new RegExp(`\\n\\n\\[See Iran Daily, 24 May: Talks resume in Muscat\\]\\(${url}\\)$`),
    );
    assert.equal(
      await editor.evaluate(() => document.activeElement?.getAttribute('name')),
      'body',
      'focus back in the body',
    );
    await editor.locator('.nr-preview a.cross-link', { hasText: 'Talks resume in Muscat' }).waitFor();
    await suggestion.getByRole('button', { name: /^Inserted/ }).waitFor();
    if (process.env['DATELINE_SCREENSHOTS'] === '1')
      await editor.locator('.nr-compose').screenshot({ path: '/tmp/related-composer.png' });

    await body.press('Control+Enter');
    await editor.locator('.nr-compose .nr-status', { hasText: 'Published.' }).waitFor();
    await panel.waitFor({ state: 'hidden' });

    const reader = watch(await context.newPage());
    await reader.goto(`${base}/${iran.slug}/2026-05-27`);
    const link = reader.locator('article.update a.cross-link');
    assert.equal(await link.innerText(), 'See Iran Daily, 24 May: Talks resume in Muscat');
    assert.equal(await link.getAttribute('href'), url, 'a relative link to the earlier permalink');
    const style = await link.evaluate((a) => {
      const s = getComputedStyle(a);
      return { display: s.display, border: s.borderLeftWidth };
    });
    assert.deepEqual(style, { display: 'block', border: '4px' }, 'shown as a cross-link card');
    if (process.env['DATELINE_SCREENSHOTS'] === '1')
      await reader.locator('article.update').first().screenshot({ path: '/tmp/related-reader.png' });
    await link.click();
    await reader.waitForURL(`${base}${url}`);
    assert.match(await reader.locator('h1, h2').first().innerText(), /Iran Daily|Talks resume in Muscat/);
    await context.close();
    assert.deepEqual(alerts, [], 'no author text ran as script');
    assert.deepEqual(errors, []);
  });
});
