/**
 * After `dateline gazetteer import`, updates already published that name a place the import added are
 * enriched again by the background worker, so the map shows them without anyone editing them: a
 * bounded batch per check, continued by the next check.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gazetteerGenerationOf } from '../../src/service/enrichment-worker.ts';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'geonames');

describe('re-enrichment after a gazetteer import', () => {
  let t: TestApp;
  let storyId: string;
  let uaFile: string;

  before(async () => {
    uaFile = join(createTempDir(), 'UA.txt');
    writeFileSync(uaFile, readFileSync(join(FIXTURES, 'UA.txt'), 'utf8'));
    // The worker's own 30-second poll is off: the test runs each check itself.
    t = await createTestApp({ enricher: 'shipped', commandLinePollMs: 0 });
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
    storyId = story.json().id;
  });
  after(() => t.close());

  const publish = async (body: string): Promise<string> => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body },
    });
    assert.equal(response.statusCode, 201, response.body);
    await t.enrichment.idle();
    return (response.json() as { id: string }).id;
  };
  // The story's map page, whose list of located updates names each marker's place.
  const markerList = async () => (await t.app.inject({ url: `/map?story=${storyId}` })).body;
  const robotyneIn = async (updateId: string) =>
    (await t.store.enrichments.get(updateId))?.enrichment.places.some((p) => p.name === 'Robotyne') ?? false;

  it('gives updates published before the import their marker, a bounded batch per check', async () => {
    const first = await publish('Ukrainian troops advanced near Robotyne on Saturday.');
    const second = await publish('Shelling was reported in Robotyne overnight.');
    const unrelated = await publish('Air defence was active over Odesa.');
    assert.doesNotMatch(await markerList(), /Robotyne/);
    const odesaBefore = (await t.store.enrichments.get(unrelated))?.enrichedAt;

    const result = await runCli(['gazetteer', 'import', '--data-dir', t.dataDir, uaFile]);
    assert.equal(result.status, 0, result.stderr);

    // One update per check here: the newest first, the next check continues.
    assert.equal(await t.enrichment.checkGazetteer(1), 1);
    assert.deepEqual([await robotyneIn(first), await robotyneIn(second)], [false, true]);
    assert.equal(await t.enrichment.checkGazetteer(1), 1);
    assert.equal(await robotyneIn(first), true);
    // Done: nothing is enriched twice, and an update naming no imported place was left alone.
    assert.equal(await t.enrichment.checkGazetteer(1), 0);
    assert.equal((await t.store.enrichments.get(unrelated))?.enrichedAt, odesaBefore);
    const stored = await t.store.enrichments.get(first);
    assert.equal(gazetteerGenerationOf(stored?.dataVersion ?? ''), await t.store.gazetteer.generation());

    assert.match(await markerList(), /Robotyne, Zaporizhzhia/);
  });
});
