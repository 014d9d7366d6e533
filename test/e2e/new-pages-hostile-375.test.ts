/**
 * The pages added on 4 December at 375 px, filled the way a hurried newsroom or an attacker fills them:
 * long unbroken words (URLs pasted as a source, a force name in one word, a job title without spaces)
 * and markup in every text field. None may scroll sideways or run a script; screenshots with
 * DATELINE_SCREENSHOTS=1 go to the system's temporary folder (these pages are not documentation).
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'hostile pages passphrase';
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';
const LONG_URL = `https://example.org/${'front-line-geolocation-'.repeat(8)}end`;
const XSS = '<img src=x onerror="window.__xss=1">';
const ROUHANI = "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.";
const ERDOGAN = "Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan.";

describe('new pages at 375 px with hostile content', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyPath: string;
  let storyId: string;
  let templateId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const desk = await t.liveBlog.createDesk({ name: 'Russia Daily', timezone: 'Europe/Moscow' });
    const olena = await t.accounts.addUser({
      email: 'olena@example.org',
      name: 'Olena Kovalenko',
      role: 'editor',
      password: PASSWORD,
    });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Kremlin calls' });
    storyId = story.id;
    storyPath = `/${desk.slug}/${story.slug}`;
    await t.liveBlog.publishUpdate(story.id, { body: ROUHANI }, 'Olena Kovalenko');
    await t.liveBlog.publishUpdate(story.id, { body: ERDOGAN }, 'Olena Kovalenko');
    await t.liveBlog.publishUpdate(story.id, { body: `Readout: ${LONG_URL}` }, 'Olena Kovalenko');
    await t.enrichment.idle();
    const contacts = await t.app.inject({ url: '/api/v1/contacts' });
    templateId = (contacts.json().items as { template: { id: string; size: number } }[]).find(
      (c) => c.template.size > 1,
    )!.template.id;

    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'olena@example.org', password: PASSWORD },
    });
    const headers = {
      cookie: String(session.headers['set-cookie']).split(';')[0] ?? '',
      'x-csrf-token': session.json().csrfToken as string,
    };
    const profile = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${olena.id}/profile`,
      headers,
      payload: {
        name: 'Olena Kovalenko',
        jobTitle: `Correspondent${'-'.repeat(1)}${'x'.repeat(86)}`,
        bio: `${XSS} Sources: ${LONG_URL}\n\n${'Kyiv'.repeat(60)}`,
      },
    });
    assert.equal(profile.statusCode, 200, profile.body);
    const force = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/russia-daily/forces',
      headers: t.auth(t.editorToken),
      payload: { name: `${'Forces'.repeat(13)}xx`, colour: '#c0392b' },
    });
    assert.equal(force.statusCode, 201, force.body);
    const layer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/russia-daily/layers',
      headers: t.auth(t.editorToken),
      payload: {
        kind: 'control',
        forceId: force.json().id,
        label: `${XSS}${'L'.repeat(150)}`,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [37.0, 47.0],
              [38.0, 47.0],
              [38.0, 48.0],
              [37.0, 48.0],
              [37.0, 47.0],
            ],
          ],
        },
        validFrom: '2026-12-01',
        source: `${XSS} ${LONG_URL}`,
        claimStatus: 'claimed',
      },
    });
    assert.equal(layer.statusCode, 201, layer.body);
    const photos: { mediaId: string; alt: string; caption: string; credit: string }[] = [];
    for (const background of ['#7b8794', '#8d6e63']) {
      const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background } })
        .jpeg()
        .toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
      form.append('alt', 'Photo');
      const uploaded = await fetch(`${base}/api/v1/media`, {
        method: 'POST',
        body: form,
        headers: t.auth(t.editorToken),
      });
      assert.equal(uploaded.status, 201, await uploaded.clone().text());
      photos.push({
        mediaId: ((await uploaded.json()) as { id: string }).id,
        alt: `${XSS} alt`,
        caption: `${XSS} ${LONG_URL}`,
        credit: `${'Credit'.repeat(20)}`,
      });
    }
    const gallery = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'Gallery from the scene.', photos },
    });
    assert.equal(gallery.statusCode, 201, gallery.body);
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers,
      payload: { headline: `${'Draft'.repeat(30)}`, body: `${XSS} ${LONG_URL}`, status: 'draft' },
    });
    assert.equal(draft.statusCode, 201, draft.body);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const phone = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  };
  const check = async (page: Page, name: string) => {
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (shoot) await page.screenshot({ path: join(tmpdir(), `hostile-${name}-375.png`), fullPage: true });
    assert.equal(sideways, 0, `${name} scrolls sideways by ${sideways} px`);
    assert.equal(await page.evaluate(() => (window as { __xss?: number }).__xss), undefined, name);
  };

  it('reader pages fit and run no injected script', async () => {
    const page = await phone();
    for (const [name, path] of [
      ['author', '/authors/olena-kovalenko'],
      ['template', `/contacts/templates/${templateId}`],
      ['desk-contacts', '/russia-daily/contacts'],
      ['actor', '/people/vladimir-putin'],
      ['map', '/map?desk=russia-daily&date=2026-12-04'],
      ['story', storyPath],
    ]) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res?.status(), 200, path);
      await check(page, name!);
    }
    // The gallery's lightbox, opened from the first photo.
    await page.goto(`${base}${storyPath}`);
    await page.locator('.update-gallery a.gallery-open').first().click();
    await page.getByRole('dialog', { name: 'Photo 1 of 2' }).waitFor();
    await check(page, 'lightbox');
    const box = await page.locator('dialog.lightbox').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the lightbox fits: ${JSON.stringify(box)}`);
    assert.deepEqual(errors, []);
  });

  it('newsroom pages fit and run no injected script', async () => {
    const page = await phone();
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill('olena@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    for (const [name, path] of [
      ['profile', '/newsroom/profile'],
      ['layers', '/newsroom/desks/russia-daily/layers'],
      ['drafts', `/newsroom/stories/${storyId}`],
    ]) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res?.status(), 200, path);
      await check(page, name!);
    }
    assert.deepEqual(errors, []);
  });
});
