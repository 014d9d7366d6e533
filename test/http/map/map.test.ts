import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../../live/sse-client.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

describe('/map', () => {
  let t: TestApp;
  let storyId: string;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const desk = await t.liveBlog.createDesk({ name: 'Sudan Daily', timezone: 'Africa/Khartoum' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Sudan, 12 May' });
    storyId = story.id;
    const publish = async (key: string, body: string, claimStatus: 'verified' | 'claimed' | 'unverified') => {
      ids[key] = (await t.liveBlog.publishUpdate(story.id, { body, claimStatus }, 'Desk')).id;
    };
    await publish(
      'fasher',
      'The RSF attacked El Fasher in North Darfur overnight, killing at least 12 civilians.',
      'claimed',
    );
    await publish(
      'talks',
      'Sudanese and Egyptian foreign ministers met in Cairo to discuss aid corridors.',
      'verified',
    );
    await publish('nowhere', 'The desk will publish a summary of the day at six.', 'unverified');
    const other = await t.liveBlog.createStory({ headline: 'Elsewhere' });
    ids['kharkiv'] = (
      await t.liveBlog.publishUpdate(
        other.id,
        { body: 'Russian forces shelled Kharkiv on Saturday.' },
        'Desk',
      )
    ).id;
    const draft = await t.liveBlog.createStory({ headline: 'Embargoed', status: 'draft' });
    ids['draft'] = (await t.liveBlog.publishUpdate(draft.id, { body: 'Shelling hit Odesa.' }, 'Desk')).id;
    ids['draftStory'] = draft.id;
    await t.enrichment.idle();
  });
  after(async () => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const markerIds = (html: string) =>
    [...html.matchAll(/class="map-marker[^"]*" data-update-id="([^"]+)"/g)].map((m) => m[1]);

  it('puts each public update that names a place on the map, shaped by claim status, with a list to match', async () => {
    const res = await get('/map');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    const markers = markerIds(res.body);
    assert.deepEqual(new Set(markers), new Set([ids['fasher'], ids['talks'], ids['kharkiv']]));
    assert.ok(!markers.includes(ids['nowhere']), 'no place, no marker');
    assert.ok(!markers.includes(ids['draft']), 'drafts stay off the map');
    assert.match(
      res.body,
      /class="map-marker claim-claimed" data-update-id="[^"]+"[^>]*><a href="\/sudan-daily\/[^"]+\/updates\//,
    );
    assert.match(res.body, /<use class="map-marker-shape" href="#m-claimed"/);
    assert.match(
      res.body,
      /aria-label="Claimed: The RSF attacked El Fasher[^"]*\(El Fasher, \d{4}-\d\d-\d\d\)"/,
    );
    assert.match(res.body, /<h2 class="map-list-title">3 located updates<\/h2>/);
    assert.match(res.body, /<image href="\/map\/basemap\.svg\?v=[0-9a-f]{12}"/);
  });

  it('filters by claim status, event type, desk, date and story, in a form that works without JavaScript', async () => {
    assert.deepEqual(markerIds((await get('/map?claim=verified')).body), [ids['talks']]);
    assert.deepEqual(
      new Set(markerIds((await get('/map?desk=sudan-daily')).body)),
      new Set([ids['fasher'], ids['talks']]),
    );
    assert.deepEqual(markerIds((await get(`/map?story=${storyId}&type=fight`)).body), [ids['fasher']]);
    assert.deepEqual(markerIds((await get('/map?from=2001-01-01&to=2001-01-31')).body), []);
    // Empty fields of a submitted form mean "any".
    assert.equal(markerIds((await get('/map?desk=&from=&to=&type=&claim=')).body).length, 3);
    const form = (await get('/map?claim=verified')).body;
    assert.match(form, /<form class="map-filters" method="get" action="\/map">/);
    assert.match(form, /<option value="verified" selected>Verified<\/option>/);
  });

  it('answers a malformed filter with 400 and an unknown desk or a draft story with 404, as pages', async () => {
    for (const [url, status] of [
      ['/map?from=12-05-2025', 400],
      ['/map?claim=maybe', 400],
      ['/map?desk=no-such-desk', 404],
      [`/map?story=${ids['draftStory']}`, 404],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
    }
  });

  it('serves the base layer as one immutable SVG, compressed when the reader accepts it', async () => {
    const page = (await get('/map')).body;
    const url = /<image href="([^"]+)"/.exec(page)![1]!;
    const plain = await get(url);
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-type'], 'image/svg+xml');
    assert.match(plain.headers['cache-control'] as string, /immutable/);
    assert.match(plain.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 960 500">/);
    const br = await get(url, { 'accept-encoding': 'gzip, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 3);
  });

  it('pushes markers to open maps as updates are located, edited and deleted, each page with its filters', async () => {
    const base = await t.listen();
    const all = new SseTestClient(`${base}/map/live`);
    const verified = new SseTestClient(`${base}/map/live?claim=verified&desk=`);
    await Promise.all([all.connected(), verified.connected()]);
    assert.equal(all.headers['content-type'], 'text/event-stream; charset=utf-8');
    const update = await t.liveBlog.publishUpdate(
      storyId,
      { body: 'Artillery hit Nyala in South Darfur.', claimStatus: 'claimed' },
      'Desk',
    );
    await all.waitFor('a marker', () => all.events.some((e) => e.event === 'marker'));
    const marker = JSON.parse(all.events.find((e) => e.event === 'marker')!.data) as Record<string, unknown>;
    assert.deepEqual(Object.keys(marker).sort(), [
      'admin1',
      'claimStatus',
      'day',
      'eventType',
      'headline',
      'icon',
      'id',
      'place',
      'publishedAt',
      'storyId',
      'url',
      'x',
      'y',
    ]);
    assert.equal(marker['id'], update.id);
    assert.equal(marker['place'], 'Nyala');
    assert.equal(marker['claimStatus'], 'claimed');
    assert.match(String(marker['url']), /^\/sudan-daily\/[^/]+\/updates\//);
    // The verified-only map is told it does not show this one.
    await verified.waitFor('an unmark', () => verified.events.some((e) => e.event === 'unmark'));
    assert.deepEqual(
      verified.events.map((e) => e.event),
      ['unmark'],
    );

    await t.liveBlog.editUpdate(update.id, update.version, { claimStatus: 'verified' }, 'Desk');
    await verified.waitFor('the verified marker', () => verified.events.some((e) => e.event === 'marker'));
    assert.equal(
      (JSON.parse(verified.events.at(-1)!.data) as { claimStatus: string }).claimStatus,
      'verified',
    );

    await t.liveBlog.deleteUpdate(update.id, 'Desk');
    for (const client of [all, verified]) {
      await client.waitFor('the removal', () => client.events.at(-1)?.event === 'unmark');
      assert.deepEqual(JSON.parse(client.events.at(-1)!.data), { id: update.id });
      await client.close();
    }
  });

  it('refuses a malformed map stream filter with problem+json naming it', async () => {
    const res = await get('/map/live?claim=maybe');
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal(res.json<{ field: string }>().field, 'claim');
  });
});

describe('/map list titles', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const story = await t.liveBlog.createStory({ headline: 'Sahel, 5 December' });
    await t.liveBlog.publishUpdate(
      story.id,
      {
        body: 'JNIM fighters attacked a post in **Djibo** (Djibo, Soum, Sahel), [local sources](https://example.org/a) said. More later.',
      },
      'Desk',
    );
    await t.enrichment.idle();
  });
  after(async () => t.close());

  it("shows an update's first sentence as the author wrote it: brackets kept, Markdown gone", async () => {
    const res = await t.app.inject({ url: '/map' });
    assert.match(
      res.body,
      /JNIM fighters attacked a post in Djibo \(Djibo, Soum, Sahel\), local sources said\.</,
    );
  });
});
