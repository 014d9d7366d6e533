/**
 * Accessibility of reader pages in Chromium: axe-core (WCAG 2.1 A and AA rules) finds no violation on
 * the front, desk, story, update, search and archive pages, in light and dark colour schemes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('reader pages pass axe-core', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const pages: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ sample: true });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const story = (await t.store.stories.listByStatus(['live'], 1))[0];
    assert.ok(story, 'sample content has a live page');
    const desk = (await t.store.desks.getById(story.deskId!))!;
    const update = (await t.store.updates.listByStory(story.id, { limit: 1 })).items[0]!;
    const storyPath = `/${desk.slug}/${story.slug}`;
    Object.assign(pages, {
      front: '/',
      desk: `/${desk.slug}`,
      story: storyPath,
      update: `${storyPath}/updates/${update.id}`,
      search: `/search?q=${encodeURIComponent(update.body.split(/\s+/)[1] ?? 'the')}`,
      'empty search': '/search',
      archive: `/archive/${desk.slug}`,
      'archive month': `/archive/${desk.slug}/${(story.date ?? story.createdAt).slice(0, 7)}`,
    });
    // Search results with every kind, and the names found in them offered as filters.
    await t.liveBlog.publishUpdate(
      story.id,
      { body: 'RSF fighters stormed Kutum after heavy fighting, General Abdel Fattah al-Burhan said.' },
      'desk',
    );
    await t.enrichment.idle();
    await t.statements.add({
      issuer: 'Ministry of Foreign Affairs of Valdoria',
      publishedAt: '2026-05-28T09:00:00Z',
      title: 'On the fighting in Darfur',
      text: 'The Ministry is alarmed by the fighting around Kutum.',
    });
    Object.assign(pages, {
      'search with statements and names': '/search?q=fighting',
      'search by a name': '/search?q=fighting&place=Kutum',
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no violations in the ${colorScheme} scheme`, async () => {
      const context = await browser.newContext({ colorScheme });
      const found: string[] = [];
      for (const [name, path] of Object.entries(pages)) {
        const page = await context.newPage();
        await page.goto(`${base}${path}`);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        assert.ok(results.passes.length > 20, `axe ran its rules on ${name}`);
        for (const violation of results.violations) {
          found.push(
            `${name} (${path}): ${violation.id} – ${violation.help}: ${violation.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
          );
        }
        await page.close();
      }
      await context.close();
      assert.deepEqual(found, []);
    });
  }
});
