/**
 * Editors confirm, reject and correct what was extracted from an update; corrections are stored per
 * deployment and used the next time an update is enriched. On SQLite here; the storage underneath is
 * covered on both engines by test/store/enrichment-store.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Suggestions } from '../../src/enrich/suggestions.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('enrichment suggestions for editors', () => {
  let t: TestApp;
  let storyId: string;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Sudan Daily', timezone: 'Africa/Khartoum' },
    });
    assert.equal(desk.statusCode, 201, desk.body);
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: 'sudan-daily', headline: 'Darfur', status: 'live' },
    });
    storyId = story.json().id;
  });
  after(() => t.close());

  const publish = async (body: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body },
    });
    assert.equal(response.statusCode, 201, response.body);
    await t.enrichment.idle();
    return response.json() as { id: string };
  };
  const suggestions = async (id: string, token = t.editorToken) =>
    t.app.inject({ url: `/api/v1/updates/${id}/suggestions`, headers: t.auth(token) });
  const act = async (id: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${id}/suggestions`,
      headers: t.auth(t.editorToken),
      payload,
    });
  const labels = (s: Suggestions, field: string) =>
    s.items.filter((i) => i.field === field).map((i) => i.label);

  it('lists people, organisations, places, dates, events and new names, for editors only', async () => {
    const update = await publish(
      'Commander Abu Tira Kanu said RSF fighters shelled Kutum on Saturday, killing five people.',
    );
    const response = await suggestions(update.id);
    assert.equal(response.statusCode, 200, response.body);
    const s = response.json() as Suggestions;
    assert.equal(s.current, true);
    assert.deepEqual(labels(s, 'organizations'), ['Rapid Support Forces']);
    assert.deepEqual(labels(s, 'places'), ['Kutum']);
    assert.deepEqual(labels(s, 'dates'), ['on Saturday']);
    assert.deepEqual(labels(s, 'events'), ['fight']);
    assert.deepEqual(labels(s, 'names'), ['Abu Tira Kanu']);
    assert.ok(s.items.every((i) => i.verdict === null));

    assert.equal((await suggestions(update.id, t.contributorToken)).statusCode, 403);
    const anonymous = await t.app.inject({ url: `/api/v1/updates/${update.id}/suggestions` });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /problem\+json/);
    const contributorPost = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${update.id}/suggestions`,
      headers: t.auth(t.contributorToken),
      payload: { action: 'confirm', item: 'places:Kutum|SD' },
    });
    assert.equal(contributorPost.statusCode, 403);
  });

  it('records a confirmation and shows who gave it', async () => {
    const update = await publish('RSF fighters shelled Kutum on Saturday.');
    const response = await act(update.id, { action: 'confirm', item: 'places:Kutum|SD' });
    assert.equal(response.statusCode, 200, response.body);
    const kutum = (response.json() as Suggestions).items.find((i) => i.item === 'places:Kutum|SD');
    assert.equal(kutum?.verdict, 'confirmed');
    assert.equal(kutum?.by, 'test-editor');
  });

  it('adds a "new name?" as a person, who is then found in later updates', async () => {
    const first = await publish('Commander Abu Tira Kanu said the road was open.');
    const response = await act(first.id, {
      action: 'add-name',
      item: 'names:Abu Tira Kanu',
      name: { kind: 'person', name: 'Abu Tira Kanu', role: 'RSF commander', country: 'SD' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const now = response.json() as Suggestions;
    assert.deepEqual(labels(now, 'people'), ['Abu Tira Kanu']);
    assert.deepEqual(labels(now, 'names'), []);
    const later = await publish('Abu Tira Kanu was seen in Kutum. Kanu denied it.');
    const enrichment = (await t.app.inject({ url: `/api/v1/updates/${later.id}/enrichment` })).json();
    assert.deepEqual(enrichment.people, [
      // Added by an editor: found as a confirmed name, with full confidence.
      {
        name: 'Abu Tira Kanu',
        matched: ['Abu Tira Kanu', 'Kanu'],
        role: 'RSF commander',
        country: 'SD',
        source: 'confirmed',
        confidence: 1,
      },
    ]);
  });

  it('applies a correction to earlier updates with the same spelling too', async () => {
    // No cue here makes the name a person: only the editor's correction can.
    const earlier = await publish(
      'The road to Kutum was cut, according to sources close to Jafar Hamdi Idris.',
    );
    const later = await publish('Commander Jafar Hamdi Idris said his men held the bridge.');
    const before = (await t.app.inject({ url: `/api/v1/updates/${earlier.id}/enrichment` })).json();
    assert.deepEqual(before.people, []);
    const response = await act(later.id, {
      action: 'add-name',
      item: 'names:Jafar Hamdi Idris',
      name: { kind: 'person', name: 'Jafar Hamdi Idris' },
    });
    assert.equal(response.statusCode, 200, response.body);
    await t.enrichment.idle();
    const after = (await t.app.inject({ url: `/api/v1/updates/${earlier.id}/enrichment` })).json();
    assert.deepEqual(
      after.people.map((p: { name: string }) => p.name),
      ['Jafar Hamdi Idris'],
    );
    const page = await t.app.inject({ url: '/people/jafar-hamdi-idris' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /road to Kutum was cut/);
  });

  it('adds an alias that is matched in later updates', async () => {
    const first = await publish('Fighters loyal to Hmeidti said they would hold El Fasher.');
    const before = (await suggestions(first.id)).json() as Suggestions;
    assert.ok(!labels(before, 'people').includes('Mohamed Hamdan Dagalo'), JSON.stringify(before.items));
    const names = await t.app.inject({
      url: '/api/v1/enrichment/names?q=dagalo',
      headers: t.auth(t.editorToken),
    });
    const dagalo = (names.json() as { items: { kind: string; name: string }[] }).items[0];
    assert.equal(dagalo?.name, 'Mohamed Hamdan Dagalo');
    const item = before.items.find((i) => i.field === 'names' && i.label === 'Hmeidti');
    assert.ok(item, JSON.stringify(before.items));
    const response = await act(first.id, {
      action: 'alias',
      item: item.item,
      surface: 'Hmeidti',
      entity: { kind: 'person', name: dagalo.name },
    });
    assert.equal(response.statusCode, 200, response.body);
    const later = await publish('On Monday Hmeidti flew to Nairobi.');
    const people = (await t.app.inject({ url: `/api/v1/updates/${later.id}/enrichment` })).json().people;
    assert.deepEqual(
      people.map((p: { name: string; matched: string[] }) => [p.name, p.matched]),
      [['Mohamed Hamdan Dagalo', ['Hmeidti']]],
    );
  });

  it('does not suggest a rejected place again for that spelling, and drops a rejected date from this update only', async () => {
    const first = await publish('Fighting near Tawila on Sunday, residents said.');
    const rejected = await act(first.id, { action: 'reject', item: 'places:Tawila|SD' });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.deepEqual(labels(rejected.json() as Suggestions, 'places'), []);
    const noDate = await act(first.id, { action: 'reject', item: 'dates:on Sunday' });
    assert.deepEqual(labels(noDate.json() as Suggestions, 'dates'), []);
    const later = await publish('Aid reached Tawila on Sunday.');
    const s = (await suggestions(later.id)).json() as Suggestions;
    assert.deepEqual(labels(s, 'places'), []);
    assert.deepEqual(labels(s, 'dates'), ['on Sunday']);
  });

  it('lets a chosen gazetteer candidate win for that spelling next time', async () => {
    const first = await publish('Clashes were reported in Tripoli.');
    const before = (await suggestions(first.id)).json() as Suggestions;
    const tripoli = before.items.find((i) => i.field === 'places' && i.label === 'Tripoli');
    assert.ok(tripoli?.place, JSON.stringify(before.items));
    const candidates = await t.app.inject({
      url: '/api/v1/enrichment/places?q=Tripoli',
      headers: t.auth(t.editorToken),
    });
    const other = (candidates.json() as { items: { iso2: string; kind: string }[] }).items.find(
      (c) => c.iso2 !== tripoli.place?.country && c.kind === 'city',
    );
    assert.ok(other, candidates.body);
    const response = await act(first.id, { action: 'choose-place', item: tripoli.item, place: other });
    assert.equal(response.statusCode, 200, response.body);
    const later = await publish('More shelling in Tripoli overnight.');
    const places = (await t.app.inject({ url: `/api/v1/updates/${later.id}/enrichment` })).json().places;
    assert.equal(places[0]?.country, other.iso2);
  });

  it('corrects an event type, which the events export then carries', async () => {
    const update = await publish('RSF fighters stormed Kutum on Saturday.');
    const response = await act(update.id, {
      action: 'event-type',
      item: 'events:RSF fighters stormed Kutum on Saturday.',
      type: 'withdraw',
    });
    assert.equal(response.statusCode, 200, response.body);
    const events = (await t.app.inject({ url: `/api/v1/updates/${update.id}/enrichment` })).json().events;
    assert.equal(events[0]?.type, 'withdraw');
    const event = (response.json() as Suggestions).items.find((i) => i.field === 'events');
    assert.equal(event?.verdict, 'corrected');
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const update = await publish('RSF fighters shelled Kutum.');
    const cases: [object, string][] = [
      [{ action: 'confirm', item: 'places:Nowhere|ZZ' }, 'item'],
      [{ action: 'explode', item: 'places:Kutum|SD' }, 'action'],
      [{ action: 'event-type', item: 'events:RSF fighters shelled Kutum.', type: 'party' }, 'type'],
      [
        {
          action: 'choose-place',
          item: 'places:Kutum|SD',
          place: { kind: 'city', name: 'X', iso2: 'sudan', lat: 1, lon: 2 },
        },
        'place.iso2',
      ],
      [
        {
          action: 'alias',
          item: 'organizations:Rapid Support Forces',
          surface: 'R',
          entity: { kind: 'person', name: 'Nobody Known' },
        },
        'surface',
      ],
      [
        {
          action: 'alias',
          item: 'organizations:Rapid Support Forces',
          surface: 'Rapid',
          entity: { kind: 'person', name: 'Nobody Known' },
        },
        'entity.name',
      ],
      [{ action: 'event-type', item: 'places:Kutum|SD', type: 'fight' }, 'action'],
    ];
    for (const [payload, field] of cases) {
      const response = await act(update.id, payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().field, field, response.body);
    }
    const lookup = await t.app.inject({
      url: '/api/v1/enrichment/places?q=',
      headers: t.auth(t.editorToken),
    });
    assert.equal(lookup.statusCode, 400);
    assert.equal(lookup.json().field, 'q');
  });

  it('lists and removes corrections, and documents the routes in OpenAPI', async () => {
    const list = await t.app.inject({
      url: '/api/v1/enrichment/corrections',
      headers: t.auth(t.editorToken),
    });
    const items = (list.json() as { items: { id: string; surface: string }[] }).items;
    const tawila = items.find((c) => c.surface === 'Tawila');
    assert.ok(tawila, list.body);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/enrichment/corrections/${tawila.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(removed.statusCode, 204);
    const later = await publish('Aid reached Tawila.');
    assert.deepEqual(labels((await suggestions(later.id)).json() as Suggestions, 'places'), ['Tawila']);
    const openapi = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/updates/{id}/suggestions',
      '/enrichment/places',
      '/enrichment/names',
      '/enrichment/corrections',
      '/enrichment/corrections/{id}',
      '/stories/{id}/suggestions/live',
    ])
      assert.ok(openapi.paths[path], path);
  });
});

describe('the suggestions stream', () => {
  it('ends when the server shuts down, so open newsroom pages do not hold shutdown', async () => {
    const t = await createTestApp({ enricher: 'shipped' });
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Shutdown', status: 'live' },
    });
    const base = await t.listen();
    const response = await fetch(`${base}/api/v1/stories/${story.json().id}/suggestions/live`, {
      headers: { authorization: `Bearer ${t.editorToken}` },
    });
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    await reader.read(); // the opening comment: the stream is attached
    // A clean end (done), not a connection cut after the shutdown grace period ("terminated").
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })();
    await t.close();
    assert.equal(await ended, true);
  });
});
