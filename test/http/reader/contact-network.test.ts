/**
 * The contact network on actor pages (drawing, roles over time, timeline, period and kind filters,
 * "last contact with…") and the desk page /{desk}/contacts, over contacts stored with known days.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../../src/domain/days.ts';
import type { Contact, ContactActor, ContactKind } from '../../../src/domain/contacts.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { text } from './html.ts';

const person = (name: string, slug: string, role: string | null = null): ContactActor => ({
  kind: 'person',
  slug,
  name,
  role,
});
const PUTIN = person('Vladimir Putin', 'vladimir-putin', 'President of Russia');
const ROUHANI = person('Hassan Rouhani', 'hassan-rouhani', 'President of Iran');
const ERDOGAN = person('Recep Tayyip Erdogan', 'recep-tayyip-erdogan', 'President of Turkey');
const LAVROV = person('Sergei Lavrov', 'sergei-lavrov', 'Foreign Minister of Russia');
const ZARIF = person('Javad Zarif', 'javad-zarif', 'Foreign Minister of Iran');

describe('contact network pages', () => {
  let t: TestApp;
  let deskSlug: string;
  let storyPath: string;
  const today = new Date().toISOString().slice(0, 10);
  const updates: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'UTC' });
    deskSlug = desk.slug;
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Diplomacy over Syria' });
    storyPath = `/${desk.slug}/${story.slug}`;
    const other = await t.liveBlog.createDesk({ name: 'Ukraine Desk', timezone: 'UTC' });
    const otherStory = await t.liveBlog.createStory({ desk: other.slug, headline: 'Elsewhere' });
    // Actor pages exist for whom the enricher read in a published update; these updates' own
    // contacts are cleared so that the contacts below, with known days, are all there is.
    for (const body of [
      "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.",
      "Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan.",
    ]) {
      const update = await t.liveBlog.publishUpdate(story.id, { body }, 'Desk');
      await t.enrichment.idle();
      await t.store.contacts.replaceForUpdate(update.id, update.version, []);
    }
    // Each seeded contact gets its own update; the text says nothing the enricher would read as one.
    const seed = async (
      name: string,
      a: ContactActor,
      b: ContactActor,
      kind: ContactKind,
      daysAgo: number,
      storyId = story.id,
    ) => {
      const update = await t.liveBlog.publishUpdate(storyId, { body: `Note ${name}.` }, 'Desk');
      await t.enrichment.idle();
      const contact: Contact = {
        updateId: update.id,
        storyId,
        ordinal: 1,
        kind,
        channel: null,
        a,
        b,
        place: null,
        country: null,
        date: addDays(today, -daysAgo),
        dateSource: 'text',
        reportedAt: update.publishedAt,
        sentence: `${a.name} and ${b.name}: ${name}.`,
        source: 'extracted',
        templateId: `${update.id}-1`,
      };
      assert.ok(await t.store.contacts.replaceForUpdate(update.id, update.version, [contact]));
      updates[name] = update.id;
    };
    await seed('old call', PUTIN, { ...ROUHANI, role: 'President-elect of Iran' }, 'call', 400);
    await seed('spring call', PUTIN, ROUHANI, 'call', 60);
    await seed('recent call', PUTIN, ROUHANI, 'call', 10);
    await seed('meeting', ERDOGAN, PUTIN, 'meeting', 20);
    await seed('trilateral', ROUHANI, ERDOGAN, 'talks', 15);
    await seed('ministers', LAVROV, ZARIF, 'talks', 3);
    await seed('lavrov putin', PUTIN, LAVROV, 'meeting', 2);
    await seed('other desk', PUTIN, person('Olaf Scholz', 'olaf-scholz'), 'call', 1, otherStory.id);
    // A contact in a draft story of the same desk: not published, so on no page.
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: desk.slug, headline: 'Unpublished', status: 'draft' },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    await seed('draft', PUTIN, person('Secret Envoy', 'secret-envoy'), 'meeting', 1, draft.json().id);
  });
  after(() => t.close());

  const page = async (url: string, status = 200) => {
    const response = await t.app.inject({ url });
    assert.equal(response.statusCode, status, `${url}: ${response.body.slice(0, 300)}`);
    return response;
  };
  const sectionOf = (html: string, id: string) =>
    new RegExp(`<section[^>]*aria-labelledby="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

  it("draws Putin's counterparts as SVG links to their pages, beside the ranked list", async () => {
    const { body } = await page('/people/vladimir-putin');
    const drawing = sectionOf(body, 'network-title');
    assert.match(drawing, /<svg class="network-svg"/);
    for (const slug of ['hassan-rouhani', 'recep-tayyip-erdogan', 'sergei-lavrov', 'olaf-scholz'])
      assert.ok(drawing.includes(`href="/people/${slug}"`), `${slug} drawn and linked`);
    assert.ok(!body.includes('Secret Envoy'), "a draft story's contact is on no page");
    // Four lines from Putin, and one between two of his counterparts (Rouhani and Erdogan talked).
    assert.equal(drawing.match(/<line /g)?.length, 5, drawing);
    assert.match(sectionOf(body, 'talked-to-title'), /Hassan Rouhani/);
    // The page loads only the drawing's script.
    assert.match(body, /<script src="\/assets\/network\.[0-9a-f]+\.js" defer>/);
  });

  it('lists the roles contacts gave an actor, with first and last seen', async () => {
    const roles = text(sectionOf((await page('/people/hassan-rouhani')).body, 'roles-title'));
    assert.match(roles, /President of Iran/);
    assert.match(roles, /President-elect of Iran/);
    // The newest role first.
    assert.ok(roles.indexOf('President of Iran') < roles.indexOf('President-elect of Iran'), roles);
  });

  it('shows a timeline of contacts by month, each linked to its update', async () => {
    const timeline = sectionOf((await page('/people/hassan-rouhani')).body, 'contact-timeline-title');
    for (const name of ['old call', 'spring call', 'recent call'])
      assert.ok(timeline.includes(`href="${storyPath}/updates/${updates[name]}"`), name);
    assert.ok(timeline.indexOf(updates['recent call']!) < timeline.indexOf(updates['old call']!));
    assert.ok((timeline.match(/<h3>/g)?.length ?? 0) >= 2, 'grouped by month');
  });

  it('filters by period and kind from the query string', async () => {
    const from = addDays(today, -30);
    const { body } = await page(`/people/vladimir-putin?from=${from}&kind=call`);
    const list = sectionOf(body, 'talked-to-title');
    assert.match(list, /Hassan Rouhani/);
    assert.doesNotMatch(list, /Recep Tayyip Erdogan/, 'a meeting is not a call');
    const timeline = sectionOf(body, 'contact-timeline-title');
    assert.ok(timeline.includes(updates['recent call']!));
    assert.ok(!timeline.includes(updates['spring call']!), 'before the period');
    // The form shows what is chosen, and the drawing's links keep the filter.
    assert.match(body, new RegExp(`<input type="date" name="from" value="${from}"`));
    assert.match(body, /<option value="call" selected>/);
    assert.ok(body.includes(`href="/people/hassan-rouhani?from=${from}&amp;kind=call"`));
    assert.match(body, /<meta name="robots" content="noindex, follow"/, 'a variant of the canonical page');
    const empty = await page(`/people/vladimir-putin?kind=threat`);
    assert.match(text(empty.body), /No contacts of Vladimir Putin in this period and kind/);
  });

  it('answers bad filters with 400', async () => {
    for (const query of [
      'from=yesterday',
      'kind=coup',
      `from=${today}&to=${addDays(today, -1)}`,
      'to=2026-02-30',
    ])
      await page(`/people/vladimir-putin?${query}`, 400);
    await page(`/${deskSlug}/contacts?kind=coup`, 400);
  });

  it('says when a pair last talked, with the source, or that there is no contact on record', async () => {
    const { body } = await page('/people/vladimir-putin?with=Hassan+Rouhani');
    const answer = text(sectionOf(body, 'pair-since-title'));
    assert.match(answer, /last contact: .+ \(10 days ago\)/);
    assert.ok(
      sectionOf(body, 'pair-since-title').includes(`href="${storyPath}/updates/${updates['recent call']}"`),
    );
    const none = text(
      sectionOf((await page('/people/vladimir-putin?with=Javad+Zarif')).body, 'pair-since-title'),
    );
    assert.match(none, /No contact on record between Vladimir Putin and Javad Zarif/);
    // By slug, from either side of the stored contact.
    const bySlug = text(
      sectionOf((await page('/people/recep-tayyip-erdogan?with=vladimir-putin')).body, 'pair-since-title'),
    );
    assert.match(bySlug, /\(20 days ago\)/);
    // Part of a counterpart's name finds them.
    const partName = text(
      sectionOf((await page('/people/vladimir-putin?with=erdogan')).body, 'pair-since-title'),
    );
    assert.match(partName, /Recep Tayyip Erdogan — last contact: .+ \(20 days ago\)/);
    // What a reader typed is shown as text, never as markup.
    const typed = await page(
      `/people/vladimir-putin?with=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    );
    assert.ok(!typed.body.includes('<img src=x'), 'escaped');
  });

  it("draws a desk's network of the last 30 days, the most connected actors and new pairs", async () => {
    const response = await page(`/${deskSlug}/contacts`);
    assert.equal(response.headers['cache-control'], 'public, max-age=30');
    const { body } = response;
    assert.match(body, /<h1>Who talked to whom<\/h1>/);
    const drawing = sectionOf(body, 'network-title');
    assert.ok(drawing.includes('href="/people/vladimir-putin"'));
    assert.ok(!drawing.includes('olaf-scholz'), "another desk's contacts stay off");
    assert.ok(!body.includes('secret-envoy'), "a draft story's contacts stay off");
    assert.ok(!drawing.includes('President-elect'), 'older than 30 days');
    const ranked = text(sectionOf(body, 'ranked-title'));
    // Putin: Rouhani, Erdogan, Lavrov in the last 30 days.
    assert.match(ranked, /Vladimir Putin 3 3/);
    const fresh = sectionOf(body, 'fresh-title');
    // Lavrov–Zarif and Putin–Lavrov are first seen this week; Putin–Rouhani is not.
    assert.match(text(fresh), /Sergei Lavrov and Javad Zarif|Javad Zarif and Sergei Lavrov/);
    assert.match(text(fresh), /Sergei Lavrov and Vladimir Putin|Vladimir Putin and Sergei Lavrov/);
    assert.doesNotMatch(text(fresh), /Rouhani/);
    assert.ok(fresh.includes(`href="${storyPath}/updates/${updates['ministers']}"`), 'linked to the source');
  });

  it("filters a desk's network by period and kind", async () => {
    const from = addDays(today, -500);
    const body = (await page(`/${deskSlug}/contacts?from=${from}&kind=call`)).body;
    const ranked = text(sectionOf(body, 'ranked-title'));
    assert.match(ranked, /Hassan Rouhani 1 3/);
    assert.doesNotMatch(ranked, /Lavrov/);
    assert.match(body, /<meta name="robots" content="noindex, follow"/);
  });

  it('is a 404 for an unknown desk', async () => {
    await page('/no-such-desk/contacts', 404);
  });
});
