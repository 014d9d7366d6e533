import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('events export', () => {
  let t: TestApp;
  let storyId: string;

  before(async () => {
    t = await createTestApp();
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
    assert.equal(story.statusCode, 201, story.body);
    storyId = story.json().id;
  });
  after(() => t.close());

  const publish = async (body: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: {
        body,
        claimStatus: 'claimed',
        sources: [{ label: 'Sudan Doctors Network', url: 'https://example.org/sdn' }],
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; version: number };
  };

  it('exports each event of a published update, geocoded, once the background enrichment has run', async () => {
    const update = await publish(
      'RSF fighters **stormed** Kutum on 12 May 2026, killing at least 12 people.',
    );
    await t.enrichment.idle();
    const response = await t.app.inject({ url: '/api/v1/events.json' });
    assert.equal(response.statusCode, 200);
    const { events } = response.json() as { events: Record<string, unknown>[] };
    const row = events.find((e) => String(e.update_url).endsWith(`/updates/${update.id}`));
    assert.ok(row, JSON.stringify(events));
    assert.equal(row.event_date, '2026-05-12');
    assert.equal(row.date_precision, 'day');
    assert.equal(row.event_type, 'fight');
    assert.equal(row.plover, 'ASSAULT');
    assert.equal(row.actor1, 'Rapid Support Forces');
    assert.equal(row.location, 'Kutum');
    assert.equal(row.admin1, 'North Darfur');
    assert.equal(row.country, 'SD');
    assert.equal(row.geo_precision, 'city');
    assert.equal(row.claim_status, 'claimed');
    assert.equal(row.sources, 'Sudan Doctors Network <https://example.org/sdn>');
    assert.match(String(row.update_url), /^http:\/\/localhost(:\d+)?\/sudan-daily\/darfur\/updates\//);
  });

  it('re-enriches an edited update and drops a deleted one', async () => {
    const update = await publish('Shelling hit Nyala, residents said.');
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version, body: 'Shelling hit Geneina, residents said.' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    await t.enrichment.idle();
    const rowsOf = async () =>
      (
        (await t.app.inject({ url: '/api/v1/events.json?desk=sudan-daily' })).json() as {
          events: Record<string, unknown>[];
        }
      ).events.filter((e) => String(e.update_url).endsWith(`/updates/${update.id}`));
    assert.deepEqual(
      (await rowsOf()).map((r) => r.location),
      ['Geneina'],
    );
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.ok(deleted.statusCode < 300, deleted.body);
    assert.deepEqual(await rowsOf(), []);
  });

  it("serves an update's enrichment, marked current until the update is edited", async () => {
    const update = await publish('Abdel Fattah al-Burhan visited Omdurman on 3 May 2026.');
    await t.enrichment.idle();
    const response = await t.app.inject({ url: `/api/v1/updates/${update.id}/enrichment` });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.current, true);
    assert.equal(body.updateVersion, 1);
    assert.deepEqual(
      body.people.map((p: { name: string }) => p.name),
      ['Abdel Fattah al-Burhan'],
    );
    assert.equal(body.places[0].name, 'Omdurman');
    assert.deepEqual(body.dates[0], {
      text: 'on 3 May 2026',
      start: '2026-05-03',
      end: '2026-05-03',
      granularity: 'day',
    });
    assert.equal(body.events[0].type, 'meet');
    const missing = await t.app.inject({ url: '/api/v1/updates/nope/enrichment' });
    assert.equal(missing.statusCode, 404);
  });

  it('serves the same rows as CSV, quoting fields with commas', async () => {
    await publish('Army drones struck Nyala airport, the RSF said.');
    await t.enrichment.idle();
    const response = await t.app.inject({ url: '/api/v1/events.csv' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    const [header, ...lines] = response.body.trimEnd().split('\r\n');
    assert.equal(header?.split(',')[0], 'event_id');
    assert.ok(header?.split(',').includes('claim_status'));
    assert.ok(
      lines.some((l) => l.endsWith(',"Army drones struck Nyala airport, the RSF said."')),
      response.body,
    );
  });

  it('refuses a bad limit and an unknown desk as problems naming them', async () => {
    const limit = await t.app.inject({ url: '/api/v1/events.json?limit=0' });
    assert.equal(limit.statusCode, 400);
    assert.match(String(limit.headers['content-type']), /application\/problem\+json/);
    assert.equal(limit.json().field, 'limit');
    const desk = await t.app.inject({ url: '/api/v1/events.csv?desk=atlantis-daily' });
    assert.equal(desk.statusCode, 404);
  });
});

describe('events export with the shipped names and gazetteer', () => {
  let t: TestApp;
  let storyId: string;

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Ukraine Live', timezone: 'Europe/Kyiv' },
    });
    assert.equal(desk.statusCode, 201, desk.body);
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: 'ukraine-live', headline: 'The south', status: 'live' },
    });
    assert.equal(story.statusCode, 201, story.body);
    storyId = story.json().id;
  });
  after(() => t.close());

  const publish = async (body: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body, claimStatus: 'claimed' },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string };
  };

  it("puts each exported event in its own sentence's country, and a capital that speaks is not a place", async () => {
    const update = await publish(
      'Turkish-made drones struck the port of Izmail on Monday. ' +
        'Missiles struck power plants across eastern Ukraine hours later. ' +
        "Ukraine's southern defence forces said they shot down 12 Russian drones. " +
        'Russia says it downed 40 drones over its territory; Kyiv denies.',
    );
    await t.enrichment.idle();
    const { events } = (await t.app.inject({ url: '/api/v1/events.json' })).json() as {
      events: Record<string, unknown>[];
    };
    const rows = events.filter((e) => String(e.update_url).endsWith(`/updates/${update.id}`));
    const of = (start: string) => rows.find((r) => String(r.sentence).startsWith(start));
    assert.equal(of('Turkish-made')?.country, 'UA', JSON.stringify(rows));
    assert.equal(of('Missiles struck')?.country, 'UA', JSON.stringify(rows));
    // The sentence is quoted as the page shows it, with a typographic apostrophe.
    assert.equal(of('Ukraine’s southern')?.country, 'UA', JSON.stringify(rows));
    const denial = of('Russia says');
    assert.ok(denial, JSON.stringify(rows));
    assert.notEqual(denial.location, 'Kyiv');
  });
});
