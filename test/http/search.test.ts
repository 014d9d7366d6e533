/**
 * Search over HTTP: the JSON API (documented in the OpenAPI document) and the /search page, which
 * works without JavaScript. Matching and filters on both engines are in test/store/search-contract.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Desk, Story, Update } from '../../src/domain/types.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { text } from './reader/html.ts';

interface SearchJson {
  query: string;
  items: { kind: string; id: string; url: string; snippetHtml: string; claimStatus: string | null }[];
  nextOffset: number | null;
}

describe('search over HTTP', () => {
  let t: TestApp;
  let desk: Desk;
  let story: Story;
  let verified: Update;
  let disputed: Update;
  const get = (url: string) => t.app.inject({ url });

  before(async () => {
    t = await createTestApp();
    desk = await t.liveBlog.createDesk({ name: 'Syria Daily' });
    story = await t.liveBlog.createStory({ desk: desk.slug, slug: 'ceasefire', headline: 'Ceasefire watch' });
    verified = await t.liveBlog.publishUpdate(
      story.id,
      {
        body: 'Convoy reached **Idlib** at dawn <script>x</script>.',
        claimStatus: 'verified',
        keyEvent: true,
      },
      'desk',
    );
    disputed = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'A second convoy was turned back, officials claim.', claimStatus: 'disputed' },
      'desk',
    );
    for (let i = 0; i < 25; i++) {
      await t.liveBlog.publishUpdate(story.id, { body: `Routine convoy report ${i}.` }, 'desk');
    }
  });
  after(() => t.close());

  it('answers GET /api/v1/search with ranked, highlighted hits and reader URLs', async () => {
    const res = await get('/api/v1/search?q=idlib');
    assert.equal(res.statusCode, 200);
    const body = res.json<SearchJson>();
    assert.equal(body.query, 'idlib');
    assert.equal(body.items.length, 1);
    const [hit] = body.items;
    assert.equal(hit?.id, verified.id);
    assert.equal(hit?.url, `/${desk.slug}/ceasefire/updates/${verified.id}`);
    assert.match(hit?.snippetHtml ?? '', /<mark>Idlib<\/mark>/);
    assert.doesNotMatch(hit?.snippetHtml ?? '', /<script>/);
    assert.equal((await get(hit!.url)).statusCode, 200, 'the URL opens the update');
  });

  it('filters by claim status and key events, and pages with nextOffset', async () => {
    const claimed = (await get('/api/v1/search?q=convoy&claim=disputed,verified')).json<SearchJson>();
    assert.deepEqual(new Set(claimed.items.map((i) => i.id)), new Set([verified.id, disputed.id]));
    const repeated = (await get('/api/v1/search?q=convoy&claim=disputed&claim=verified')).json<SearchJson>();
    assert.equal(repeated.items.length, 2, 'claim may be repeated');
    const key = (await get('/api/v1/search?q=convoy&keyEvents=true')).json<SearchJson>();
    assert.deepEqual(
      key.items.map((i) => i.id),
      [verified.id],
    );
    const first = (await get('/api/v1/search?q=convoy&limit=20')).json<SearchJson>();
    assert.equal(first.items.length, 20);
    assert.equal(first.nextOffset, 20);
    const second = (
      await get(`/api/v1/search?q=convoy&limit=20&offset=${first.nextOffset}`)
    ).json<SearchJson>();
    assert.equal(second.items.length, 7);
    assert.equal(second.nextOffset, null);
  });

  it('names the field at fault in a problem document', async () => {
    for (const [url, field] of [
      ['/api/v1/search', 'q'],
      ['/api/v1/search?q=x&from=yesterday', 'from'],
      ['/api/v1/search?q=x&claim=rumour', 'claim'],
      ['/api/v1/search?q=x&limit=500', 'limit'],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json<{ field: string }>().field.split('.')[0], field, url);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    assert.ok(doc.paths['/search'], 'GET /search is documented');
    for (const path of ['/webhooks', '/webhooks/{id}', '/webhooks/{id}/deliveries', '/related']) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
  });

  it('serves a /search page with a labelled form, results and a next-page link, without JavaScript', async () => {
    const empty = await get('/search');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<form[^>]*role="search"/);
    assert.match(empty.body, /<label for="search-q">/);
    assert.doesNotMatch(empty.body, /<script src=/, 'no script needed');
    assert.match(empty.body, /<meta name="robots" content="noindex/);

    const res = await get('/search?q=convoy&claim=verified&claim=disputed');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<mark>convoy<\/mark>/i);
    assert.match(res.body, new RegExp(`href="/${desk.slug}/ceasefire/updates/${verified.id}"`));
    assert.match(res.body, /<input type="checkbox" name="claim" value="verified" checked/);
    assert.doesNotMatch(res.body, /<script>x/);

    const many = await get('/search?q=convoy');
    assert.match(many.body, /rel="next" href="\/search\?q=convoy&amp;offset=20"/);
    assert.match(text(many.body), /Results for “convoy”/);

    const none = await get('/search?q=zanzibar');
    assert.match(text(none.body), /No results for “zanzibar”/);
  });

  it('names a daily page once above its hits, and a standalone story after its desk', async () => {
    const daily = await t.liveBlog.openDaily(desk, '2026-05-27', 'any');
    assert.ok(daily);
    await t.liveBlog.publishUpdate(daily.id, { body: 'Marmalade shipment reached the port.' }, 'desk');
    const kickers = (body: string) =>
      [...body.matchAll(/<p class="kicker">([\s\S]*?)<\/p>/g)].map((m) => text(m[1]!).trim());
    assert.deepEqual(kickers((await get('/search?q=marmalade')).body), ['Update Syria Daily, 27 May']);
    assert.ok(kickers((await get('/search?q=turned')).body).includes('Update Syria Daily · Ceasefire watch'));
  });

  it('shows a bad filter on the page instead of failing', async () => {
    const res = await get('/search?q=convoy&from=not-a-date');
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /could not be run: from/);
    assert.match(res.body, /value="convoy"/, 'the words are kept');
  });
});
