/**
 * "Talked to" on actor pages: the counterparts of a person's contacts, ranked, each linked to its page,
 * with counts, kinds, the last contact and the updates (permalinks, claim status) that reported them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { text } from './html.ts';

describe('talked to, on actor pages', () => {
  let t: TestApp;
  let storyId: string;
  let storyPath: string;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: desk.slug, headline: 'Diplomacy', status: 'live' },
    });
    assert.equal(story.statusCode, 201, story.body);
    const created = story.json() as { id: string; slug: string };
    storyId = created.id;
    storyPath = `/${desk.slug}/${created.slug}`;
  });
  after(() => t.close());

  const publish = async (body: string, claimStatus: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body, claimStatus },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string };
  };
  /** The HTML of the "Talked to" section of `url`, or '' when the page has none. */
  const section = async (url: string) => {
    const response = await t.app.inject({ url });
    assert.equal(response.statusCode, 200, response.body);
    return /<section class="talked-to"[\s\S]*?<\/section>/.exec(response.body)?.[0] ?? '';
  };
  /** Each counterpart's list item, in the page's order. */
  const items = (html: string) => html.split('<li class="talked-to-item">').slice(1);

  it("lists Putin's counterparts, each linked to its page, with the updates reporting the calls", async () => {
    const rouhani = await publish(
      "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.",
      'verified',
    );
    const erdogan = await publish(
      "Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan.",
      'claimed',
    );
    const again = await publish(
      "Putin spoke by phone with Iran's President Hassan Rouhani again.",
      'verified',
    );
    await t.enrichment.idle();

    const html = await section('/people/vladimir-putin');
    assert.match(html, /<h2 id="talked-to-title">Talked to<\/h2>/);
    const [first, second, ...rest] = items(html);
    assert.deepEqual(rest, [], html);
    assert.ok(first !== undefined && second !== undefined, html);
    // Rouhani first: two calls against one.
    assert.match(first, /<a href="\/people\/hassan-rouhani">Hassan Rouhani<\/a>/);
    assert.match(text(first), /President of Iran/);
    assert.match(text(first), /Contacts 2 Kinds 2 calls Last contact/);
    assert.ok(first.includes(`href="${storyPath}/updates/${rouhani.id}"`), first);
    assert.ok(first.includes(`href="${storyPath}/updates/${again.id}"`), first);
    assert.match(text(first), /Claim status: Verified/);
    assert.match(second, /<a href="\/people\/recep-tayyip-erdogan">Recep Tayyip Erdo[gğ]an<\/a>/);
    assert.match(text(second), /Contacts 1 Kinds 1 call Last contact/);
    assert.match(second, /<time dateTime="\d{4}-\d{2}-\d{2}">/i);
    assert.ok(second.includes(`href="${storyPath}/updates/${erdogan.id}"`), second);
    assert.match(text(second), /Claim status: Claimed/);

    // The counterpart's page lists Putin back.
    assert.match(
      await section('/people/hassan-rouhani'),
      /<a href="\/people\/vladimir-putin">Vladimir Putin<\/a>/,
    );
  });

  it("drops a deleted update's contact, and the counterpart with it when it was the only one", async () => {
    const before = items(await section('/people/vladimir-putin'));
    const erdoganItem = before.find((item) => item.includes('/people/recep-tayyip-erdogan'));
    const updateId = /\/updates\/([^"]+)"/.exec(erdoganItem ?? '')?.[1];
    assert.ok(updateId, 'the Erdoğan call is listed before the delete');
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${updateId}`,
      headers: t.auth(t.editorToken),
    });
    assert.ok(deleted.statusCode < 300, deleted.body);

    const html = await section('/people/vladimir-putin');
    assert.doesNotMatch(html, /recep-tayyip-erdogan|Erdo[gğ]an/);
    assert.ok(!html.includes(updateId));
    assert.equal(items(html).length, 1);
    assert.match(html, /hassan-rouhani/);
  });

  it('shows no section on places, nor for an actor without contacts', async () => {
    await publish(
      'Residents of Idlib reported shelling, the Syrian Observatory for Human Rights said.',
      'claimed',
    );
    await t.enrichment.idle();
    assert.equal(await section('/places/idlib-sy'), '');
    assert.equal(await section('/organizations/syrian-observatory-for-human-rights'), '');
  });
});
