/**
 * What a reader with the page open is shown live is what a reload shows: an update is published, its
 * names are linked once enrichment has run, it is edited and made to cite an official statement, all
 * while a reader watches in Chromium; then the pushed article is compared with the reloaded page's.
 * And a correction an editor makes in the newsroom is marked for readers, live and on reload; a gallery,
 * reordered in an edit, is pushed as the reload shows it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('live push and reload show the same article', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  let path: string;
  const scriptErrors: string[] = [];

  const api = async (method: string, url: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  const open = async (at = path, width = 1280): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(`${base}${at}`);
    return page;
  };

  /** The article's markup, minus what must differ between two renders: the relative time's wording. */
  const articleHtml = (page: Page, id: string): Promise<string> =>
    page.$eval(`#update-${id}`, (el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.removeAttribute('tabindex');
      for (const ago of copy.querySelectorAll('[data-rel-time]')) ago.textContent = '';
      return copy.outerHTML;
    });

  const PASSWORD = 'correct horse battery staple';

  before(async () => {
    t = await createTestApp();
    await t.accounts.addUser({
      email: 'editor@example.org',
      name: 'Olena Editor',
      role: 'editor',
      password: PASSWORD,
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const desk = await t.liveBlog.createDesk({ name: 'Sudan Desk', timezone: 'Africa/Khartoum' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Darfur fighting' });
    storyId = story.id;
    path = `/${desk.slug}/${story.slug}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pushes names, citations and edits exactly as the reloaded page shows them', async () => {
    const page = await open();
    const statement = await api('POST', '/statements', {
      issuer: 'Ministry of Foreign Affairs of Russia',
      publishedAt: '2026-12-03T09:00:00Z',
      title: 'Readout of the meeting with RSF envoys',
      text: 'The sides discussed the humanitarian situation in North Darfur and agreed to keep in contact.',
    });

    const update = (await api('POST', `/stories/${storyId}/updates`, {
      body: 'Sergei Lavrov met RSF envoys in Moscow.',
      claimStatus: 'claimed',
    })) as { id: string; version: number };
    const selector = `#update-${update.id}`;
    await page.waitForSelector(selector);
    // Enrichment runs after the update went out; its names then reach the open page by themselves.
    await page.waitForSelector(`${selector} a.entity-link[href="/people/sergei-lavrov"]`);

    await api('PATCH', `/updates/${update.id}`, {
      version: update.version,
      body: 'Sergei Lavrov met RSF envoys in Moscow; fighting was reported in El Fasher.',
      statementIds: [statement['id']],
    });
    await page.waitForFunction((sel) => {
      const article = document.querySelector(sel);
      return (
        article?.textContent?.includes('Official statements cited') === true &&
        article.textContent.includes('Readout of the meeting with RSF envoys') &&
        article.querySelector('a.entity-link[href="/places/el-fasher-sd"]') !== null
      );
    }, selector);
    const pushed = await articleHtml(page, update.id);
    // The statement's time on the desk's clock (09:00 UTC is 11:00 in Khartoum), as every time on the page.
    assert.match(pushed, /3 December 2026 at 11:00 (CAT|Khartoum time)/);

    const reloaded = await open();
    assert.equal(pushed, await articleHtml(reloaded, update.id));
    assert.deepEqual(scriptErrors, []);
  });

  it('pushes a gallery (photos reordered and one removed in an edit) exactly as the reloaded page shows it', async () => {
    const ids: string[] = [];
    for (const [i, colour] of ['#52606d', '#9ad1d4', '#f4a259'].entries()) {
      const form = new FormData();
      const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
        .jpeg()
        .toBuffer();
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), `p${i}.jpg`);
      form.append('alt', `Photo ${i + 1} of the port`);
      const res = await fetch(`${base}/api/v1/media`, {
        method: 'POST',
        body: form,
        headers: t.auth(t.editorToken),
      });
      assert.equal(res.status, 201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const page = await open(path, 375);
    const update = (await api('POST', `/stories/${storyId}/updates`, {
      body: 'Fires burned at the port of Odesa after the overnight strike.',
      photos: ids.map((mediaId, i) => ({ mediaId, caption: `Caption ${i + 1}`, credit: 'Dateline' })),
    })) as { id: string; version: number };
    const gallery = `#update-${update.id} .update-gallery`;
    await page.waitForSelector(gallery);
    await api('PATCH', `/updates/${update.id}`, {
      version: update.version,
      photos: [{ mediaId: ids[2], caption: 'Caption 3, now first' }, { mediaId: ids[0] }],
    });
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('Caption 3, now first') === true,
      gallery,
    );
    const pushed = await articleHtml(page, update.id);
    assert.equal((pushed.match(/class="gallery-item"/g) ?? []).length, 2);
    const reloaded = await open(path, 375);
    assert.equal(pushed, await articleHtml(reloaded, update.id));
    assert.deepEqual(scriptErrors, []);
  });

  it('marks a correction "Updated HH:MM" in the desk’s time zone with the editor’s note, live and on reload', async () => {
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Air raid alerts' });
    const storyPath = `/${desk.slug}/${story.slug}`;
    const update = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'Explosions were heard in Kharkiv overnight.', claimStatus: 'claimed' },
      'Desk',
    );
    const reader = await open(storyPath);
    const article = reader.locator(`#update-${update.id}`);
    await article.waitFor();
    assert.equal(await article.locator('.update-corrected').count(), 0, 'no mark before a correction');

    // A claim change alone is not a correction: it keeps its own display.
    await t.liveBlog.editUpdate(update.id, 1, { claimStatus: 'verified', claimNote: 'Geolocated' }, 'Desk');
    await article.locator('.claim-verified').waitFor();
    assert.equal(await article.locator('.update-corrected').count(), 0);

    // The editor corrects the body in the newsroom and says why.
    const editorPage = await open('/newsroom/login');
    await editorPage.getByLabel('Email').fill('editor@example.org');
    await editorPage.getByLabel('Password').fill(PASSWORD);
    await editorPage.getByRole('button', { name: 'Sign in' }).click();
    await editorPage.waitForURL(`${base}/newsroom`);
    await editorPage.goto(`${base}/newsroom/stories/${story.id}`);
    const inEditor = editorPage.locator(`article[data-update-id="${update.id}"]`);
    await inEditor.getByRole('button', { name: 'Edit' }).click();
    // The form is filled from the stored update; typing before that would be overwritten.
    await editorPage.waitForFunction(() =>
      document
        .querySelector<HTMLTextAreaElement>('#compose-form textarea[name="body"]')
        ?.value.includes('Kharkiv'),
    );
    await editorPage
      .locator('#compose-form textarea[name="body"]')
      .fill('Explosions were heard in Kyiv overnight.');
    await editorPage
      .getByLabel('Correction note (optional)')
      .fill('An earlier version named the wrong city.');
    await editorPage.getByRole('button', { name: 'Save changes' }).click();

    const mark = article.locator('.update-corrected');
    await mark.waitFor();
    const corrected = (await t.store.updates.getById(update.id))?.corrections?.at(-1);
    assert.ok(corrected, 'the correction is stored');
    const kyivClock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Kyiv',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(corrected.at));
    assert.match((await mark.innerText()).trim(), new RegExp(`^Updated ${kyivClock} (EET|GMT\\+2)$`));
    assert.match(
      await article.innerText(),
      /Correction \d\d:\d\d (EET|GMT\+2): An earlier version named the wrong city\./,
    );
    assert.match(await article.innerText(), /Kyiv overnight/);
    assert.equal(await article.locator('.claim-verified').count(), 1, 'the claim display is kept');
    const pushed = await articleHtml(reader, update.id);

    for (const width of [1280, 375]) {
      const reloaded = await open(storyPath, width);
      assert.equal(await articleHtml(reloaded, update.id), pushed);
      if (process.env['DATELINE_SCREENSHOTS'] === '1')
        await reloaded.locator(`#update-${update.id}`).screenshot({ path: `/tmp/correction-${width}.png` });
    }
    assert.deepEqual(scriptErrors, []);
  });
});
