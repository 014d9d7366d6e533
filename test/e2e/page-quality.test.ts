/**
 * Accessibility of reader pages in Chromium: axe-core (WCAG 2.1 A and AA rules) finds no violation on
 * the front, desk, story, update, search, archive and entity pages, in light and dark colour schemes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
import { type Browser, type Page } from 'playwright-core';
import { entitiesOf, entityPath } from '../../src/enrich/entities.ts';
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
    // The sample's places are made up: an update naming a real town gives an entity page, and a linked name.
    const named = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'Shelling was reported near Kutum in Sudan, residents said.', claimStatus: 'claimed' },
    });
    assert.equal(named.statusCode, 201, named.body);
    await t.enrichment.idle();
    const enriched = await t.store.enrichments.get(named.json().id);
    const place = entitiesOf(enriched!.enrichment).find((e) => e.kind === 'place');
    assert.ok(place, 'the update names a place');
    Object.assign(pages, {
      entity: entityPath(place.kind, place.slug),
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

  // One test per page and scheme: each stays far inside the per-test watchdog on a loaded machine.
  const PAGE_NAMES = [
    'entity',
    'front',
    'desk',
    'story',
    'update',
    'search',
    'empty search',
    'archive',
    'archive month',
    'search with statements and names',
    'search by a name',
  ];
  const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
  // The dark scheme only swaps reader.css's colour variables, so in it only the rules that read colours
  // can find anything new (axe tags them cat.color: color-contrast, link-in-text-block); the other ~95
  // rules would see the same page as in the light scheme.
  const COLOUR_RULES = axe
    .getRules(TAGS)
    .filter((rule) => rule.tags.includes('cat.color'))
    .map((rule) => rule.ruleId);
  // One tab per scheme, which each test loads afresh: a context and renderer per test cost ~0.2 s of CPU
  // more, and reader pages keep nothing between loads that changes what they show.
  const tabs: Partial<Record<'light' | 'dark', Page>> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const name of PAGE_NAMES) {
      it(`has no violations on the ${name} page in the ${colorScheme} scheme`, async () => {
        const path = pages[name];
        assert.ok(path, `the ${name} page was set up`);
        const page = (tabs[colorScheme] ??= await browser.newPage({ colorScheme }));
        await page.goto(`${base}${path}`);
        // Legacy mode runs axe.run() in the page itself; the default also loads axe into a blank page per run
        // to merge the results of cross-origin frames, which reader pages lack (same results, 0.26 s less CPU).
        // Every rule still checks every node; only violations are reported node by node (passes by rule).
        const builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
        const results = await (
          colorScheme === 'light' ? builder.withTags(TAGS) : builder.withRules(COLOUR_RULES)
        ).analyze();
        if (colorScheme === 'light') assert.ok(results.passes.length > 20, `axe ran its rules on ${name}`);
        else
          assert.ok(
            results.passes.some((rule) => rule.id === 'color-contrast'),
            `axe checked the contrast on ${name}`,
          );
        const found = results.violations.map(
          (violation) =>
            `${name} (${path}): ${violation.id} – ${violation.help}: ${violation.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
        );
        assert.deepEqual(found, []);
      });
    }
  }
});
