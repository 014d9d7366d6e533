/**
 * Villages of the same name in one country, as a GeoNames country file brings them (Ukraine's has a
 * dozen called Pisky): the text's other places, the area it names and the size of each tell them
 * apart. The villages below are made up for the test (names, places and sizes); the towns and
 * regions the built-in data knows are real.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lexicon, type Place } from '../../src/enrich/lexicon.ts';
import { createEnricher } from '../../src/enrich/pipeline.ts';

const enricher = createEnricher();
const published = '2026-11-20T09:00:00Z';

/** An imported lexicon: [spelling, its own name?, place]. */
function imported(
  entries: [string, boolean, Partial<Place> & Pick<Place, 'name' | 'lat' | 'lon'>][],
): Lexicon {
  const lexicon = new Lexicon();
  let id = 99_100_000;
  for (const [spelling, canonical, place] of entries)
    lexicon.add(spelling, {
      kind: 'place',
      canonical,
      place: {
        kind: 'city',
        iso2: 'UA',
        admin1Code: '',
        population: 0,
        feature: 'PPL',
        geonameId: id++,
        ...place,
      },
    });
  return lexicon;
}

// Two made-up villages called Zarichka: one by Donetsk (admin-1 05), one in Poltava oblast (18).
const ZARICHKA = imported([
  ['Zarichka', true, { name: 'Zarichka', admin1Code: '18', lat: 50.31, lon: 33.52, population: 900 }],
  ['Zarichka', true, { name: 'Zarichka', admin1Code: '05', lat: 48.11, lon: 37.58, population: 300 }],
]);
const pins = (text: string, importedPlaces: Lexicon) =>
  enricher
    .enrich(text, { published, storyCountries: ['UA'], importedPlaces })
    .places.filter((p) => p.kind !== 'country')
    .map((p) => [p.matched, p.name, p.admin1 ?? null, p.lat]);

describe('villages of one name in one country', () => {
  it('takes the one near the other places the text names', () => {
    assert.deepEqual(pins('A soldier was wounded near Zarichka in Donbas.', ZARICHKA)[0], [
      'Zarichka',
      'Zarichka',
      'Donetsk',
      48.11,
    ]);
    assert.deepEqual(pins('Shelling hit Zarichka, north of Kramatorsk, overnight.', ZARICHKA)[0], [
      'Zarichka',
      'Zarichka',
      'Donetsk',
      48.11,
    ]);
  });

  it('takes the one in the region the text names, and the larger one when nothing else tells', () => {
    assert.deepEqual(pins('A drone hit a barn in Zarichka, Poltava oblast.', ZARICHKA)[0]?.[3], 50.31);
    assert.deepEqual(pins('A drone hit a barn in Zarichka.', ZARICHKA)[0]?.[3], 50.31);
  });

  it("gives a district town its other spelling rather than a hamlet's own name", () => {
    const lexicon = imported([
      [
        'Lypove',
        true,
        { name: 'Lypove', admin1Code: '09', lat: 49.4, lon: 38.15, population: 16_000, feature: 'PPLA2' },
      ],
      [
        'Lipovo',
        false,
        { name: 'Lypove', admin1Code: '09', lat: 49.4, lon: 38.15, population: 16_000, feature: 'PPLA2' },
      ],
      ['Lipovo', true, { name: 'Lipovo', admin1Code: '11', lat: 45.8, lon: 33.9, population: 140 }],
    ]);
    assert.deepEqual(pins('Two men were killed in an explosion in Lipovo.', lexicon)[0]?.[1], 'Lypove');
  });

  it('puts a village the text places in a region at that region, not at its namesake elsewhere', () => {
    // Only the Poltava Zarichka is known; the text says the one shelled is in Donetsk oblast.
    const poltavaOnly = imported([
      ['Zarichka', true, { name: 'Zarichka', admin1Code: '18', lat: 50.31, lon: 33.52, population: 900 }],
    ]);
    const at = (text: string) =>
      enricher
        .enrich(text, { published, storyCountries: ['UA'], importedPlaces: poltavaOnly })
        .places.filter((p) => p.matched === 'Zarichka')
        .map((p) => [p.precision, p.admin1]);
    assert.deepEqual(at('A soldier was killed at Zarichka, Donetsk Obl on Sept 12.'), [
      ['approximate', 'Donetsk'],
    ]);
    assert.deepEqual(at('A soldier was killed at Zarichka in Donetsk region.'), [['approximate', 'Donetsk']]);
    // A list of places names each; nor is a region's capital moved out of it.
    assert.deepEqual(at('Shelling hit Zarichka, Donetsk and Kharkiv overnight.'), [['city', 'Poltava']]);
    assert.deepEqual(at('A drone hit a barn in Zarichka, Poltava oblast.'), [['city', 'Poltava']]);
  });

  it('does not take a big city for a village near the other places', () => {
    const lexicon = imported([
      ['Odesa', true, { name: 'Odesa', admin1Code: '05', lat: 48.2, lon: 37.7, population: 120 }],
    ]);
    const [odesa] = pins('Drones struck Odesa and Kramatorsk overnight.', lexicon);
    assert.equal(odesa?.[2], 'Odesa', JSON.stringify(odesa));
  });
});

describe('an oblast written short, a place opening the sentence', () => {
  it('reads "Donetsk Obl" as the region', () => {
    const places = enricher.enrich('A soldier was killed at Avdiivka, Donetsk Obl on Sept 30.', {
      published,
      storyCountries: ['UA'],
    }).places;
    assert.deepEqual(
      places.filter((p) => p.matched.startsWith('Donetsk')).map((p) => p.kind),
      ['region'],
    );
  });

  it('names nobody in "In Kharkiv, a woman was killed"', () => {
    const result = enricher.enrich('In Kharkiv, a woman was killed by shelling.', {
      published,
      storyCountries: ['UA'],
    });
    assert.deepEqual(result.people, []);
    assert.deepEqual(
      result.places.map((p) => p.name),
      ['Kharkiv'],
    );
  });
});
