/**
 * The newsroom editor in Chromium: an editor signs in, publishes with Ctrl+Enter and a reader's open page
 * shows it live; a contributor's submission appears only after an editor approves it; author-supplied
 * payloads run no script in the reader or the editor. Set DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const PASSWORD = 'newsroom passphrase 2026';

/** Payloads that must stay text: Markdown, raw HTML, link URLs, alt text, captions, source labels. */
const XSS = {
  body: [
    '<script>alert("body-script")</script>',
    '<img src=x onerror=alert("body-img")>',
    '[click](javascript:alert("md-link"))',
    '<a href="javascript:alert(\'raw-link\')">raw</a>',
    '<svg onload=alert("svg")></svg>',
    '<iframe src="javascript:alert(\'frame\')"></iframe>',
    '![pic](x" onerror="alert(\'md-img\'))',
  ].join('\n\n'),
  headline: '<img src=x onerror=alert("headline")>',
  claimNote: '"><script>alert("note")</script>',
  sourceLabel: '<b onmouseover=alert("source")>Ministry</b>',
};

describe('newsroom in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const dialogs: string[] = [];
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    await t.accounts.addUser({
      email: 'editor@example.org',
      name: 'Rima Editor',
      role: 'editor',
      password: PASSWORD,
    });
    await t.accounts.addUser({
      email: 'stringer@example.org',
      name: 'Omar Stringer',
      role: 'contributor',
      password: PASSWORD,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('dialog', (dialog) => {
      // The editor's own confirm/prompt are expected; anything else is a payload that ran.
      if (dialog.type() === 'alert') dialogs.push(`${path}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    await page.goto(`${base}${path}`);
    return page;
  }

  /** Signs in through the form, as an editor does. */
  async function signIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await open(context, '/newsroom/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return { context, page };
  }

  /**
   * The story's editor, signed in as `email` by a session made on the server and given to the browser as
   * its cookie: the first test signs in through the form; the others need only the signed-in page.
   */
  async function openEditor(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const { secret } = await t.accounts.signIn(email, PASSWORD, '127.0.0.1');
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.addCookies([
      { name: SESSION_COOKIE, value: secret, url: base, httpOnly: true, sameSite: 'Lax' },
    ]);
    return { context, page: await open(context, new URL(editorUrl).pathname) };
  }

  let storyPath = '';
  let editorUrl = '';

  it('signs an editor in, publishes with Ctrl+Enter, and a reader’s open page shows it live', async () => {
    const { context: editorContext, page: editor } = await signIn('editor@example.org');
    await editor.getByRole('button', { name: /Open today’s page/ }).click();
    await editor.waitForURL(/\/newsroom\/stories\//);
    editorUrl = editor.url();
    const storyId = editorUrl.split('/').at(-1) ?? '';
    const story = await t.store.stories.getById(storyId);
    storyPath = `/syria-daily/${story?.slug}`;

    const readerContext = await browser.newContext();
    const reader = await open(readerContext, storyPath);

    await editor.getByLabel('Headline (optional)').fill('Convoy reaches Idlib');
    await editor
      .locator('#compose-form textarea[name="body"]')
      .fill('Aid trucks crossed at **Bab al-Hawa** this morning.');
    await editor.locator('.nr-preview strong', { hasText: 'Bab al-Hawa' }).waitFor();
    await editor.getByLabel('Claim status').selectOption('claimed');
    await editor.getByLabel('Evidence note').fill('Video posted by the crossing authority');
    await editor.locator('#compose-form textarea[name="body"]').press('Control+Enter');
    await editor.locator('.nr-compose .nr-status', { hasText: 'Published.' }).waitFor();

    await reader.locator('article.update', { hasText: 'Aid trucks crossed' }).waitFor();
    assert.match(await reader.locator('article.update').first().innerText(), /Convoy reaches Idlib/);
    await editor.locator('.nr-stream article', { hasText: 'Aid trucks crossed' }).waitFor();
    await readerContext.close();
    await editorContext.close();
  });

  it('keeps a contributor’s submission off the page until an editor approves it', async () => {
    const { context: stringerContext, page: stringer } = await openEditor('stringer@example.org');
    assert.equal(await stringer.getByLabel('Claim status').locator('option[value="verified"]').count(), 0);
    await stringer.locator('#compose-form textarea[name="body"]').fill('Shelling heard east of Saraqib.');
    await stringer.getByRole('button', { name: 'Submit for approval' }).click();
    await stringer.locator('.nr-submission', { hasText: 'Shelling heard' }).waitFor();

    const readerContext = await browser.newContext();
    const reader = await open(readerContext, storyPath);
    assert.equal(await reader.locator('article.update', { hasText: 'Shelling heard' }).count(), 0);

    const { context: editorContext, page: editor } = await openEditor('editor@example.org');
    const item = editor.locator('.nr-submission', { hasText: 'Shelling heard' });
    await item.getByRole('button', { name: 'Approve', exact: true }).click();
    await reader.locator('article.update', { hasText: 'Shelling heard' }).waitFor();
    assert.match(
      await reader.locator('article.update', { hasText: 'Shelling heard' }).innerText(),
      /Omar Stringer/,
    );
    if (process.env['DATELINE_SCREENSHOTS'] === '1') {
      await editor.reload();
      await editor.screenshot({ path: new URL('newsroom-editor.png', SCREENSHOTS).pathname, fullPage: true });
    }
    await readerContext.close();
    await stringerContext.close();
    await editorContext.close();
  });

  it('shows a conflict when someone else saved first, and restores an earlier revision from the history', async () => {
    const storyId = editorUrl.split('/').at(-1) ?? '';
    const original = await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Ceasefire holds in the north.' },
      'Desk',
    );
    const { context: editorContext, page: editor } = await openEditor('editor@example.org');
    const article = editor.locator(`article[data-update-id="${original.id}"]`);
    await article.getByRole('button', { name: 'Edit' }).click();
    // The form is filled once the update has been fetched; typing before that would be overwritten,
    // and the edit would start from whatever version the fetch returned.
    await editor.getByRole('button', { name: 'Save changes' }).waitFor();
    const body = editor.locator('#compose-form textarea[name="body"]');
    await body.fill('Ceasefire holds in the north and east.');
    // A colleague saves first.
    await t.liveBlog.editUpdate(original.id, 1, { body: 'Ceasefire broken near the coast.' }, 'Colleague');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    const conflict = editor.locator('.nr-compose .nr-conflict');
    await conflict.getByText('Someone else saved this update while you were editing').waitFor();
    assert.match(await conflict.innerText(), /Ceasefire broken near the coast/);
    assert.equal(await body.inputValue(), 'Ceasefire holds in the north and east.', 'nothing typed is lost');
    assert.equal((await t.store.updates.getById(original.id))?.body, 'Ceasefire broken near the coast.');

    await conflict.getByLabel('Yours').check();
    await conflict.getByRole('button', { name: 'Save with my choices' }).click();
    await article.getByText('north and east').waitFor();
    await article.getByRole('button', { name: 'History' }).click();
    const history = article.locator('.nr-history');
    await history.locator('ins', { hasText: 'north' }).first().waitFor();
    await history.getByRole('button', { name: 'Restore version 1' }).click();
    assert.equal(await body.inputValue(), 'Ceasefire holds in the north.');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor
      .locator(`article[data-update-id="${original.id}"]`, { hasText: 'Ceasefire holds in the north.' })
      .waitFor();
    assert.equal((await t.store.updates.getById(original.id))?.version, 4);
    await editorContext.close();
  });

  it('publishes a scheduled update by itself at the set time', async () => {
    const { context: editorContext, page: editor } = await openEditor('editor@example.org');
    const readerContext = await browser.newContext();
    const reader = await open(readerContext, storyPath);
    await editor.locator('#compose-form textarea[name="body"]').fill('Scheduled briefing: ministers meet.');
    // Six seconds from now on the desk's clock (the field is read in the desk's time zone), as a
    // datetime-local value. (A string, so the test runner's transform adds no helpers the page lacks.)
    const dueAt = Date.now() + 6000;
    const at = await editor.evaluate<string>(
      `new Intl.DateTimeFormat('sv-SE', { timeZone: document.querySelector('.nr-editor').dataset.timezone,
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        hourCycle: 'h23' }).format(new Date(${dueAt})).replace(' ', 'T')`,
    );
    await editor.getByLabel('Publish at (optional)').fill(at);
    await editor.getByRole('button', { name: 'Publish' }).click();
    await editor.locator('.nr-submission', { hasText: 'Scheduled for' }).waitFor();
    // Before the set time the reader must not have it. (On a loaded machine the confirmation can
    // arrive after the time has passed; then only the publication below can be checked.)
    const readerCount = await reader.locator('article.update', { hasText: 'Scheduled briefing' }).count();
    if (Date.now() < dueAt - 1000) assert.equal(readerCount, 0, 'not shown before its time');
    await reader.locator('article.update', { hasText: 'Scheduled briefing' }).waitFor({ timeout: 15_000 });
    await readerContext.close();
    await editorContext.close();
  });

  it('runs no author-supplied script in the reader or the editor, and stores none for rendering', async () => {
    const storyId = editorUrl.split('/').at(-1) ?? '';
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#6b7f5a' } })
      .jpeg()
      .toBuffer();
    // The editor is open before the payloads are published, so they reach it live as well as on a load.
    const { context: editorContext, page: editor } = await openEditor('editor@example.org');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'x.jpg');
    form.append('alt', '"><img src=x onerror=alert("alt")>');
    form.append('caption', '<script>alert("caption")</script>');
    form.append('credit', '<svg onload=alert("credit")>');
    const media = (await (
      await fetch(`${base}/api/v1/media`, { method: 'POST', body: form, headers: t.auth(t.editorToken) })
    ).json()) as { id: string };
    const publish = async (payload: object) => {
      const res = await fetch(`${base}/api/v1/stories/${storyId}/updates`, {
        method: 'POST',
        headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const stored = await publish({
      body: XSS.body,
      headline: XSS.headline,
      claimNote: XSS.claimNote,
      claimStatus: 'claimed',
      sources: [{ label: XSS.sourceLabel, url: 'https://example.org/x' }],
      mediaId: media.id,
      videoUrl: 'https://www.youtube.com/watch?v=claimed1',
    });
    assert.equal(stored.status, 201, JSON.stringify(stored.json));
    const html = String(stored.json['bodyHtml']);
    // Payloads may survive as visible text (escaped); never as tags, handlers or script URLs.
    assert.doesNotMatch(html, /<(script|iframe|svg|object|embed)|<[^>]+\son\w+=|(href|src)="\s*javascript:/i);
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const refused = await publish({ body: 'x', videoUrl: url });
      assert.equal(refused.status, 400);
      assert.equal(refused.json['field'], 'videoUrl');
      const badSource = await publish({ body: 'x', sources: [{ label: 'x', url }] });
      assert.equal(badSource.status, 400);
    }

    const readerContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const reader = await open(readerContext, storyPath);
    await reader.locator('article.update', { hasText: 'raw' }).waitFor();
    for (const selector of ['.update-photo img', '.media-card'])
      await reader.locator(selector).first().waitFor();
    assert.match(await reader.locator('.media-card').first().innerText(), /Claimed video/i);
    await reader.locator('.update-photo img').first().hover();
    await editor.locator('.nr-stream article', { hasText: 'raw' }).waitFor();
    await editor.reload();
    await editor.locator('.nr-stream article', { hasText: 'raw' }).waitFor();
    // Let every image (including the payloads' broken ones) settle before judging.
    await reader.waitForLoadState('load');
    await editor.waitForLoadState('load');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await readerContext.close();
    await editorContext.close();
  });

  it('shows readers an uploaded photo at a size from srcset and a claimed video that loads nothing until clicked', async () => {
    const photo = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#8a6a4a' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="1600" height="1000"><rect x="0" y="620" width="1600" height="380" fill="#4d4a3f"/><circle cx="1250" cy="260" r="120" fill="#e8d9b5"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'crossing.jpg');
    form.append('alt', 'Lorries queue at a desert border crossing at dusk');
    form.append('caption', 'The crossing at dusk (sample image made for the tests)');
    form.append('credit', 'Dateline desk');
    const media = (await (
      await fetch(`${base}/api/v1/media`, { method: 'POST', body: form, headers: t.auth(t.editorToken) })
    ).json()) as { id: string };
    const story = await t.liveBlog.createStory({ headline: 'Crossing reopens', standfirst: 'Aid resumes' });
    const requests: string[] = [];
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers: t.auth(t.editorToken),
      payload: {
        headline: 'First convoy crosses',
        body: 'Twelve lorries crossed after the crossing reopened at noon, officials said.',
        mediaId: media.id,
      },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers: t.auth(t.editorToken),
      payload: {
        body: 'A video said to show shelling near the crossing is circulating online.',
        claimStatus: 'claimed',
        claimNote: 'Posted by an unnamed account; location not confirmed.',
        videoUrl: 'https://www.youtube.com/watch?v=sample00001',
      },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    context.on('request', (request) => requests.push(request.url()));
    const reader = await open(context, '/stories/crossing-reopens');
    const img = reader.locator('.update-photo img');
    await img.waitFor();
    await reader.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('.update-photo img');
      return el !== null && el.complete && el.naturalWidth > 0;
    });
    const current = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
    assert.match(current, /\/media\/[a-z0-9]+\/(480|960|1600)\.webp$/);
    assert.match(await reader.locator('.media-card').innerText(), /Claimed video — claimed, not verified/i);
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(base)),
      [],
      'the page contacted no third party',
    );
    if (process.env['DATELINE_SCREENSHOTS'] === '1') {
      await reader.screenshot({ path: new URL('reader-photo-claimed-video.png', SCREENSHOTS).pathname });
    }
    await context.close();
  });
});
