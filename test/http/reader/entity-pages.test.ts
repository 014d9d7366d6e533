/**
 * Entity pages list every published update of a public story that names a person, organisation or
 * place, newest first; names in updates on reader pages link to them; drafts and submissions never leak.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { text } from './html.ts';

describe('entity pages', () => {
  let t: TestApp;
  let liveId: string;
  let draftId: string;
  let storyPath: string;

  before(async () => {
    t = await createTestApp();
    const desk = await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
    const create = async (headline: string, status: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories',
        headers: t.auth(t.editorToken),
        payload: { desk: desk.slug, headline, status },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: string; slug: string };
    };
    const live = await create('Darfur fighting', 'live');
    liveId = live.id;
    storyPath = `/${desk.slug}/${live.slug}`;
    draftId = (await create('Secret draft', 'draft')).id;
  });
  after(() => t.close());

  const publish = async (storyId: string, body: string, extra: object = {}, token = t.editorToken) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(token),
      payload: { body, ...extra },
    });
    assert.ok(response.statusCode === 201 || response.statusCode === 202, response.body);
    return response.json() as { id: string; version: number };
  };

  it('lists the updates naming a place, newest first, with story, time and claim label; nothing from drafts or submissions', async () => {
    const first = await publish(liveId, 'RSF fighters shelled Kutum overnight.', { claimStatus: 'claimed' });
    const second = await publish(liveId, 'Aid reached Kutum, the UN said.', {
      headline: 'Convoy in Kutum',
      claimStatus: 'verified',
    });
    await publish(draftId, 'Draft only: an attack on Kutum market.');
    await publish(liveId, 'Contributor says Kutum market burned.', {}, t.contributorToken);
    await t.enrichment.idle();

    const response = await t.app.inject({ url: '/places/kutum-sd' });
    assert.equal(response.statusCode, 200, response.body);
    const html = response.body;
    assert.match(html, /<title>Kutum – Dateline<\/title>/);
    assert.match(html, /<link rel="canonical" href="http:\/\/localhost(:\d+)?\/places\/kutum-sd"/);
    assert.match(html, /<h1>Kutum<\/h1>/);
    assert.match(text(html), /Town, North Darfur, Sudan/);
    const page = text(html);
    assert.ok(page.indexOf('Convoy in Kutum') < page.indexOf('RSF fighters shelled Kutum'), page);
    assert.match(page, /Claim status: Verified/i);
    assert.match(page, /Claim status: Claimed/i);
    assert.match(page, /Darfur fighting/);
    assert.ok(
      html.includes(`${storyPath}/updates/${first.id}`) && html.includes(`${storyPath}/updates/${second.id}`),
    );
    assert.doesNotMatch(page, /Draft only|Secret draft|market burned/);
    assert.doesNotMatch(html, /<script src=/, 'readable without JavaScript: no script is needed');

    const org = await t.app.inject({ url: '/organizations/rapid-support-forces' });
    assert.equal(org.statusCode, 200);
    assert.match(text(org.body), /RSF fighters shelled Kutum/);
    assert.doesNotMatch(text(org.body), /Convoy in Kutum/);
  });

  it('links names in updates on the story and update pages to their entity pages', async () => {
    const update = await publish(liveId, 'Sergei Lavrov met RSF envoys; Lavrov later spoke of El Fasher.');
    await t.enrichment.idle();
    const story = await t.app.inject({ url: storyPath });
    assert.match(story.body, /<a class="entity-link" href="\/people\/sergei-lavrov">Sergei Lavrov<\/a>/);
    assert.match(story.body, /<a class="entity-link" href="\/places\/el-fasher-sd">El Fasher<\/a>/);
    assert.equal((story.body.match(/href="\/people\/sergei-lavrov"/g) ?? []).length, 1, 'first mention only');
    const permalink = await t.app.inject({ url: `${storyPath}/updates/${update.id}` });
    assert.match(
      permalink.body,
      /<a class="entity-link" href="\/organizations\/rapid-support-forces">RSF<\/a>/,
    );
    const person = await t.app.inject({ url: '/people/sergei-lavrov' });
    assert.equal(person.statusCode, 200);
    assert.match(text(person.body), /Foreign Minister, Russia/);
  });

  it('drops an update from the timeline when an edit no longer names the entity, or it is deleted', async () => {
    const update = await publish(liveId, 'Shelling in Tawila, residents said.');
    const gone = await publish(liveId, 'Tawila again, later deleted.');
    await t.enrichment.idle();
    assert.match(text((await t.app.inject({ url: '/places/tawila-sd' })).body), /Shelling in Tawila/);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version, body: 'Shelling in Nyala, residents said.' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${gone.id}`,
      headers: t.auth(t.editorToken),
    });
    await t.enrichment.idle();
    const after = await t.app.inject({ url: '/places/tawila-sd' });
    assert.equal(after.statusCode, 404, 'no public update names it any more');
  });

  it('answers 404 pages for unknown entities and malformed slugs', async () => {
    for (const url of [
      '/people/nobody-at-all',
      '/places/Not%20A%20Slug',
      '/organizations/x?before=yesterday',
    ]) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /text\/html/);
      assert.match(response.body, /Page not found/);
    }
  });
});
