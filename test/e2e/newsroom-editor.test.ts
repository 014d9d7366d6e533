/**
 * The story editor as journalists use it on a breaking night, in Chromium: two editors saving one
 * update get a field-by-field merge (a colleague's verification is never silently undone), older
 * updates stay reachable, and the composer fits a phone. Set DATELINE_SCREENSHOTS=1 to refresh
 * docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { formatClock } from '../../src/domain/time-format.ts';
import { SCHEDULER } from '../../src/service/publishing.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';

const PASSWORD = 'editor passphrase 2026';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';

describe('the story editor in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let storyId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any');
    storyId = story?.id ?? '';
    for (const [email, name, role] of [
      ['olena@example.org', 'Olena Editor', 'editor'],
      ['taras@example.org', 'Taras Editor', 'editor'],
      ['stringer@example.org', 'Iryna Stringer', 'contributor'],
      ['gaza@example.org', 'Gaza Desk Editor', 'editor'],
    ] as const)
      await t.accounts.addUser({ email, name, role, password: PASSWORD });
    await t.liveBlog.createDesk({ name: 'Gaza Live', timezone: 'Asia/Gaza' });
    await t.accounts.setDesks('gaza@example.org', ['gaza-live']);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    assert.deepEqual(errors, [], 'no script errors on any page');
  });

  /** Signed-in tabs by account and browser options (see signIn). */
  const tabs = new Map<string, Page>();

  /**
   * A tab signed in as `email` for the test to load its pages in; `close` leaves it blank. The session is
   * made on the server and given to the browser as its cookie (what the sign-in form, covered in
   * newsroom.test.ts, sets), and the account's tab is kept for its next test: a context and tab per
   * sign-in cost ~0.2 s of CPU, and each test loads its pages afresh anyway. One tab per account and
   * options: two tabs of one account at once would need a context each.
   */
  async function signIn(
    email: string,
    options: BrowserContextOptions = { viewport: { width: 1280, height: 1000 } },
  ): Promise<{ page: Page; close: () => Promise<unknown> }> {
    const key = `${email} ${JSON.stringify(options)}`;
    let page = tabs.get(key);
    if (page === undefined) {
      const { secret } = await t.accounts.signIn(email, PASSWORD, '127.0.0.1');
      const context = await browser.newContext(options);
      await context.addCookies([
        { name: SESSION_COOKIE, value: secret, url: base, httpOnly: true, sameSite: 'Lax' },
      ]);
      page = await context.newPage();
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('dialog', (dialog) => void dialog.accept());
      tabs.set(key, page);
    }
    const tab = page;
    return { page: tab, close: () => tab.goto('about:blank') };
  }

  /** Signs in and opens the story's editor with `updateId` loaded into the form. */
  async function editing(email: string, updateId: string) {
    const { page, close } = await signIn(email);
    await page.goto(`${base}/newsroom/stories/${storyId}`);
    await page.locator(`article[data-update-id="${updateId}"]`).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    return { page, close, compose: page.locator('#compose-form') };
  }

  describe('two editors on one update', () => {
    it('keeps a colleague’s verification when the other editor changed only the headline', async () => {
      const update = await t.liveBlog.publishUpdate(
        storyId,
        {
          headline: 'Explosions heard in Odesa',
          body: 'Residents report several explosions in the port area of Odesa overnight.',
          claimStatus: 'unverified',
        },
        'Desk',
      );
      const a = await editing('olena@example.org', update.id);
      const b = await editing('taras@example.org', update.id);

      await b.compose.getByLabel('Claim status').selectOption('verified');
      await b.compose.getByLabel('Evidence note').fill('Geolocated from two videos by our team');
      await b.page.getByRole('button', { name: 'Save changes' }).click();
      await b.compose.locator('.nr-status', { hasText: 'Saved.' }).waitFor();

      await a.compose.getByLabel('Headline (optional)').fill('Explosions in Odesa port overnight');
      await a.page.getByRole('button', { name: 'Save changes' }).click();
      const merge = a.page.locator('.nr-compose .nr-merge');
      await merge.waitFor();
      // Their verification is shown as kept, not silently dropped.
      const kept = await merge.locator('.nr-merge-kept').first().innerText();
      assert.match(kept, /Their changes, kept/);
      assert.match(kept, /Claim status: Verified/);
      assert.match(kept, /Evidence note: Geolocated from two videos by our team/);
      assert.doesNotMatch(kept, /Authors/, 'an untouched byline is no one’s change');
      assert.match(
        await merge.innerText(),
        /Your changes, kept:\s*Headline: Explosions in Odesa port overnight/,
      );
      assert.equal(await merge.locator('fieldset').count(), 0, 'nothing to choose');
      assert.equal((await t.store.updates.getById(update.id))?.version, 2, 'nothing saved yet');
      if (shoot) await a.page.screenshot({ path: new URL('newsroom-merge.png', SCREENSHOTS).pathname });

      await merge.getByRole('button', { name: 'Save with both changes' }).click();
      await a.compose.locator('.nr-status', { hasText: 'Saved.' }).waitFor();
      const stored = await t.store.updates.getById(update.id);
      assert.equal(stored?.headline, 'Explosions in Odesa port overnight');
      assert.equal(stored?.claimStatus, 'verified');
      assert.equal(stored?.claimNote, 'Geolocated from two videos by our team');
      assert.equal(stored?.version, 3);
      await a.page
        .locator(`article[data-update-id="${update.id}"]`, { hasText: 'Explosions in Odesa port overnight' })
        .waitFor();
      await a.close();
      await b.close();
    });

    it('shows a body both editors changed side by side and saves the one the editor picks', async () => {
      const update = await t.liveBlog.publishUpdate(
        storyId,
        {
          body: 'Air raid alert across eastern Ukraine.',
          claimStatus: 'claimed',
          claimNote: 'Air force channel',
        },
        'Desk',
      );
      const a = await editing('olena@example.org', update.id);
      const b = await editing('taras@example.org', update.id);

      await b.compose
        .locator('textarea[name="body"]')
        .fill('Air raid alert across eastern and central Ukraine.');
      await b.compose.getByLabel('Key event').check();
      await b.page.getByRole('button', { name: 'Save changes' }).click();
      await b.compose.locator('.nr-status', { hasText: 'Saved.' }).waitFor();

      await a.compose
        .locator('textarea[name="body"]')
        .fill('Air raid alert across eastern Ukraine; lifted at 06:10.');
      await a.compose.getByLabel('Claim status').selectOption('verified');
      await a.page.getByRole('button', { name: 'Save changes' }).click();
      const merge = a.page.locator('.nr-compose .nr-merge');
      const body = merge.locator('fieldset', { hasText: 'Body' });
      await body.waitFor();
      assert.equal(await merge.locator('fieldset').count(), 1, 'only the body conflicts');
      assert.match(await body.locator('label', { hasText: 'Yours' }).innerText(), /lifted at 06:10/);
      assert.match(
        await body.locator('label', { hasText: 'Theirs' }).innerText(),
        /eastern and central Ukraine/,
      );
      assert.match(await merge.innerText(), /Their changes, kept:\s*Key event: yes/);
      assert.match(await merge.innerText(), /Your changes, kept:\s*Claim status: Verified/);

      // No choice made yet: the browser refuses to save.
      await merge.getByRole('button', { name: 'Save with my choices' }).click();
      assert.equal(await merge.evaluate((form: HTMLFormElement) => form.checkValidity()), false);
      assert.equal((await t.store.updates.getById(update.id))?.version, 2);

      await body.getByLabel('Theirs').check();
      await merge.getByRole('button', { name: 'Save with my choices' }).click();
      await a.compose.locator('.nr-status', { hasText: 'Saved.' }).waitFor();
      const stored = await t.store.updates.getById(update.id);
      assert.equal(stored?.body, 'Air raid alert across eastern and central Ukraine.');
      assert.equal(stored?.keyEvent, true);
      assert.equal(stored?.claimStatus, 'verified');
      assert.equal(stored?.claimNote, 'Air force channel');
      await a.close();
      await b.close();
    });
  });

  describe('two editors on the story header', () => {
    it('keeps the status and standfirst a colleague saved when the other editor changed only the headline', async () => {
      const a = await signIn('olena@example.org');
      const b = await signIn('taras@example.org');
      for (const { page } of [a, b]) {
        await page.goto(`${base}/newsroom/stories/${storyId}`);
        await page.getByText('Story header').click();
      }
      const bHeader = b.page.locator('#header-form');
      await bHeader.getByLabel('Status').selectOption('ended');
      await bHeader.getByLabel('Standfirst').fill('The desk has closed this page; follow tomorrow’s.');
      await bHeader.getByRole('button', { name: 'Save header' }).click();
      await bHeader.locator('.nr-status', { hasText: 'Header saved.' }).waitFor();

      const aHeader = a.page.locator('#header-form');
      await aHeader.getByLabel('Headline').fill('Ukraine Live: Odesa port struck overnight');
      await aHeader.getByRole('button', { name: 'Save header' }).click();
      const merge = a.page.locator('#header-conflict .nr-merge');
      await merge.waitFor();
      const text = await merge.innerText();
      assert.match(text, /Their changes, kept:\s*Standfirst: The desk has closed this page/);
      assert.match(text, /Status: ended/);
      assert.match(text, /Your changes, kept:\s*Headline: Ukraine Live: Odesa port struck overnight/);
      assert.equal(await merge.locator('fieldset').count(), 0, 'nothing to choose');
      assert.equal((await t.store.stories.getById(storyId))?.status, 'ended', 'nothing saved yet');

      await merge.getByRole('button', { name: 'Save with both changes' }).click();
      await aHeader.locator('.nr-status', { hasText: 'Header saved.' }).waitFor();
      const stored = await t.store.stories.getById(storyId);
      assert.equal(stored?.headline, 'Ukraine Live: Odesa port struck overnight');
      assert.equal(stored?.status, 'ended');
      assert.equal(stored?.standfirst, 'The desk has closed this page; follow tomorrow’s.');
      // The form now shows the merged header, so a further save reverts nothing.
      assert.equal(await aHeader.getByLabel('Status').inputValue(), 'ended');
      await t.liveBlog.patchStory(storyId, stored!.version, { status: 'live' });
      await a.close();
      await b.close();
    });
  });

  describe('a story with 300 updates', () => {
    let longStoryId = '';
    let firstId = '';
    let firstPath = '';

    before(async () => {
      const desk = await t.store.desks.getBySlug('ukraine-live');
      const story = await t.liveBlog.openDaily(desk!, '2026-02-24', 'any');
      longStoryId = story!.id;
      firstPath = `/ukraine-live/2026-02-24/updates/`;
      const content = (body: string) => ({
        headline: null,
        body,
        bodyHtml: `<p>${body}</p>`,
        pinned: false,
        keyEvent: false,
        claimStatus: 'unverified' as const,
        claimNote: '',
        sources: [],
        videoUrl: null,
        media: null,
      });
      const first = await t.store.updates.create(
        longStoryId,
        content('First sirens heard over Kharkiv before dawn.'),
        'Desk',
      );
      firstId = first.update.id;
      firstPath += firstId;
      for (let i = 2; i <= 305; i++)
        await t.store.updates.create(longStoryId, content(`Routine overnight update number ${i}.`), 'Desk');
    });

    it('finds the first update with the find box and edits it', async () => {
      const { page, close } = await signIn('olena@example.org');
      await page.goto(`${base}/newsroom/stories/${longStoryId}`);
      const first = page.locator(`article[data-update-id="${firstId}"]`);
      const status = page.locator('.nr-stream-status');
      assert.equal(await status.innerText(), '305 updates; the newest 50 are shown.');
      assert.equal(await first.count(), 0);

      await page.getByLabel('Find an update').fill('first sirens');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await status.getByText('1 update contains “first sirens”.').waitFor();
      assert.equal(await page.locator('.nr-stream article').count(), 1);
      await first.getByRole('button', { name: 'Edit' }).click();
      // The form is filled once the update has been fetched; the button then says so.
      await page.getByRole('button', { name: 'Save changes' }).waitFor();
      const compose = page.locator('#compose-form');
      assert.equal(
        await compose.locator('textarea[name="body"]').inputValue(),
        'First sirens heard over Kharkiv before dawn.',
      );
      await compose.getByLabel('Claim status').selectOption('claimed');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await compose.locator('.nr-status', { hasText: 'Saved.' }).waitFor();
      assert.equal((await t.store.updates.getById(firstId))?.claimStatus, 'claimed');

      await page.getByRole('button', { name: 'Show all' }).click();
      await status.getByText('305 updates; the newest 50 are shown.').waitFor();
      await close();
    });

    it('loads older updates page by page down to the first', async () => {
      const { page, close } = await signIn('olena@example.org');
      await page.goto(`${base}/newsroom/stories/${longStoryId}`);
      const older = page.getByRole('button', { name: 'Load older updates' });
      for (let shown = 100; shown <= 300; shown += 50) {
        await older.click();
        await page.locator('.nr-stream-status', { hasText: `the newest ${shown} are shown` }).waitFor();
      }
      await older.click();
      await page.locator('.nr-stream-status', { hasText: 'All 305 updates are shown.' }).waitFor();
      assert.equal(await older.isHidden(), true);
      assert.equal(await page.locator('.nr-stream article').count(), 305);
      const last = page.locator('.nr-stream article').last();
      assert.equal(await last.getAttribute('data-update-id'), firstId);
      await last.getByRole('button', { name: 'Edit' }).waitFor();
      await close();
    });

    it('offers editors of the desk an Edit link on the public update page, and no one else', async () => {
      const anonymous = await fetch(`${base}${firstPath}`);
      assert.equal(anonymous.status, 200);
      assert.doesNotMatch(await anonymous.text(), /Edit in the newsroom|\/newsroom\//);
      assert.match(anonymous.headers.get('cache-control') ?? '', /^public/);

      for (const email of ['stringer@example.org', 'gaza@example.org']) {
        const { page, close } = await signIn(email);
        await page.goto(`${base}${firstPath}`);
        await page.locator('article.update').waitFor();
        assert.equal(await page.getByRole('link', { name: 'Edit in the newsroom' }).count(), 0, email);
        await close();
      }

      const { page, close } = await signIn('olena@example.org');
      const response = await page.goto(`${base}${firstPath}`);
      assert.equal(response?.headers()['cache-control'], 'no-store', 'the editor’s page is kept by no cache');
      await page.getByRole('link', { name: 'Edit in the newsroom' }).click();
      await page.waitForURL(/\/newsroom\/stories\//);
      const body = page.locator('#compose-form textarea[name="body"]');
      await page.getByRole('button', { name: 'Save changes' }).waitFor();
      assert.equal(await body.inputValue(), 'First sirens heard over Kharkiv before dawn.');
      await close();
    });
  });

  describe('on a phone', () => {
    it('fits the composer in 375 px and publishes from a fully visible button', async () => {
      const { page, close } = await signIn('stringer@example.org', {
        viewport: { width: 375, height: 740 },
      });
      await page.goto(`${base}/newsroom/stories/${storyId}`);
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(await overflow(), 0, 'no sideways scrolling');
      const compose = page.locator('#compose-form');
      for (const control of await compose
        .locator('input:not([type="hidden"]), textarea, select, button')
        .all()) {
        const box = await control.boundingBox();
        assert.ok(
          box && box.x >= 0 && box.x + box.width <= 375,
          `${await control.evaluate((e) => e.outerHTML.slice(0, 80))} fits`,
        );
      }
      await compose
        .locator('textarea[name="body"]')
        .fill('Power cut across the left bank of Kyiv after strikes.');
      const submit = page.getByRole('button', { name: 'Submit for approval' });
      await submit.scrollIntoViewIfNeeded();
      const box = (await submit.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 375, 'the whole button is on screen');
      // Nothing covers it: the point under its centre is the button.
      assert.equal(
        await page.evaluate(
          ([x, y]) => document.elementFromPoint(x!, y!)?.textContent,
          [box.x + box.width / 2, box.y + box.height / 2],
        ),
        'Submit for approval',
      );
      await submit.click();
      await page.locator('.nr-submission', { hasText: 'Power cut across the left bank' }).waitFor();
      if (shoot)
        await page.screenshot({
          path: new URL('newsroom-editor-375.png', SCREENSHOTS).pathname,
          fullPage: true,
        });
      await close();

      const editor = await signIn('olena@example.org', { viewport: { width: 375, height: 740 } });
      await editor.page.goto(`${base}/newsroom/stories/${storyId}`);
      assert.equal(
        await editor.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
        0,
      );
      await editor.page.locator('#compose-form textarea[name="body"]').fill('Strikes reported in Kharkiv.');
      const publish = editor.page.getByRole('button', { name: 'Publish' });
      await publish.scrollIntoViewIfNeeded();
      const publishBox = (await publish.boundingBox())!;
      assert.ok(publishBox.x >= 0 && publishBox.x + publishBox.width <= 375, 'Publish is not clipped');
      await publish.click();
      await editor.page.locator('.nr-stream article', { hasText: 'Strikes reported in Kharkiv' }).waitFor();
      await editor.close();
    });
  });

  describe('suggestions beside each update', () => {
    it('shows a count per update, the surest first when opened, and clears an update’s all at once on every editor’s page', async () => {
      const update = await t.liveBlog.publishUpdate(
        storyId,
        { body: 'Zelensky said drones struck Moscow overnight. Shahed debris fell near Regional Hall.' },
        'Desk',
      );
      const { page, close } = await signIn('olena@example.org');
      await page.goto(`${base}/newsroom/stories/${storyId}`);
      const panel = page.locator(`article[data-update-id="${update.id}"] .nr-enrich`);
      const summary = panel.locator('summary');
      await summary.filter({ hasText: /Suggestions: \d+ to review/ }).waitFor();
      const count = Number(/(\d+) to review/.exec(await summary.innerText())?.[1]);
      assert.equal(await panel.getAttribute('open'), null, 'closed until the editor opens it');
      assert.equal(await panel.locator('.nr-enrich-item').first().isVisible(), false);

      await summary.click();
      const items = panel.locator('.nr-enrich-item');
      await items.first().waitFor();
      if (shoot)
        await page.screenshot({
          path: new URL('newsroom-editor-1280.png', SCREENSHOTS).pathname,
          fullPage: true,
        });
      assert.equal(await items.count(), count);
      const fields = await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset['field']));
      assert.equal(fields[0], 'people', 'a listed person first');
      assert.match(await items.first().innerText(), /^Volodymyr Zelensky/);
      assert.equal(fields.at(-1), 'names', '"new name?" hints last');
      assert.ok(fields.indexOf('names') > fields.indexOf('places'));

      // A colleague has the same page open, their panel closed.
      const colleague = await signIn('taras@example.org');
      await colleague.page.goto(`${base}/newsroom/stories/${storyId}`);
      const theirSummary = colleague.page.locator(
        `article[data-update-id="${update.id}"] .nr-enrich summary`,
      );
      await theirSummary.filter({ hasText: `Suggestions: ${count} to review` }).waitFor();

      const corrections = (await t.store.corrections.list()).length;
      await panel.getByRole('button', { name: 'Clear all' }).click();
      await summary.filter({ hasText: 'Suggestions: none' }).waitFor();
      // Pushed to the colleague's open page: no reload.
      await theirSummary.filter({ hasText: 'Suggestions: none' }).waitFor();
      await colleague.close();
      assert.equal(await items.count(), 0);
      await panel.getByText('Nothing to review.').waitFor();
      // Cleared from view only: the extraction stays and nothing is taught to later enrichments.
      assert.equal((await t.store.corrections.list()).length, corrections);
      const stored = await t.store.enrichments.get(update.id);
      assert.deepEqual(
        stored?.enrichment.people.map((p) => p.name),
        ['Volodymyr Zelensky'],
      );
      await page.reload();
      await panel.locator('summary', { hasText: 'Suggestions: none' }).waitFor();
      await close();
    });
  });

  describe('times in the desk’s zone', () => {
    it('shows history times and takes "publish at" in the desk’s time, whatever the browser’s zone', async () => {
      const update = await t.liveBlog.publishUpdate(storyId, { body: 'Power restored in Kharkiv.' }, 'Desk');
      // An editor abroad: the browser is in New York, the desk in Kyiv.
      const { page, close } = await signIn('olena@example.org', {
        viewport: { width: 1280, height: 1000 },
        timezoneId: 'America/New_York',
        locale: 'en-US',
      });
      await page.goto(`${base}/newsroom/stories/${storyId}`);

      await page
        .locator(`article[data-update-id="${update.id}"]`)
        .getByRole('button', { name: 'History' })
        .click();
      const head = page.locator(`article[data-update-id="${update.id}"] .nr-history li p`).first();
      await head.waitFor();
      const kyiv = formatClock(update.publishedAt, 'Europe/Kyiv').slice(0, 5);
      assert.match(
        await head.innerText(),
        new RegExp(`^Version 1: create by Desk, \\d{1,2} \\w+ \\d{4} at ${kyiv} (EET|EEST|Kyiv time)$`),
      );

      const compose = page.locator('#compose-form');
      assert.match(await compose.innerText(), /The desk’s time \((EET|EEST|Kyiv time)\)/);
      await compose.locator('textarea[name="body"]').fill('Curfew in Kyiv lifted at 05:00.');
      await compose.getByLabel('Publish at (optional)').fill('2030-01-15T09:30');
      await page.getByRole('button', { name: 'Publish' }).click();
      await compose.locator('.nr-status', { hasText: 'Scheduled.' }).waitFor();
      const scheduled = (await t.store.submissions.listPending(storyId)).find((s) =>
        s.content.body.startsWith('Curfew in Kyiv'),
      );
      assert.equal(scheduled?.publishAt, '2030-01-15T07:30:00.000Z', '09:30 in Kyiv (EET, UTC+2)');
      await t.publishing.removeUpdate(SCHEDULER, scheduled!.id);
      await close();
    });
  });

  describe('bylines and photo captions', () => {
    it('publishes a photo with caption and credit and two authors, shown live to a reader and after an edit', async () => {
      const reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const readerPage = await reader.newPage();
      readerPage.on('pageerror', (error) => errors.push(error.message));
      const story = await t.store.stories.getById(storyId);
      await readerPage.goto(`${base}/ukraine-live/${story!.slug}`);

      const { page, close } = await signIn('olena@example.org');
      await page.goto(`${base}/newsroom/stories/${storyId}`);
      const compose = page.locator('#compose-form');
      await compose.locator('textarea[name="body"]').fill('Rescuers searched the damaged grain terminal.');
      await compose.getByLabel('Authors').fill('Olena Editor, Iryna Stringer');
      const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#4a5a6a' } })
        .jpeg()
        .toBuffer();
      await compose
        .locator('input[name="photo"]')
        .setInputFiles({ name: 'terminal.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await compose.getByLabel('Photo alt text').fill('Rescuers on a collapsed roof');
      await compose.getByLabel('Photo caption').fill('Rescuers at the grain terminal in Odesa');
      await compose.getByLabel('Photo credit').fill('Iryna Stringer / Dateline');
      await page.getByRole('button', { name: 'Publish' }).click();
      await compose.locator('.nr-status', { hasText: 'Published.' }).waitFor();

      // Live, without a reload: the photo's caption and credit, and the byline.
      const live = readerPage.locator('article[data-update-id]', { hasText: 'damaged grain terminal' });
      await live.locator('figcaption', { hasText: 'Rescuers at the grain terminal in Odesa' }).waitFor();
      assert.match(await live.locator('figcaption').innerText(), /Photo: Iryna Stringer \/ Dateline/);
      assert.equal(await live.locator('.update-author').innerText(), 'By Olena Editor and Iryna Stringer');

      // An edit in the composer changes the caption; the byline field shows both names.
      const article = page.locator('.nr-stream article', { hasText: 'damaged grain terminal' });
      await article.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('button', { name: 'Save changes' }).waitFor();
      assert.equal(await compose.getByLabel('Authors').inputValue(), 'Olena Editor, Iryna Stringer');
      assert.equal(await compose.getByLabel('Photo credit').inputValue(), 'Iryna Stringer / Dateline');
      await compose.getByLabel('Photo caption').fill('Rescuers at the grain terminal in Odesa on Tuesday');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await compose.locator('.nr-status', { hasText: 'Saved.' }).waitFor();
      await live.locator('figcaption', { hasText: 'in Odesa on Tuesday' }).waitFor();
      await readerPage.reload();
      assert.match(await live.locator('figcaption').innerText(), /in Odesa on Tuesday/);
      assert.equal(await live.locator('.update-author').innerText(), 'By Olena Editor and Iryna Stringer');
      await close();
      await reader.close();
    });
  });

  describe('small things that add up', () => {
    it('tells a contributor what Ctrl+Enter does, and it does it', async () => {
      const { page, close } = await signIn('stringer@example.org');
      await page.goto(`${base}/newsroom/stories/${storyId}`);
      assert.doesNotMatch(await page.locator('#compose-form').innerText(), /Ctrl\+Enter publishes/);
      await page.locator('#compose-form').getByText('Ctrl+Enter submits it for approval').waitFor();
      const body = page.locator('#compose-form textarea[name="body"]');
      await body.fill('Queues for water in Mykolaiv this morning.');
      await body.press('Control+Enter');
      await page.locator('.nr-submission', { hasText: 'Queues for water in Mykolaiv' }).waitFor();
      await close();
    });

    it('clears “Published.” on the next keystroke, says when it is editing, and follows the headline', async () => {
      const { page, close } = await signIn('olena@example.org');
      await page.goto(`${base}/newsroom/stories/${storyId}`);
      const compose = page.locator('#compose-form');
      const status = compose.locator('.nr-status');
      const body = compose.locator('textarea[name="body"]');

      await body.fill('Trains to Kyiv delayed after overnight strikes.');
      await page.getByRole('button', { name: 'Publish' }).click();
      await status.getByText('Published.').waitFor();
      const article = page.locator('.nr-stream article', { hasText: 'Trains to Kyiv delayed' });
      await body.fill('Metro stations in Kyiv used as shelters.');
      assert.equal(await status.innerText(), '', 'typing the next update clears it');
      const heading = page.locator('#compose-title');
      assert.equal(await heading.textContent(), 'New update');
      await article.getByRole('button', { name: 'Edit' }).click();
      await heading.getByText('Editing an update').waitFor();
      await compose.getByText('Ctrl+Enter: save changes').waitFor();
      await page.getByRole('button', { name: 'Cancel edit' }).click();
      await heading.getByText('New update').waitFor();

      await page.getByText('Story header').click();
      await page.locator('#header-form').getByLabel('Headline').fill('Kyiv under attack: live');
      await page.getByRole('button', { name: 'Save header' }).click();
      await page.locator('.nr-title h1', { hasText: 'Kyiv under attack: live' }).waitFor();
      assert.equal(await page.title(), 'Kyiv under attack: live – Dateline newsroom');
      // A colleague renames it: the open editor follows.
      const story = (await t.store.stories.getById(storyId))!;
      await t.liveBlog.patchStory(storyId, story.version, { headline: 'Kyiv: strikes and shelters' });
      await page.locator('.nr-title h1', { hasText: 'Kyiv: strikes and shelters' }).waitFor();
      assert.equal(await page.title(), 'Kyiv: strikes and shelters – Dateline newsroom');
      await close();
    });
  });
});
