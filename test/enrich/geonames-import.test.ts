import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importGeonames, type ImportProgress } from '../../src/enrich/places/geonames-import.ts';
import { ImportedPlaces } from '../../src/enrich/places/imported-places.ts';
import { createEnricher } from '../../src/enrich/pipeline.ts';
import type { GazetteerStore } from '../../src/enrich/places/gazetteer-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { ENGINES } from '../support/engines.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { zipOf } from '../support/zip.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'geonames');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** The slice as an operator downloads it: UA.zip (with its readme), admin2Codes.txt, alternateNamesV2.zip. */
function downloads(): { dir: string; files: string[] } {
  const dir = createTempDir();
  writeFileSync(join(dir, 'UA.zip'), zipOf({ 'UA.txt': fixture('UA.txt'), 'readme.txt': 'GeoNames UA\n' }));
  copyFileSync(join(FIXTURES, 'admin2Codes.txt'), join(dir, 'admin2Codes.txt'));
  writeFileSync(
    join(dir, 'alternateNamesV2.zip'),
    zipOf({ 'alternateNamesV2.txt': fixture('alternateNamesV2.txt'), 'iso-languagecodes.txt': '' }),
  );
  return { dir, files: ['alternateNamesV2.zip', 'UA.zip', 'admin2Codes.txt'].map((f) => join(dir, f)) };
}

const published = '2026-05-27T10:00:00+03:00';
const TEXT = 'Ukrainian troops advanced near Robotyne on Saturday.';

for (const engine of ENGINES) {
  describe(`GeoNames import (${engine.name})`, { skip: engine.skip }, () => {
    let store: Store;

    before(async () => {
      const env = await engine.env();
      store = await openStore(env.DATABASE_URL, createTempDir());
    });
    after(async () => {
      await store?.close();
      await engine.cleanUp();
    });

    const everything = async (gazetteer: GazetteerStore) => ({
      countries: await gazetteer.countries(),
      hits: (await gazetteer.findByNames(['Robotyne', 'Rabotino', 'Orikhiv', 'Orekhov', 'Polohy Raion']))
        .map((h) => `${h.name}→${h.place.geonameId}:${h.admin2Name ?? ''}`)
        .sort(),
    });

    it('imports a zipped country file with its area names and alternate spellings, keeping only the kept features', async () => {
      // The village is in no list shipped with Dateline: only the import can place it.
      const builtIn = createEnricher();
      assert.deepEqual(builtIn.placeCandidates('Robotyne'), []);
      const imported = new ImportedPlaces(store.gazetteer);
      assert.equal(await imported.lexiconFor(TEXT), undefined, 'nothing imported yet');

      const { files } = downloads();
      const results = await importGeonames(store.gazetteer, files);
      assert.deepEqual(
        results.map((r) => [r.source, r.state, r.rows]),
        [
          ['admin2Codes.txt', 'done', 1],
          ['UA.zip:UA.txt', 'done', 3],
          ['alternateNamesV2.zip:alternateNamesV2.txt', 'done', 3],
        ],
      );
      assert.deepEqual(await store.gazetteer.countries(), [{ iso2: 'UA', places: 3 }]);
      const [robotyne] = await store.gazetteer.findByNames(['Rabotino']);
      assert.equal(robotyne?.place.name, 'Robotyne', 'a spelling from alternateNamesV2');
      assert.equal(robotyne?.admin2Name, 'Polohy Raion', 'the district, from admin2Codes.txt');
      assert.deepEqual(await store.gazetteer.findByNames(['Hotel Zaporizhzhia', 'Oleshky Sich']), []);
      assert.deepEqual(await store.gazetteer.findByNames(['https://en.wikipedia.org/wiki/Robotyne']), []);

      // The same ImportedPlaces (as a running server holds) sees the import at once.
      const places = builtIn.enrich(TEXT, {
        published,
        storyCountries: ['UA'],
        importedPlaces: await imported.lexiconFor(TEXT),
      }).places;
      const village = places.find((p) => p.name === 'Robotyne');
      assert.ok(village, JSON.stringify(places));
      assert.deepEqual(
        { ...village },
        {
          name: 'Robotyne',
          matched: 'Robotyne',
          kind: 'city',
          country: 'UA',
          admin1: 'Zaporizhzhia',
          lat: 47.44528,
          lon: 35.84333,
          precision: 'city',
          admin2: 'Polohy Raion',
          geonameId: 99000001,
        },
      );
    });

    it('keeps the built-in entry of a place the import has too, so importing renames nothing', async () => {
      const text = 'Shelling hit Orikhiv and Robotyne.';
      const enricher = createEnricher();
      const imported = await new ImportedPlaces(store.gazetteer).lexiconFor(text);
      assert.equal(imported?.get('Orikhiv')?.length, 1, 'the slice has Orikhiv too');
      const places = enricher.enrich(text, {
        published,
        storyCountries: ['UA'],
        importedPlaces: imported,
      }).places;
      assert.deepEqual(
        places.map((p) => [p.name, p.geonameId ?? null]),
        [
          ['Orikhiv', null],
          ['Robotyne', 99000001],
        ],
      );
      assert.deepEqual(
        enricher.placeCandidates('Orikhiv', 12, undefined, imported).map((c) => c.population),
        [14479],
      );
    });

    it('changes nothing when the same files are imported again, or read again with force', async () => {
      const before = await everything(store.gazetteer);
      const generation = await store.gazetteer.generation();
      const { files } = downloads();
      const again = await importGeonames(store.gazetteer, files);
      assert.deepEqual(
        again.map((r) => r.state),
        ['already imported', 'already imported', 'already imported'],
      );
      assert.equal(await store.gazetteer.generation(), generation, 'no write at all');
      await importGeonames(store.gazetteer, files, () => {}, { force: true });
      assert.deepEqual(await everything(store.gazetteer), before);
    });

    it('resumes an interrupted import after the last committed batch', async () => {
      const lookups = new ImportedPlaces(store.gazetteer);
      assert.equal((await lookups.lookup(['Robotyne']))?.get('Robotyne')?.length, 1);
      const removed = await store.gazetteer.removeCountry('UA');
      assert.equal(removed, 3);
      assert.deepEqual(await store.gazetteer.countries(), []);
      assert.deepEqual(await lookups.lookup(['Robotyne']), new Map(), 'the cached answer is dropped');
      const { files } = downloads();
      const ua = files.filter((f) => f.endsWith('UA.zip'));
      // A process that dies while committing its second batch (of two lines each).
      let batches = 0;
      const dying: GazetteerStore = Object.assign(Object.create(store.gazetteer) as GazetteerStore, {
        saveBatch: async (batch: Parameters<GazetteerStore['saveBatch']>[0]) => {
          if (++batches === 2) throw new Error('killed');
          await store.gazetteer.saveBatch(batch);
        },
      });
      await assert.rejects(
        importGeonames(dying, ua, () => {}, { batchLines: 2 }),
        /killed/,
      );
      const interrupted = await store.gazetteer.importOf('UA.zip:UA.txt');
      assert.equal(interrupted?.linesDone, 2);
      assert.equal(interrupted?.finishedAt, null);
      assert.deepEqual(await store.gazetteer.countries(), [{ iso2: 'UA', places: 2 }]);

      const seen: ImportProgress[] = [];
      await importGeonames(store.gazetteer, ua, (p) => seen.push({ ...p }), { batchLines: 2 });
      assert.equal(seen.at(-1)?.resumedAt, 2);
      assert.equal(seen.at(-1)?.rows, 3);
      assert.deepEqual(await store.gazetteer.countries(), [{ iso2: 'UA', places: 3 }]);
      assert.equal((await lookups.lookup(['Robotyne']))?.get('Robotyne')?.[0]?.name, 'Robotyne');
    });

    it('refuses a file that is not a GeoNames dump, naming it, and keeps what was imported', async () => {
      const dir = createTempDir();
      const bad = join(dir, 'UA.txt');
      writeFileSync(bad, 'name,lat,lon\n'.repeat(60));
      await assert.rejects(
        importGeonames(store.gazetteer, [bad]),
        /UA\.txt: line 50 is not a GeoNames places row/,
      );
      await assert.rejects(
        importGeonames(store.gazetteer, [join(dir, 'missing.zip')]),
        /cannot read .*missing\.zip: ENOENT/,
      );
      assert.deepEqual(await store.gazetteer.countries(), [{ iso2: 'UA', places: 3 }]);
    });
  });
}
