/**
 * Every newsroom page in Chromium, as an admin on a phone (375 px) and a desk screen (1280 px): nothing
 * is wider than the screen, text boxes, selects and buttons share one height from the design system
 * (no 72 px text box beside a 30 px select), and a control reached with the keyboard shows a focus
 * ring. Set DATELINE_SCREENSHOTS=1 to write docs/screenshots/newsroom-PAGE-WIDTH.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { CALL_NORLAND } from '../statements/readouts.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';
const PASSWORD = 'newsroom passphrase 2026';

describe('newsroom pages at 375 and 1280 px', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const pages: [name: string, path: string][] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({
      name: 'Ukraine Live',
      timezone: 'Europe/Kyiv',
      description: 'The war in Ukraine, as it happens',
    });
    const story = await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any');
    await t.liveBlog.publishUpdate(
      story!.id,
      {
        headline: 'Air raid alert across eastern Ukraine',
        body: 'Sirens sounded in Kharkiv, Dnipro and Zaporizhzhia shortly after midnight.',
        claimStatus: 'claimed',
        claimNote: 'Air force channel',
      },
      'Olena Editor',
    );
    await t.accounts.addUser({
      email: 'admin@example.org',
      name: 'Ana Admin',
      role: 'admin',
      password: PASSWORD,
    });
    await t.accounts.addUser({
      email: 'stringer@example.org',
      name: 'Iryna Stringer',
      role: 'contributor',
      password: PASSWORD,
    });
    const statement = await t.statements.add({
      issuer: 'Presidency of Valdoria',
      title: 'Telephone conversation with the President of Norland',
      publishedAt: '2026-03-12T16:05:00Z',
      text: CALL_NORLAND,
    });
    pages.push(
      ['desks', '/newsroom'],
      ['editor', `/newsroom/stories/${story!.id}`],
      ['admin-desks', '/newsroom/admin/desks'],
      ['admin-users', '/newsroom/admin/users'],
      ['admin-tokens', '/newsroom/admin/tokens'],
      ['audit', '/newsroom/admin/audit'],
      ['statements', '/newsroom/statements'],
      ['statement', `/newsroom/statements/${statement.id}`],
      ['statement-feeds', '/newsroom/statement-feeds'],
      ['password', '/newsroom/password'],
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Controls wider than the screen, or whose right edge is past it, as "tag.class name: right px". */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      if (document.documentElement.scrollWidth > width)
        out.push(`page scrolls to ${document.documentElement.scrollWidth}px`);
      for (const el of document.querySelectorAll<HTMLElement>('main *')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || el.closest('.nr-table-wrap')) continue;
        if (box.right > width + 0.5)
          out.push(
            `${el.tagName.toLowerCase()}.${el.className} ${el.getAttribute('name') ?? ''}: ${Math.round(box.right)}px`,
          );
      }
      return out.slice(0, 5);
    });

  /** Heights of the visible one-line controls (text boxes, selects, buttons), rounded. */
  const controlHeights = (page: Page) =>
    page.evaluate(() => {
      const heights = new Set<number>();
      for (const el of document.querySelectorAll<HTMLElement>(
        'main input:not([type="checkbox"], [type="radio"], [type="hidden"], [type="file"]), main select, main button',
      )) {
        const box = el.getBoundingClientRect();
        if (box.height > 0) heights.add(Math.round(box.height));
      }
      return [...heights].sort((a, b) => a - b);
    });

  for (const width of [375, 1280]) {
    it(`fits every page into ${width} px with controls of one height and a visible focus ring`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      for (const [name, path] of [['login', '/newsroom/login'] as const, ...pages]) {
        if (name !== 'login' && page.url().endsWith('/newsroom/login')) {
          await page.getByLabel('Email').fill('admin@example.org');
          await page.getByLabel('Password').fill(PASSWORD);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForURL(`${base}/newsroom`);
        }
        await page.goto(`${base}${path}`);
        await page.locator('main').waitFor();
        if (name === 'editor') await page.getByText('Story header').click();
        assert.deepEqual(await overflowing(page), [], `${name} at ${width} px`);
        const heights = await controlHeights(page);
        // One control height (2.75rem = 44 px, a finger's width), give or take a border.
        assert.ok(
          heights.every((h) => h >= 40 && h <= 48),
          `${name} at ${width} px: controls ${heights.join(', ')} px tall`,
        );
        // The editor's own shots come from newsroom-editor.test.ts (with its suggestions open).
        if (shoot && name !== 'editor')
          await page.screenshot({
            path: new URL(`newsroom-${name}-${width}.png`, SCREENSHOTS).pathname,
            fullPage: true,
          });
      }
      // Keyboard focus shows a ring on a text box and on a button.
      await page.goto(`${base}/newsroom/admin/users`);
      const field = page.locator('main input[name="email"]');
      await field.focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      const ring = await field.evaluate((el) => getComputedStyle(el).outlineWidth);
      assert.ok(Number.parseFloat(ring) >= 2, `focus ring on a text box: ${ring}`);
      const button = page.locator('main button.nr-primary').first();
      await button.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const buttonRing = await button.evaluate((el) => getComputedStyle(el).outlineWidth);
      assert.ok(Number.parseFloat(buttonRing) >= 2, `focus ring on a button: ${buttonRing}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
