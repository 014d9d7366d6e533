import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const enrich = (text: string, storyCountries: string[] = []) =>
  enricher.enrich(text, { published: '2024-05-10T12:00:00Z', storyCountries });

test('a town inside the region the text names wins over a bigger homonym elsewhere', () => {
  const gwaram = enrich('Gunmen attacked Gwaram in Bauchi State overnight.').places.find(
    (p) => p.matched === 'Gwaram',
  );
  assert.equal(gwaram?.admin1, 'Bauchi State');
  assert.equal(enrich('Gunmen attacked Gwaram.', ['NG']).places[0]?.admin1, 'Jigawa State');
});

test('an unknown village the text places in a named region is pinned there, marked approximate', () => {
  const places = enrich('Clashes broke out in the village of Tal Sheer, Idlib province.', ['SY']).places;
  const village = places.find((p) => p.matched === 'Tal Sheer');
  assert.ok(village, JSON.stringify(places));
  assert.equal(village.precision, 'approximate');
  assert.equal(village.admin1, 'Idlib');
  const idlib = places.find((p) => p.matched.startsWith('Idlib'));
  assert.deepEqual([village.lat, village.lon], [idlib?.lat, idlib?.lon]);
  // Without a named area there is nothing to pin it to.
  assert.deepEqual(
    enrich('Clashes broke out in the village of Tal Sheer.', ['SY']).places.map((p) => p.matched),
    [],
  );
});

test('a word inside an organisation named by its acronym is not a place', () => {
  const r = enrich('Fighters of Jama’at Nusrat al-Islam wal Muslimeen (JNIM) attacked the post.');
  assert.deepEqual(
    r.places.map((p) => p.matched),
    [],
  );
  assert.ok(r.organizations.some((o) => o.name === 'Jama’at Nusrat al-Islam wal Muslimeen'));
});

test('a region or a big city beside an unknown capitalised word stays a place', () => {
  assert.deepEqual(
    enrich("Car bombs hit Baghdad Shi'ite districts.").places.map((p) => p.matched),
    ['Baghdad'],
  );
});

test('"overnight" in a report is the night before publication', () => {
  const dates = enrich('Four people were killed in overnight shelling.').dates;
  assert.deepEqual(
    dates.map((d) => [d.text, d.start, d.end]),
    [['overnight', '2024-05-09', '2024-05-09']],
  );
});

test('a village of a few hundred people is on the map without an import (GeoNames cities500)', () => {
  const village = enrich('Shelling hit Al Qabyal before dawn.', ['YE']).places.find(
    (p) => p.matched === 'Al Qabyal',
  );
  assert.ok(village, 'Al Qabyal, a village near Taiz, is in the built-in gazetteer');
  assert.equal(village.precision, 'city');
  assert.ok(Math.abs(village.lat - 13.24) < 0.05 && Math.abs(village.lon - 44.41) < 0.05);
  // Under 1,000 people a village is searched per text rather than loaded: found all the same.
  const smaller = enrich('Gunmen attacked Al Ummal at dawn.', ['YE']).places.find(
    (p) => p.matched === 'Al Ummal',
  );
  assert.equal(smaller?.country, 'YE');
  assert.equal(smaller?.precision, 'city');
});

test("a town under one of GeoNames' other spellings is found, in text and in the editors' place search", () => {
  const town = enrich('Artillery fire reached Kupyansk again.', ['UA']).places.find(
    (p) => p.matched === 'Kupyansk',
  );
  assert.equal(town?.name, 'Kupiansk');
  assert.equal(town?.country, 'UA');
  assert.ok(enricher.placeCandidates('Kupyansk').some((c) => c.name === 'Kupiansk'));
});

test('a surname that is also a village, in a short line naming a person, is not a place', () => {
  const r = enrich('Ramon Portillo Vega, killed in Culiacan.', ['MX']);
  assert.deepEqual(
    r.places.map((p) => p.matched),
    ['Culiacan'],
  );
});

test('"al-Sham" (the Levant in group names) is not Damascus', () => {
  const r = enrich('A commander of Liwa al-Sham was killed near Aleppo.', ['SY']);
  assert.ok(!r.places.some((p) => p.name === 'Damascus'), JSON.stringify(r.places));
});

test('"the countryside of X" and "rural X" at the end of a sentence are the governorate', () => {
  for (const text of ['Jets struck the countryside of Hama.', 'Jets struck rural Hama.'])
    assert.deepEqual(
      enrich(text, ['SY']).places.map((p) => [p.matched, p.kind]),
      [['Hama', 'region']],
      text,
    );
  assert.deepEqual(
    enrich('Jets struck Hama.', ['SY']).places.map((p) => [p.matched, p.kind]),
    [['Hama', 'city']],
  );
});

test('a foreign city of the same name does not take a town the text puts in a region of its country', () => {
  const palma = enrich('Insurgents attacked Palma in Cabo Delgado at dawn.', ['MZ']).places;
  assert.deepEqual(
    palma.map((p) => [p.matched, p.country, p.precision]),
    [
      ['Cabo Delgado', 'MZ', 'region'],
      ['Palma', 'MZ', 'approximate'],
    ],
  );
  // Nor under another spelling: "Boni" is one of Bonn's, but this is Mali.
  const boni = enrich('JNIM fighters attacked soldiers near Boni on Tuesday.', ['ML']).places;
  assert.ok(!boni.some((p) => p.country === 'DE'), JSON.stringify(boni));
  // A foreign capital by its own name is still placed abroad.
  assert.equal(enrich('The envoy flew to Paris for talks.', ['ML']).places[0]?.country, 'FR');
});

test('an unknown place after "in" and right before a named region is pinned in that region', () => {
  const places = enrich('A drone strike in Gudumi, Oromia killed four.', ['ET']).places;
  const village = places.find((p) => p.matched === 'Gudumi');
  assert.equal(village?.precision, 'approximate', JSON.stringify(places));
  assert.equal(village?.admin1, 'Oromia');
  // the region must follow at once: a region later in the sentence says nothing about it
  assert.deepEqual(
    enrich('Fighting in Gudumi, residents said, spread to Oromia.', ['ET'])
      .places.filter((p) => p.precision === 'approximate')
      .map((p) => p.matched),
    [],
  );
});

test('a world city by its own name beats a small namesake in a country the text only mentions', () => {
  const pin = (text: string, story: string[]) =>
    enrich(text, story)
      .places.filter((p) => p.kind === 'city')
      .map((p) => `${p.matched} ${p.country}`);
  // Paris, Texas (25,000) is in the US, which the text names; the story is about Syria.
  assert.deepEqual(pin('A US airstrike in Syria killed leaders linked to the Paris attack.', ['SY']), [
    'Paris FR',
  ]);
  assert.deepEqual(pin('US envoys met in Moscow and Damascus.', ['SY']), ['Moscow RU', 'Damascus SY']);
  // In a story about its own country the small town keeps its name.
  assert.deepEqual(pin('Storms hit Paris, Texas, and flooded the square.', ['US']), ['Paris US']);
});

test('a national capital beats a small namesake in the story’s own country, unless the text places it', () => {
  const pin = (text: string, story: string[]) =>
    enrich(text, story)
      .places.filter((p) => p.kind === 'city')
      .map((p) => `${p.matched} ${p.country}`);
  // Moscow, Idaho has 25,000 people; the story is about the US.
  assert.deepEqual(pin('The senator flew to Moscow for talks on the sanctions.', ['US']), ['Moscow RU']);
  assert.deepEqual(pin('Police in Moscow, Idaho, made an arrest.', ['US']), ['Moscow US']);
  // Not a capital: "Lagos" in a story about Portugal is the Algarve town.
  assert.deepEqual(pin('Fires spread near Lagos overnight.', ['PT']), ['Lagos PT']);
});

test('the ACLED and UN bracket "X (District, Region)" places a village the lists spell like a town abroad', () => {
  // "Boni" is one of Bonn's spellings: in Mali's bracket it is the village, at its region.
  const boni = enrich('JNIM militants attacked a post in Boni (Douentza, Mopti).', ['ML']).places;
  assert.deepEqual(
    boni.map((p) => `${p.matched} ${p.country} ${p.precision}`),
    ['Douentza ML city', 'Mopti ML region', 'Boni ML approximate'],
  );
  // Last in the bracket, a people's name or a compass word is the region so called.
  const paletwa = enrich('The Arakan Army captured Paletwa town (Paletwa, Chin).', ['MM']).places;
  assert.deepEqual(
    paletwa.map((p) => `${p.matched} ${p.name} ${p.precision}`),
    ['Chin Chin State region', 'Paletwa Paletwa approximate'],
  );
  assert.deepEqual(enrich('Chin refugees crossed the border.', ['MM']).places, []);
  // What an appositive calls a town is one, at the region the sentence names.
  const rubaya = enrich('M23 took Rubaya, a mining town in Masisi territory, North Kivu.', ['CD']).places;
  assert.deepEqual(
    rubaya.map((p) => `${p.matched} ${p.precision}`),
    ['North Kivu region', 'Rubaya approximate'],
  );
  // Before the bracket the name is the town, inside it its district and province.
  const khost = enrich('Gunmen killed a commander in Khost (Khost, Khost).', ['AF']).places;
  assert.deepEqual(
    khost.map((p) => `${p.name} ${p.precision}`),
    ['Khost city', 'Khost region'],
  );
  // A region written with inner hyphens, and an article inside the bracket's names.
  const thiban = enrich('SDF fighters clashed with ISIS cells in Thiban (Mayadin, Deir-ez-Zor).', [
    'SY',
  ]).places;
  assert.deepEqual(
    thiban.map((p) => `${p.matched} ${p.precision}`),
    ['Mayadin city', 'Deir-ez-Zor region', 'Thiban approximate'],
  );
});

test('a state outranks a town inside it that has the name only as a word of a longer one', () => {
  const pin = (text: string, story: string[]) =>
    enrich(text, story).places.map((p) => `${p.matched} ${p.name} ${p.precision}`);
  // Sinaloa de Leyva is a town in Sinaloa; "in Sinaloa" is the state.
  assert.deepEqual(pin('Gunmen killed four people in Sinaloa.', ['MX']), ['Sinaloa Sinaloa region']);
  // The town of the very name stays ("Kunduz"), and an Arabic article is no longer name.
  assert.deepEqual(pin('Clashes broke out in Kunduz.', ['AF']), ['Kunduz Kunduz city']);
  assert.deepEqual(pin('A car bomb went off in Sulaymaniyah.', ['IQ']), [
    'Sulaymaniyah As Sulaymaniyah city',
  ]);
});

test('a town beside the region it lies in is found, however the region is spelt and whatever designator follows the town', () => {
  const pin = (text: string) => enrich(text).places.map((p) => `${p.matched} ${p.kind} ${p.country}`);
  // "Borno" is also a German town's spelling: Gwoza, which lies in Borno State, makes it the state.
  assert.deepEqual(pin('Gunmen attacked Gwoza, Borno.'), ['Gwoza city NG', 'Borno region NG']);
  assert.deepEqual(pin('Gunmen attacked Gwoza in Borno.'), ['Gwoza city NG', 'Borno region NG']);
  // An area's designator after a town's name is not the rest of a person's name.
  assert.deepEqual(pin('Soldiers recovered arms in Monguno Local Government Area of Borno.'), [
    'Monguno city NG',
    'Borno region NG',
  ]);
  // The same name again is no evidence for itself: Libya's al-Marj stays out of Syria's Ghouta.
  assert.deepEqual(
    enrich('Shelling targets al-Marj. Raids in Al-Marj area in the Eastern Ghouta.', ['SY'])
      .places.filter((p) => p.country === 'LY')
      .map((p) => p.matched),
    [],
  );
});

test("a region named as one is kept though the text's only country is its actors'", () => {
  const regions = (text: string) =>
    enrich(text)
      .places.filter((p) => p.kind === 'region')
      .map((p) => `${p.matched} ${p.country}`);
  // "Russian" makes Russia the text's country; the oblast is still in Ukraine.
  assert.deepEqual(regions('Russian forces shelled Huliaipole (Huliaipole, Zaporizhzhia).'), [
    'Zaporizhzhia UA',
  ]);
  assert.deepEqual(regions('Russian shelling hit Zaporizhzhia oblast.'), ['Zaporizhzhia UA']);
  // The name going on before the word is another name's end ("Great Lakes", "Baghlan-e Markazi").
  assert.deepEqual(regions('Russian envoys toured the Great Lakes province.'), []);
});

test('whose forces acted is not where: an attacker’s demonym does not make its country the text’s', () => {
  const pins = (text: string) =>
    enrich(text)
      .places.filter((p) => p.kind === 'city')
      .map((p) => `${p.matched} ${p.country}`);
  assert.deepEqual(pins('Israeli strikes hit Rafah.'), ['Rafah PS']);
  // Engels, in Russia, was once called Pokrovsk: not the town Russian forces advance on.
  assert.deepEqual(
    pins('Russian forces advanced near Pokrovsk.').filter((p) => p.endsWith('RU')),
    [],
  );
  assert.deepEqual(pins('Russian forces advanced near Pokrovsk.'), ['Pokrovsk UA']);
  // A demonym that is not an actor's still gives the text its country, and so does a home army.
  assert.deepEqual(pins('Russian officials visited Engels.'), ['Engels RU']);
  assert.deepEqual(pins('Nigerian troops killed 20 insurgents in Gwoza.'), ['Gwoza NG']);
  assert.deepEqual(pins('Syrian forces shelled Kafr Nabl.'), ['Kafr Nabl SY']);
});
