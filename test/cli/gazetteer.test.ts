import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { zipOf } from '../support/zip.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'geonames');
// Robotyne, Zaporizhzhia Oblast, as the public record places it.
const ROBOTYNE = { lat: 47.4453, lon: 35.8433 };

/** Great-circle distance in km. */
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe('dateline gazetteer: a newsroom imports its country and sees a village on the map', () => {
  let t: TestApp;
  let storyId: string;
  let uaZip: string;

  before(async () => {
    const downloads = createTempDir();
    uaZip = join(downloads, 'UA.zip');
    writeFileSync(uaZip, zipOf({ 'UA.txt': readFileSync(join(FIXTURES, 'UA.txt'), 'utf8') }));
    // The server runs on the data directory the whole time: the import happens beside it.
    // The shipped reference data: the village must be found beside the country's real regions.
    t = await createTestApp({ enricher: 'shipped' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Ukraine Daily', timezone: 'Europe/Kyiv' },
    });
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: 'ukraine-daily', headline: 'Southern front', status: 'live' },
    });
    assert.equal(story.statusCode, 201, story.body);
    storyId = story.json().id;
  });
  after(() => t.close());

  const publish = async (body: string): Promise<string> => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body, claimStatus: 'claimed' },
    });
    assert.equal(response.statusCode, 201, response.body);
    await t.enrichment.idle();
    return (response.json() as { id: string }).id;
  };
  const exported = async (updateId: string) => {
    const { events } = (await t.app.inject({ url: '/api/v1/events.json' })).json() as {
      events: { update_url: string; location: string | null; lat: number | null; lon: number | null }[];
    };
    return events.filter((e) => e.update_url.endsWith(`/updates/${updateId}`));
  };

  it('places the village within 25 km once its country file is imported with one command', async () => {
    const before = await publish('Ukrainian troops advanced near Robotyne on Saturday.');
    assert.ok(
      (await exported(before)).every((e) => e.location !== 'Robotyne'),
      'no built-in list knows the village',
    );

    const result = await runCli(['gazetteer', 'import', '--data-dir', t.dataDir, uaZip]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'imported 1 file(s): 3 places\n');
    // Not a terminal here: plain progress lines on stderr, the last one saying it is done.
    assert.match(result.stderr, /^UA\.zip:UA\.txt: done, 5 lines, 3 places kept$/m);

    const after = await publish('Ukrainian troops advanced near Robotyne on Saturday.');
    const rows = await exported(after);
    const row = rows.find((e) => e.location === 'Robotyne');
    assert.ok(row && row.lat !== null && row.lon !== null, JSON.stringify(rows));
    assert.ok(km(row as { lat: number; lon: number }, ROBOTYNE) < 25, JSON.stringify(row));

    const map = await t.app.inject({ url: `/map?story=${storyId}` });
    assert.equal(map.statusCode, 200, map.body);
    assert.match(map.body, /Robotyne, Zaporizhzhia/);

    // Editors correcting a place find the imported village too.
    const lookup = await t.app.inject({
      url: '/api/v1/enrichment/places?q=Robotyne',
      headers: t.auth(t.editorToken),
    });
    assert.equal(lookup.statusCode, 200, lookup.body);
    assert.deepEqual(
      (lookup.json() as { items: { name: string; iso2: string; admin1?: string }[] }).items.map((c) => [
        c.name,
        c.iso2,
        c.admin1,
      ]),
      [['Robotyne', 'UA', 'Zaporizhzhia']],
    );
  });

  it('says what is imported, imports nothing twice, and removes a country', async () => {
    const status = await runCli(['gazetteer', 'status', '--data-dir', t.dataDir]);
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /^UA\.zip:UA\.txt\tplaces\timported \S+\t3 rows$/m);
    assert.match(status.stdout, /^UA\t3 places$/m);

    const again = await runCli(['gazetteer', 'import', '--data-dir', t.dataDir, uaZip]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /UA\.zip:UA\.txt: already imported \(3 places\)/);

    const removed = await runCli(['gazetteer', 'remove', 'ua', '--data-dir', t.dataDir]);
    assert.equal(removed.stdout, 'removed 3 places of UA\n');
    const empty = await runCli(['gazetteer', 'status', '--data-dir', t.dataDir]);
    assert.equal(empty.stdout, 'nothing imported: only the built-in gazetteer is used\n');
  });

  it('refuses a file that is not a GeoNames dump with one line', async () => {
    const notes = join(createTempDir(), 'notes.md');
    writeFileSync(notes, '# not a dump\n');
    const result = await runCli(['gazetteer', 'import', '--data-dir', t.dataDir, notes]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^dateline: .*notes\.md: not a GeoNames dump \(expected XX\.zip, XX\.txt/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
});
