/**
 * Galleries and author pages in Chromium. An editor adds four photos in the composer, moves one up,
 * removes one and publishes; a reader on a 375 px phone sees the gallery arrive live, without sideways
 * scrolling, in fixed 4:3 boxes, and steps through it in the lightbox with the keyboard alone (Enter,
 * arrows, Escape, focus back on the thumbnail). An author's page, reached from a byline, fits 375 and
 * 1280 px with its photo, role and bio. DATELINE_SCREENSHOTS=1 refreshes docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';
const PASSWORD = 'correct horse battery staple';

/** A photo-like test image: a sky-to-ground gradient with a label, written for this project. */
function scene(label: string, sky: string, ground: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${ground}"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#g)"/>
    <rect x="0" y="560" width="1200" height="240" fill="#2b2f36" opacity="0.55"/>
    <text x="60" y="740" font-family="sans-serif" font-size="72" fill="#fff">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

describe('galleries and author pages in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  let storyPath: string;
  let editorId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    editorId = (
      await t.accounts.addUser({
        email: 'olena@example.org',
        name: 'Olena Kovalenko',
        role: 'editor',
        password: PASSWORD,
      })
    ).id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Odesa after the strike' });
    storyId = story.id;
    storyPath = `/${desk.slug}/${story.slug}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(url: string, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${url}`);
    return page;
  }

  const sidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('publishes a reordered gallery from the composer; a 375 px reader gets it live and steps through it by keyboard', async () => {
    const reader = await open(storyPath, 375);

    const editor = await open('/newsroom/login', 1280);
    await editor.getByLabel('Email').fill('olena@example.org');
    await editor.getByLabel('Password').fill(PASSWORD);
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.waitForURL(`${base}/newsroom`);
    await editor.goto(`${base}/newsroom/stories/${storyId}`);
    const compose = editor.locator('#compose-form');
    await compose
      .locator('textarea[name="body"]')
      .fill('Rescue crews worked through the night at the damaged apartment block on Fontanska Road.');
    const photos = [
      [
        'Firefighters on a ladder at the fifth floor',
        'Crews reached the fifth floor at dawn',
        '#f4a259',
        '#8c4a2f',
      ],
      [
        'Residents wait outside with their belongings',
        'Residents waited outside until morning',
        '#9ad1d4',
        '#3d5a6c',
      ],
      [
        'A crane lifts debris from the courtyard',
        'A crane cleared the courtyard by noon',
        '#cfd8dc',
        '#5d6d7e',
      ],
      ['A blurred photo taken by mistake', 'Not for publication', '#888888', '#444444'],
    ];
    await compose.locator('input[name="photo"]').setInputFiles(
      await Promise.all(
        photos.map(async ([, , sky, ground], i) => ({
          name: `odesa-${i + 1}.jpg`,
          mimeType: 'image/jpeg',
          buffer: await scene(`Odesa ${i + 1}`, sky!, ground!),
        })),
      ),
    );
    const rows = compose.locator('.nr-photo-item');
    await rows.nth(3).waitFor();
    for (const [i, [alt, caption]] of photos.entries()) {
      await rows.nth(i).getByLabel('Photo alt text').fill(alt!);
      await rows.nth(i).getByLabel('Photo caption').fill(caption!);
      await rows.nth(i).getByLabel('Photo credit').fill('Olena Kovalenko / Dateline');
    }
    // The crane photo goes second; the blurred one goes.
    await compose.getByRole('button', { name: 'Move photo 3 up' }).click();
    await compose.getByRole('button', { name: 'Remove photo 4' }).click();
    assert.equal(await rows.count(), 3);
    await editor.getByRole('button', { name: 'Publish' }).click();
    await compose.locator('.nr-status', { hasText: 'Published.' }).waitFor();
    assert.equal(await rows.count(), 0, 'the form is empty for the next update');

    // Live on the phone: three photos in the order set, each in a 4:3 box, the page not wider than the phone.
    const gallery = reader.locator('.update-gallery');
    await gallery.waitFor();
    const thumbs = gallery.locator('a.gallery-open');
    assert.equal(await thumbs.count(), 3);
    assert.deepEqual(
      await gallery.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt'))),
      [photos[0]![0], photos[2]![0], photos[1]![0]],
    );
    for (const box of await thumbs.evaluateAll((links) =>
      links.map((l) => ({ w: l.getBoundingClientRect().width, h: l.getBoundingClientRect().height })),
    ))
      assert.ok(Math.abs(box.h - (box.w * 3) / 4) <= 1, `a 4:3 box, not ${box.w}×${box.h}`);
    assert.ok((await sidewaysScroll(reader)) <= 0, 'the page does not scroll sideways at 375 px');
    await reader.evaluate(() => document.querySelector('.update-gallery')?.scrollIntoView());
    await reader
      .locator('.update-gallery img')
      .first()
      .evaluate(async (img: HTMLImageElement) => {
        if (!img.complete) await new Promise((done) => img.addEventListener('load', done, { once: true }));
      });
    if (shoot) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await reader
        .locator('article.update', { has: gallery })
        .screenshot({ path: new URL('reader-gallery-375.png', SCREENSHOTS).pathname });
    }

    // Keyboard only: Enter on the first thumbnail opens the lightbox with its alt, caption and credit.
    await thumbs.first().focus();
    await reader.keyboard.press('Enter');
    await reader.getByRole('dialog', { name: 'Photo 1 of 3' }).waitFor();
    const dialog = reader.locator('dialog.lightbox');
    assert.equal(await dialog.locator('img').getAttribute('alt'), photos[0]![0]);
    assert.match(
      await dialog.locator('figcaption').innerText(),
      /Crews reached the fifth floor at dawn\s*Photo: Olena Kovalenko \/ Dateline/,
    );
    assert.equal(await reader.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Close');
    await reader.keyboard.press('ArrowRight');
    await reader.getByRole('dialog', { name: 'Photo 2 of 3' }).waitFor();
    assert.match(await dialog.locator('figcaption').innerText(), /A crane cleared the courtyard/);
    await reader.keyboard.press('ArrowRight');
    await reader.keyboard.press('ArrowRight');
    await reader.getByRole('dialog', { name: 'Photo 3 of 3' }).waitFor();
    assert.equal(
      await reader.getByRole('button', { name: 'Next photo' }).isDisabled(),
      true,
      'stops at the end',
    );
    await reader.keyboard.press('ArrowLeft');
    await reader.getByRole('dialog', { name: 'Photo 2 of 3' }).waitFor();
    await reader.locator('.lightbox img').evaluate(async (img: HTMLImageElement) => {
      if (!img.complete) await new Promise((done) => img.addEventListener('load', done, { once: true }));
    });
    if (shoot) await reader.screenshot({ path: new URL('reader-lightbox-375.png', SCREENSHOTS).pathname });
    await reader.keyboard.press('Escape');
    await reader
      .locator('dialog.lightbox[open]')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await reader.waitForFunction(
      () => document.querySelector('dialog.lightbox')?.hasAttribute('open') === false,
    );
    // The dialog gives focus back to the thumbnail it was opened from as it closes; its close event
    // (a task later) moves it on to the photo last shown, so wait for that rather than read it at once.
    await reader
      .waitForFunction(() => document.activeElement?.getAttribute('data-gallery-index') === '1', null, {
        timeout: 10_000,
      })
      .catch(() => {});
    assert.equal(
      await reader.evaluate(() => document.activeElement?.getAttribute('data-gallery-index')),
      '1',
      'focus returns to the thumbnail of the photo last shown',
    );

    // At 1280 px the three sit side by side in a grid.
    const wide = await open(storyPath, 1280);
    const tops = await wide
      .locator('.update-gallery a.gallery-open')
      .evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `one row: ${tops.join(', ')}`);
    assert.ok((await sidewaysScroll(wide)) <= 0);
    if (shoot) {
      await wide
        .locator('.update-gallery img')
        .last()
        .evaluate(async (img: HTMLImageElement) => {
          img.loading = 'eager';
          if (!img.complete) await new Promise((done) => img.addEventListener('load', done, { once: true }));
        });
      await wide
        .locator('article.update', { has: wide.locator('.update-gallery') })
        .screenshot({ path: new URL('reader-gallery-1280.png', SCREENSHOTS).pathname });
    }
    assert.deepEqual(errors, []);
  });

  it('leads from a byline to the author page, which fits 375 and 1280 px with photo, role and bio', async () => {
    const editor = await open('/newsroom/login', 1280);
    await editor.getByLabel('Email').fill('olena@example.org');
    await editor.getByLabel('Password').fill(PASSWORD);
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.waitForURL(`${base}/newsroom`);
    await editor.getByRole('link', { name: 'Author page' }).click();
    await editor.waitForURL(`${base}/newsroom/profile`);
    await editor.getByLabel('Role').fill('Odesa correspondent');
    await editor
      .getByLabel('Short bio')
      .fill(
        'Olena has reported from southern Ukraine since 2019, first for regional radio in Mykolaiv.\n\nShe covers the ports, the grain corridor and the air war over the Black Sea coast.',
      );
    const portrait = await sharp({
      create: { width: 600, height: 600, channels: 3, background: '#8d6e63' },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><circle cx="300" cy="240" r="120" fill="#f1d3b3"/><rect x="130" y="380" width="340" height="260" rx="150" fill="#37474f"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();
    await editor
      .getByLabel('Photo')
      .setInputFiles({ name: 'olena.jpg', mimeType: 'image/jpeg', buffer: portrait });
    await editor.getByRole('button', { name: 'Save profile' }).click();
    await editor.getByRole('link', { name: '/authors/olena-kovalenko' }).waitFor();
    assert.equal((await t.store.authors.getProfile(editorId))?.jobTitle, 'Odesa correspondent');

    for (const width of [375, 1280]) {
      const page = await open(storyPath, width);
      await page.locator('.update-author').getByRole('link', { name: 'Olena Kovalenko' }).first().click();
      await page.waitForURL(`${base}/authors/olena-kovalenko`);
      await page.getByRole('heading', { level: 1, name: 'Olena Kovalenko' }).waitFor();
      assert.equal(await page.locator('.author-role').innerText(), 'Odesa correspondent');
      assert.match(await page.locator('.author-bio').innerText(), /grain corridor/);
      assert.ok(
        await page
          .locator('.author-photo img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        'the photo loads',
      );
      assert.ok(
        await page.getByRole('link', { name: /Rescue crews worked through the night/ }).isVisible(),
        'her update is listed',
      );
      assert.ok((await sidewaysScroll(page)) <= 0, `no sideways scroll at ${width} px`);
      if (shoot)
        await page.screenshot({
          path: new URL(`author-page-${width}.png`, SCREENSHOTS).pathname,
          fullPage: true,
        });
    }
    assert.deepEqual(errors, []);
  });
});
