/**
 * Related coverage for the composer: a draft's names and places find earlier updates and pages, each
 * with a "See …" cross-link that renders, once inserted, as a styled link to the earlier coverage.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Desk, Story, Update } from '../../src/domain/types.ts';
import { relatedTerms } from '../../src/related/related-coverage.ts';
import { renderMarkdown } from '../../src/render/markdown.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface Suggestion {
  kind: string;
  id: string;
  url: string;
  label: string;
  markdown: string;
}

describe('related coverage', () => {
  let t: TestApp;
  let iran: Desk;
  let earlier: Story;
  let talks: Update;
  let today: Story;

  before(async () => {
    t = await createTestApp();
    iran = await t.liveBlog.createDesk({ name: 'Iran Daily', timezone: 'Asia/Tehran' });
    earlier = (await t.liveBlog.openDaily(iran, '2026-05-24', 'any'))!;
    talks = await t.liveBlog.publishUpdate(
      earlier.id,
      {
        headline: 'Talks resume in Muscat',
        body: 'Omani mediators host Iranian and American delegations in Muscat.',
      },
      'desk',
    );
    await t.liveBlog.publishUpdate(earlier.id, { body: 'Fuel prices rise in Tehran.' }, 'desk');
    today = (await t.liveBlog.openDaily(iran, '2026-05-27', 'any'))!;
    await t.liveBlog.publishUpdate(today.id, { body: 'Muscat prepares for another round.' }, 'desk');
  });
  after(() => t.close());

  it('takes names, places and distinctive words from a draft', () => {
    assert.deepEqual(
      relatedTerms('On Saturday the Omani foreign minister said talks in Muscat would continue.'),
      ['omani', 'muscat', 'foreign', 'minister', 'continue'],
    );
  });

  it('suggests earlier updates that share the draft’s names, with a cross-link to insert', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/related',
      headers: t.auth(t.editorToken),
      payload: { text: 'Delegations are back in Muscat, Omani officials say.', storyId: today.id },
    });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json<{ items: Suggestion[] }>().items;
    assert.equal(items[0]?.id, talks.id, 'the update sharing most names first');
    assert.ok(!items.some((item) => item.url.includes('2026-05-27')), 'not the page being written');
    assert.equal(items[0]?.label, 'See Iran Daily, 24 May: Talks resume in Muscat');
    const url = `/${iran.slug}/2026-05-24/updates/${talks.id}`;
    assert.equal(items[0]?.url, url);
    assert.equal(items[0]?.markdown, `[See Iran Daily, 24 May: Talks resume in Muscat](${url})`);

    const inserted = await t.liveBlog.publishUpdate(
      today.id,
      { body: `Mediators return. ${items[0]!.markdown}` },
      'desk',
    );
    assert.match(
      inserted.bodyHtml,
      new RegExp(`<a href="${url}" class="cross-link">See Iran Daily, 24 May: Talks resume in Muscat</a>`),
    );
    const page = await t.app.inject({ url: `/${iran.slug}/2026-05-27` });
    assert.match(page.body, /class="cross-link"/);
  });

  it('finds earlier coverage by the names the pipeline reads in the draft, whatever the spelling', async () => {
    const yemen = await t.liveBlog.createDesk({ name: 'Yemen Daily', timezone: 'Asia/Aden' });
    const before = (await t.liveBlog.openDaily(yemen, '2026-05-20', 'any'))!;
    const strike = await t.liveBlog.publishUpdate(
      before.id,
      { body: 'The Houthis claimed a strike on a tanker off Hodeidah.' },
      'desk',
    );
    await t.liveBlog.publishUpdate(before.id, { body: 'A tanker ran aground off Aden.' }, 'desk');
    await t.enrichment.idle();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/related',
      headers: t.auth(t.editorToken),
      // "Ansar Allah" is the movement's own name; earlier copy called it the Houthis.
      payload: { text: 'Ansar Allah says it fired missiles at a tanker.' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const [first] = res.json<{ items: (Suggestion & { shared: string[] })[] }>().items;
    assert.equal(first?.id, strike.id, 'the update naming the same movement first, above a shared word');
    assert.deepEqual(first?.shared, ['Houthis']);
    assert.equal(
      first?.label,
      'See Yemen Daily, 20 May: The Houthis claimed a strike on a tanker off Hodeidah.',
    );
  });

  it('keeps an earlier headline’s markup as text in the cross-link it suggests', async () => {
    const story = (await t.liveBlog.openDaily(iran, '2026-05-25', 'any'))!;
    const odd = await t.liveBlog.publishUpdate(
      story.id,
      { headline: 'Zahedan <img src=x onerror=alert(1)> [notes]', body: 'Protests in Zahedan.' },
      'desk',
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/related',
      headers: t.auth(t.editorToken),
      payload: { text: 'More protests reported in Zahedan.' },
    });
    const item = res.json<{ items: Suggestion[] }>().items.find((i) => i.id === odd.id);
    assert.ok(item);
    const html = renderMarkdown(item.markdown);
    assert.doesNotMatch(html, /<img/);
    assert.match(
      html,
      /class="cross-link">See Iran Daily, 25 May: Zahedan &lt;img src=x onerror=alert\(1\)&gt; \[notes\]<\/a>/,
    );
  });

  it('styles only links to the site’s own stories and updates', () => {
    assert.match(renderMarkdown('[See Syria Daily](/syria-daily/2026-05-20)'), /class="cross-link"/);
    const external = renderMarkdown('<a href="https://example.org/x" class="cross-link">elsewhere</a>');
    assert.doesNotMatch(external, /class=/, 'an author cannot dress an outside link as a cross-link');
    assert.match(external, /rel="noopener noreferrer nofollow"/);
  });

  it('is for editors', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/related',
      payload: { text: 'Muscat' },
    });
    assert.equal(anonymous.statusCode, 401);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/related',
      headers: t.auth(t.editorToken),
      payload: { text: 'Muscat', limit: 500 },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ field: string }>().field, 'limit');
  });
});
