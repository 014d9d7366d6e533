/**
 * Search over HTTP with statements and names: statements come back type-tagged and link to their
 * page; person, organisation and place filters narrow updates to those whose enrichment (the real
 * pipeline, run by the background worker) names them; the /search page offers those names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Update } from '../../src/domain/types.ts';
import type { Statement } from '../../src/statements/statement.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { text } from './reader/html.ts';

interface Item {
  kind: string;
  id: string;
  url: string;
  story: { id: string; url: string } | null;
  statement: { issuer: string; title: string } | null;
  titleHtml: string | null;
  snippetHtml: string;
}
interface SearchJson {
  items: Item[];
  facets?: { type: string; name: string; count: number }[];
}

describe('search over HTTP: statements and names', () => {
  let t: TestApp;
  let kutum: Update;
  let jeddah: Update;
  let statement: Statement;
  let appeal: Statement;
  const get = (url: string) => t.app.inject({ url });
  const ids = async (url: string) => new Set((await get(url)).json<SearchJson>().items.map((i) => i.id));

  before(async () => {
    t = await createTestApp();
    const desk = await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, slug: 'kutum', headline: 'Darfur watch' });
    kutum = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'RSF fighters stormed Kutum on Saturday after heavy fighting, residents said.' },
      'desk',
    );
    jeddah = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'General Abdel Fattah al-Burhan said the fighting must stop before talks in Jeddah resume.' },
      'desk',
    );
    await t.enrichment.idle();
    statement = await t.statements.add({
      issuer: 'Ministry of Foreign Affairs of Valdoria',
      publishedAt: '2026-05-28T09:00:00Z',
      title: 'On the fighting in Darfur',
      text: 'The Ministry is alarmed by the fighting around <Kutum> and calls for an immediate ceasefire.',
    });
    // Its parties are filled by the enrichment pipeline: the RSF among them.
    appeal = await t.statements.add({
      issuer: 'Office of the Special Envoy',
      publishedAt: '2026-05-29T09:00:00Z',
      text: 'The fighting must stop, and the Rapid Support Forces must let aid through.',
    });
  });
  after(() => t.close());

  it('returns statements tagged by kind, linking to the statement page, and filters by kind', async () => {
    const res = (await get('/api/v1/search?q=fighting')).json<SearchJson>();
    const hit = res.items.find((item) => item.kind === 'statement');
    assert.ok(hit, 'the statement is found');
    assert.equal(hit.id, statement.id);
    assert.equal(hit.url, `/statements/${statement.id}`);
    assert.equal(hit.story, null);
    assert.deepEqual(hit.statement, {
      issuer: 'Ministry of Foreign Affairs of Valdoria',
      title: 'On the fighting in Darfur',
    });
    assert.match(hit.snippetHtml, /<mark>fighting<\/mark>/);
    assert.match(hit.snippetHtml, /&lt;Kutum&gt;/, 'statement text is escaped');
    assert.equal((await get(hit.url)).statusCode, 200, 'the URL opens the statement');
    assert.deepEqual(
      await ids('/api/v1/search?q=fighting&kind=statement'),
      new Set([statement.id, appeal.id]),
    );
    assert.ok(!(await ids('/api/v1/search?q=fighting&kind=update')).has(statement.id));
    const bad = await get('/api/v1/search?q=fighting&kind=rumour');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ field: string }>().field, 'kind');
  });

  it('filters updates by the person, organisation and place the pipeline found in them', async () => {
    assert.deepEqual(
      await ids(`/api/v1/search?q=fighting&person=${encodeURIComponent('Abdel Fattah al-Burhan')}`),
      new Set([jeddah.id]),
    );
    assert.deepEqual(
      await ids(`/api/v1/search?q=fighting&organization=${encodeURIComponent('Rapid Support Forces')}`),
      new Set([kutum.id, appeal.id]),
      'the RSF, by its canonical name, in an update and a statement’s parties',
    );
    assert.deepEqual(await ids('/api/v1/search?q=fighting&place=kutum'), new Set([kutum.id]));
    assert.deepEqual(await ids('/api/v1/search?q=fighting&place=Kutum&place=Jeddah'), new Set());
    const res = (await get('/api/v1/search?q=fighting&facets=true')).json<SearchJson>();
    assert.ok(res.facets?.some((f) => f.type === 'place' && f.name === 'Jeddah' && f.count === 1));
    assert.ok(res.facets?.some((f) => f.type === 'organization' && f.name === 'Rapid Support Forces'));
    assert.equal((await get('/api/v1/search?q=fighting')).json<SearchJson>().facets, undefined);
    const tooMany = await get(`/api/v1/search?q=x&${'place=a&'.repeat(6)}`);
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json<{ field: string }>().field, 'place');
  });

  it('documents the filters in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json<{
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    }>();
    const names = doc.paths['/search']!.get.parameters.map((p) => p.name);
    for (const name of ['person', 'organization', 'place', 'kind', 'facets'])
      assert.ok(names.includes(name), name);
  });

  it('shows statements, and the names in the results as filters, on the /search page', async () => {
    const page = await get('/search?q=fighting');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<a href="/statements/${statement.id}">`));
    assert.match(text(page.body), /Statement Ministry of Foreign Affairs of Valdoria/);
    assert.match(text(page.body), /Names in these results/);
    assert.match(page.body, /<select id="search-person" name="person">/);
    assert.match(page.body, /<option value="Abdel Fattah al-Burhan">Abdel Fattah al-Burhan<\/option>/);
    assert.match(page.body, /href="\/search\?q=fighting&amp;place=Kutum"/, 'a name narrows the search');

    const narrowed = await get('/search?q=fighting&place=Kutum');
    assert.match(narrowed.body, new RegExp(`/updates/${kutum.id}"`));
    assert.doesNotMatch(narrowed.body, new RegExp(`/updates/${jeddah.id}"`));
    assert.doesNotMatch(narrowed.body, /\/statements\//);
    assert.match(narrowed.body, /<option value="Kutum" selected>/);
    assert.match(narrowed.body, /aria-current="true">Kutum \(remove\)/);
    assert.match(narrowed.body, /<details class="search-filters" open/);
  });
});
