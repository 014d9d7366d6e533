/**
 * The contact network pages in Chromium, at 375 and 1280 px: an actor's drawing and the desk page
 * /{desk}/contacts fit without sideways scrolling, keep their tables, and a dot in the drawing is a
 * link that leads to the actor's page; pointing at a dot brings its neighbours forward. Set
 * DATELINE_SCREENSHOTS=1 to refresh docs/screenshots/network-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { addDays } from '../../src/domain/days.ts';
import type { ContactActor } from '../../src/domain/contacts.ts';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

const person = (name: string, role: string | null = null): ContactActor => ({
  kind: 'person',
  slug: name.toLowerCase().replace(/ /g, '-'),
  name,
  role,
});

describe('contact network pages, in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let deskSlug: string;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    deskSlug = desk.slug;
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Diplomacy over Syria' });
    // Putin's page exists because the enricher read him in a published update.
    await t.liveBlog.publishUpdate(
      story.id,
      {
        body: "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.",
        claimStatus: 'verified',
      },
      'Desk',
    );
    await t.enrichment.idle();
    // A wider network stored directly: twelve counterparts, some of whom talked to each other.
    const putin = person('Vladimir Putin', 'President of Russia');
    const others = [
      person('Hassan Rouhani', 'President of Iran'),
      person('Recep Tayyip Erdogan', 'President of Turkey'),
      person('Bashar al-Assad', 'President of Syria'),
      person('Sergei Lavrov', 'Foreign Minister of Russia'),
      person('Javad Zarif', 'Foreign Minister of Iran'),
      person('Mevlut Cavusoglu', 'Foreign Minister of Turkey'),
      person('Staffan de Mistura', 'UN Special Envoy for Syria'),
      person('Alexander Lavrentiev', 'Presidential Envoy for Syria'),
      person('Ali Akbar Velayati'),
      person('Hulusi Akar', 'Chief of the General Staff of Turkey'),
      person('Sergei Shoigu', 'Defence Minister of Russia'),
      person('Ali Shamkhani', 'Secretary of the Supreme National Security Council of Iran'),
    ];
    const today = new Date().toISOString().slice(0, 10);
    const pairs: [ContactActor, ContactActor][] = [
      ...others.map((o) => [putin, o] as [ContactActor, ContactActor]),
      [others[0]!, others[1]!],
      [others[3]!, others[4]!],
      [others[4]!, others[5]!],
      [others[6]!, others[2]!],
      [others[10]!, others[9]!],
    ];
    for (const [i, [a, b]] of pairs.entries()) {
      const update = await t.liveBlog.publishUpdate(story.id, { body: `Diplomatic note ${i}.` }, 'Desk');
      await t.enrichment.idle();
      await t.store.contacts.replaceForUpdate(update.id, update.version, [
        {
          updateId: update.id,
          storyId: story.id,
          ordinal: 1,
          kind: i % 3 === 0 ? 'meeting' : 'call',
          channel: null,
          a,
          b,
          place: null,
          country: null,
          date: addDays(today, -(i % 9)),
          dateSource: 'text',
          reportedAt: update.publishedAt,
          sentence: `${a.name} and ${b.name} were in contact, by note ${i}.`,
          source: 'extracted',
          templateId: `${update.id}-1`,
        },
      ]);
    }
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (width: number, path: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}${path}`);
    return page;
  };
  const sideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const screenshot = async (page: Page, name: string) => {
    if (process.env['DATELINE_SCREENSHOTS'] !== '1') return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
  };

  for (const width of [375, 1280]) {
    it(`draws Putin's network at ${width} px; a dot links to the counterpart's page`, async () => {
      const page = await open(width, '/people/vladimir-putin');
      const drawing = page.getByRole('group', { name: /Vladimir Putin and the actors reported in contact/ });
      await drawing.waitFor();
      await screenshot(page, `network-actor-${width}`);
      assert.ok((await sideways(page)) <= 0, 'the page scrolls sideways');
      const box = await drawing.boundingBox();
      assert.ok(box !== null && box.width <= width, `the drawing fits (${box?.width} px)`);
      // The ranked list and the roles table are there as the drawing's accessible twins.
      assert.equal(
        await page.getByRole('region', { name: 'Talked to' }).locator('.talked-to-item').count(),
        12,
      );
      await page.getByRole('table').filter({ hasText: 'President of Russia' }).waitFor();
      // "Last contact with…": part of a name finds the counterpart; the answer links the source.
      await page.getByRole('combobox', { name: 'Counterpart' }).fill('Erdogan');
      await page.getByRole('button', { name: 'When did they last talk?' }).click();
      const answer = page.getByRole('status').filter({ hasText: 'last contact' });
      await answer.getByRole('link', { name: 'source' }).waitFor();
      assert.match(
        await answer.innerText(),
        /Recep Tayyip Erdogan — last contact: .+ \((today|\d+ days? ago)\)/,
      );
      assert.ok((await sideways(page)) <= 0, 'the answer fits');
      // Pointing at Rouhani's dot fades actors who are not his neighbours.
      const rouhani = drawing.getByRole('link', { name: /^Hassan Rouhani/ });
      await rouhani.locator('circle').hover();
      await page.locator('svg.network-svg.is-focused').waitFor();
      assert.equal(await drawing.locator('.network-node.is-near').count(), 3, 'Rouhani, Putin, Erdogan');
      await rouhani.locator('circle').click();
      await page.waitForURL(/\/people\/hassan-rouhani$/);
      await page.getByRole('heading', { name: 'Hassan Rouhani', level: 1 }).waitFor();
      await page.context().close();
    });

    it(`shows the desk's network at ${width} px with its tables; a dot leads to the actor`, async () => {
      const page = await open(width, `/${deskSlug}/contacts`);
      const drawing = page.getByRole('group', { name: /most connected actors/ });
      await drawing.waitFor();
      await screenshot(page, `network-desk-${width}`);
      assert.ok((await sideways(page)) <= 0, 'the page scrolls sideways');
      const ranked = page.getByRole('region', { name: 'Most connected' }).getByRole('table');
      await ranked.getByRole('rowheader', { name: 'Vladimir Putin' }).waitFor();
      await page.getByRole('region', { name: 'New contacts this week' }).getByRole('table').waitFor();
      // Filters work without script: a plain GET form.
      await page.getByRole('combobox', { name: /^Kind/ }).selectOption('meeting');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/kind=meeting/);
      await drawing.waitFor();
      // Rouhani met Putin and Erdogan: his dot is drawn, and its link keeps the kind.
      await drawing
        .getByRole('link', { name: /^Hassan Rouhani/ })
        .locator('circle')
        .click();
      await page.waitForURL(/\/people\/hassan-rouhani\?.*kind=meeting/);
      await page.getByRole('heading', { name: 'Hassan Rouhani', level: 1 }).waitFor();
      await page.context().close();
    });
  }
});
