import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnricher } from '../../../src/enrich/pipeline.ts';
import { parsePlaceLine } from '../../../src/enrich/places/geonames.ts';
import { officialName, romaniseUkrainian } from '../../../src/enrich/places/official-names.ts';

const enricher = createEnricher();
const published = '2026-05-27T10:00:00+03:00';
const places = (text: string) =>
  enricher.enrich(text, { published, storyCountries: ['UA'] }).places.map((p) => [p.matched, p.name, p.kind]);

describe('official romanisations as canonical place names', () => {
  it('names Ukrainian towns and regions as a Ukraine desk publishes them, whichever spelling the text uses', () => {
    assert.deepEqual(places('Drones hit Odessa, Kiev and Kharkov overnight.'), [
      ['Odessa', 'Odesa', 'city'],
      ['Kiev', 'Kyiv', 'city'],
      ['Kharkov', 'Kharkiv', 'city'],
    ]);
    assert.deepEqual(places('Strikes on Zaporizhzhya, Nikolaev and Kryvyy Rih.'), [
      ['Zaporizhzhya', 'Zaporizhzhia', 'city'],
      ['Nikolaev', 'Mykolaiv', 'city'],
      ['Kryvyy Rih', 'Kryvyi Rih', 'city'],
    ]);
    assert.deepEqual(places('Air defence was active over the Odessa region and Lugansk.'), [
      ['Odessa', 'Odesa', 'region'],
      ['Lugansk', 'Luhansk', 'city'],
    ]);
    // The new spellings resolve to the same places.
    assert.deepEqual(places('Shelling in Odesa, Mykolaiv and Zaporizhzhia.'), [
      ['Odesa', 'Odesa', 'city'],
      ['Mykolaiv', 'Mykolaiv', 'city'],
      ['Zaporizhzhia', 'Zaporizhzhia', 'city'],
    ]);
  });

  it('respells a name but never swaps it for a former one', () => {
    assert.deepEqual(places('Fighting near Bakhmut and in the Dnipropetrovsk region.'), [
      ['Bakhmut', 'Bakhmut', 'city'],
      ['Dnipropetrovsk', 'Dnipropetrovsk', 'region'],
    ]);
    // GeoNames lists Artemivsk (its Soviet name) in Ukrainian letters too; the respelling rule skips it.
    assert.equal(officialName('UA', 'Bakhmut', ['Artemivsk', 'Артемівськ', 'Бахмут']), 'Bakhmut');
    assert.equal(
      officialName('UA', 'Mykolayiv', ['Mykolaiv', 'Nikolaev', 'Николаев', 'Миколаїв']),
      'Mykolaiv',
    );
    // Without a national rule the GeoNames name stays.
    assert.equal(officialName('RU', 'Orel', ['Oryol', 'Орёл']), 'Orel');
  });

  it('names places imported from a GeoNames country file the same way', () => {
    const line = [
      '99000101',
      'Vilnyansk',
      'Vilnyansk',
      'Vilniansk,Volnyansk,Вільнянськ,Вольнянск',
      '47.9477',
      '35.4403',
      'P',
      'PPLA2',
      'UA',
      '',
      '26',
      '',
      '',
      '',
      '15044',
      '',
      '80',
      'Europe/Zaporozhye',
      '2024-01-01',
    ].join('\t');
    const parsed = parsePlaceLine(line);
    assert.equal(parsed.kind, 'row');
    if (parsed.kind !== 'row') return;
    assert.equal(parsed.row.place.name, 'Vilniansk');
    assert.ok(parsed.row.names.includes('Vilnyansk'), 'the GeoNames name still finds it');
  });

  it('romanises by the 2010 national system, word-initial forms included', () => {
    assert.equal(romaniseUkrainian('Запоріжжя'), 'Zaporizhzhia');
    assert.equal(romaniseUkrainian('Гуляйполе'), 'Huliaipole');
    assert.equal(romaniseUkrainian('Єнакієве'), 'Yenakiieve');
    assert.equal(romaniseUkrainian('Згурівка'), 'Zghurivka');
    assert.equal(romaniseUkrainian('Мар’їнка'), 'Marinka');
    assert.equal(romaniseUkrainian('Орёл'), undefined);
  });
});
