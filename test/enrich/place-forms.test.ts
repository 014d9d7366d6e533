/**
 * How place names are written in real reporting (issue 13): title-case headlines, qualifier words,
 * particles, apostrophe and ayn marks inside names, and type words after them. Each test is a
 * sentence written for it and the place that must (or must not) come out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const places = (text: string, storyCountries: string[]) =>
  enricher
    .enrich(text, { published: '2024-05-10T12:00:00Z', storyCountries })
    .places.filter((p) => p.kind !== 'country');
const summary = (text: string, storyCountries: string[]) =>
  places(text, storyCountries).map((p) => `${p.matched} = ${p.name} (${p.precision})`);

test('a qualifier word and an admin area in another spelling are the area, in a headline or in prose', () => {
  assert.deepEqual(summary('Militants Storm Army Base In Lower Shabelle Region', ['SO']), [
    'Lower Shabelle = Lower Shebelle (region)',
  ]);
  assert.deepEqual(summary('Militants stormed an army base in Lower Shabelle on Tuesday.', ['SO']), [
    'Lower Shabelle = Lower Shebelle (region)',
  ]);
  // One word and an area word after it: "Hiraan" is GeoNames' Hiran / Hiiraan.
  assert.deepEqual(summary('Clan Militias Clash In Hiraan Region', ['SO']), ['Hiraan = Hiran (region)']);
});

test('the Waziristan districts are places, qualifier and all', () => {
  for (const text of [
    'Drone Strike Kills Four Suspected Militants In North Waziristan',
    'A roadside bomb wounded three soldiers in South Waziristan on Sunday.',
  ]) {
    const [found] = places(text, ['PK']);
    assert.match(found?.name ?? '', /^(?:North|South) Waziristan$/, text);
    assert.equal(found?.country, 'PK', text);
  }
});

test('particles a headline capitalises inside a name do not hide the place', () => {
  assert.deepEqual(summary('Troops Clash With Gunmen In Lanao Del Sur', ['PH']), [
    'Lanao Del Sur = Lanao del Sur (region)',
  ]);
  // Not "Sur" (a word of the name, never a place by itself).
  assert.ok(!places('Troops Clash With Gunmen In Lanao Del Sur', ['PH']).some((p) => p.matched === 'Sur'));
});

test('a region written in a news spelling is the region when "countryside" follows, else the town', () => {
  assert.deepEqual(summary('Shelling Hits Deir Ezzor Countryside', ['SY']), [
    'Deir Ezzor = Deir ez-Zor (region)',
  ]);
  const [town] = places('Car Bomb Kills Six In Deir Ezzor', ['SY']);
  assert.equal(town?.kind, 'city');
  assert.equal(town?.name, 'Deir ez-Zor');
});

test('a name with an apostrophe or ayn mark inside is matched whole, whichever mark is used', () => {
  for (const mark of ['‘', '’', "'", 'ʿ']) {
    const text = `Insurgents attacked a police post in Nad ${mark}Ali district, Helmand province.`;
    const found = places(text, ['AF']);
    assert.ok(
      found.some((p) => p.matched === `Nad ${mark}Ali` && p.precision === 'city'),
      `${text}: ${JSON.stringify(found)}`,
    );
    assert.ok(!found.some((p) => p.matched === 'Ali'), text);
  }
  // A mark opening a name, and one inside a word.
  assert.deepEqual(summary('Airstrikes hit ʿAmran and Taʿizz overnight, residents said.', ['YE']), [
    'Amran = ‘Amran (city)',
    'Taʿizz = Taiz (city)',
  ]);
});

test('an unknown village with a mark inside its name is pinned whole, not by its last word', () => {
  const found = places('Insurgents fired on a patrol in Kalay ‘Isa village, Helmand province, on Monday.', [
    'AF',
  ]);
  assert.deepEqual(
    found.map((p) => [p.matched, p.precision]),
    [
      ['Helmand', 'region'],
      ['Kalay ‘Isa', 'approximate'],
    ],
  );
});

test('"City", "Town", "Province" after a place are part of it, never a place by themselves', () => {
  assert.deepEqual(
    summary('Security forces detained a bomb maker in Kandahar City, Kandahar province, on Friday.', ['AF']),
    ['Kandahar = Kandahar (city)', 'Kandahar = Kandahar (region)'],
  );
  assert.deepEqual(summary('Gunmen Kill Two Traders In Maiduguri Town', ['NG']), [
    'Maiduguri = Maiduguri (city)',
  ]);
  assert.deepEqual(summary('Fighting in Helmand Province displaced hundreds of families.', ['AF']), [
    'Helmand = Helmand (region)',
  ]);
  // Alone, a type word names nothing (the admin-1 list has "City" for London, "Region" for Callao).
  assert.deepEqual(summary('The City and the Region agreed a new budget on Monday.', ['AF']), []);
});

test('a region named without its type word is found with no story country, a direction alone is not', () => {
  assert.deepEqual(summary('Gunmen attacked a village in Zamfara.', []), [
    'Zamfara = Zamfara State (region)',
  ]);
  assert.deepEqual(summary('Fighting spread in Eastern province and Northern State.', []), []);
});

test('the last name in parentheses after a place is its province, as ACLED and UN reports write it', () => {
  assert.deepEqual(summary('A drone hit Kupiansk (Kupianskyi raion, Kharkiv).', ['UA']), [
    'Kupiansk = Kupiansk (city)',
    'Kharkiv = Kharkiv (region)',
  ]);
  // not a parenthesis that says something else, nor a city named alone
  assert.deepEqual(summary('Shelling hit Kharkiv (2 killed) and Kharkiv again.', ['UA']), [
    'Kharkiv = Kharkiv (city)',
  ]);
});

test('an article inside a region’s name is matched with a hyphen or a space', () => {
  assert.deepEqual(summary('Fighting spread in Salah ad Din province.', ['IQ']), [
    'Salah ad Din = Saladin (region)',
  ]);
});

test('a name of two words joined by a hyphen is found with a space too, and names nobody', () => {
  assert.deepEqual(summary('Missiles hit Kamianets Podilskyi and Ivano Frankivsk overnight.', ['UA']), [
    'Kamianets Podilskyi = Kamianets-Podilskyi (city)',
    'Ivano Frankivsk = Ivano-Frankivsk (city)',
  ]);
  assert.deepEqual(
    enricher.enrich('Missiles hit Ivano Frankivsk overnight.', { published: '2024-05-10T12:00:00Z' }).people,
    [],
  );
});

test('an adjective, a broadcaster and a small town that speaks are no places', () => {
  assert.deepEqual(summary('Settlers moved into the Jewish quarter, the army said.', ['IL']), []);
  // "the Jewish state" is Israel, not Russia's Jewish Autonomous Oblast, even beside Russia.
  assert.deepEqual(summary('The truce must be kept by the Jewish state, envoys in Russia said.', ['RU']), []);
  assert.deepEqual(summary("Al Jazeera's office was raided in the morning.", ['SY']), []);
  // A town of 15,000 in South Dakota is a man here; a capital that says something is its government.
  assert.deepEqual(summary('Mitchell said Friday the talks would resume.', ['US']), []);
  // The ethnic state keeps its area word ("Karen" alone is a people).
  assert.deepEqual(summary('Troops burned villages in Karen state.', ['MM']), [
    'Karen = Kayin State (region)',
  ]);
  assert.deepEqual(summary("Burma's army displaced thousands in Karen state, burning homes.", []), [
    'Karen = Kayin State (region)',
  ]);
});

test('a capital after "pro-" or "anti-" is the side its government stands for, not a pin', () => {
  assert.deepEqual(summary('Two soldiers were killed, a pro-Kiev official said.', ['UA']), []);
  assert.deepEqual(summary('Anti-Damascus protests spread to Daraa.', ['SY']), ['Daraa = Dar‘a (city)']);
  assert.deepEqual(summary('Protesters marched in Kyiv.', ['UA']), ['Kyiv = Kyiv (city)']);
});

test("Burkina Faso's thirteen regions are regions, and 'Burkina' is the country", () => {
  assert.deepEqual(summary("Gunmen killed 12 in Burkina's Sahel region.", []), ['Sahel = Sahel (region)']);
  assert.equal(
    enricher.enrich("Gunmen killed 12 in Burkina's Sahel region.", { published: '2024-05-10T12:00:00Z' })
      .places[0]?.country,
    'BF',
  );
  assert.deepEqual(summary('Twenty were killed in Dibilou village, Centre-Nord region.', []), [
    'Centre-Nord = Centre-Nord (region)',
    'Dibilou = Dibilou (approximate)',
  ]);
});

test('with no country to go by, a state outranks a small town of its name, and news spellings are places', () => {
  assert.deepEqual(summary('The storm hit Florida and Texas overnight.', []), [
    'Florida = Florida (region)',
    'Texas = Texas (region)',
  ]);
  assert.deepEqual(summary('The envoys met in New York and flew on to Kiev.', []), [
    'New York = New York City (city)',
    'Kiev = Kyiv (city)',
  ]);
  assert.deepEqual(summary('Raids were reported in Sadr City.', []), ['Sadr City = Sadr City (city)']);
  assert.deepEqual(summary('Raids were reported in the Sinai.', []), ['Sinai = North Sinai (region)']);
  assert.deepEqual(
    enricher
      .enrich('Talks on Bosnia resumed.', { published: '2024-05-10T12:00:00Z' })
      .countries.map((c) => c.iso2),
    ['BA'],
  );
  assert.deepEqual(summary('Tribes in the North West Frontier Province revolted.', []), [
    'North West Frontier Province = Khyber Pakhtunkhwa (region)',
  ]);
  assert.deepEqual(summary('Protests spread across Scotland and Wales.', []), [
    'Scotland = Scotland (region)',
    'Wales = Wales (region)',
  ]);
  assert.deepEqual(summary('Authorities in Indian Kashmir reported floods.', []), [
    'Indian Kashmir = Jammu and Kashmir (region)',
  ]);
  // A short region name is too often a word or a town: "Bay" (Somalia) is no pin here.
  assert.deepEqual(summary('Detainees at Guantanamo Bay protested.', []), ['Guantanamo = Guantanamo (city)']);
  // A newspaper named after its city is no pin.
  assert.deepEqual(summary('The New York Times and the Jerusalem Post reported it.', []), []);
});

test('a generic head word that goes on with an Arabic article is no place by itself', () => {
  // "Khan" and "Tal" are GeoNames spellings of two Syrian villages; here they open other names.
  assert.deepEqual(summary('Shelling hit Khan al-Shih in the Western Ghouta.', ['SY']), [
    'Western Ghouta = Western Ghouta (region)',
  ]);
  assert.deepEqual(summary('Clashes continue near Tal al-Sawwan.', ['SY']), []);
  assert.deepEqual(summary('Clashes near Jisr al-Shughur.', ['SY']), [
    'Jisr al-Shughur = Jisr ash Shughur (city)',
  ]);
});

test('a name the text once reads as a region is the region throughout, unless it says city', () => {
  assert.deepEqual(summary('Airstrikes on the northern countryside of Idlib; a car bomb in Idlib.', ['SY']), [
    'Idlib = Idlib (region)',
  ]);
  assert.deepEqual(
    summary('Airstrikes on the northern countryside of Idlib; a car bomb in Idlib city.', ['SY']),
    ['Idlib = Idlib (region)', 'Idlib = Idlib (city)'],
  );
});

test('the desert or the Badia of a city is its governorate', () => {
  assert.deepEqual(summary('Clashes went on in the eastern desert of Homs.', ['SY']), [
    'Homs = Homs (region)',
  ]);
  assert.deepEqual(summary('An ambush in the eastern Homs Badia killed four.', ['SY']), [
    'Homs = Homs (region)',
  ]);
  assert.deepEqual(summary('A bomb went off in Homs.', ['SY']), ['Homs = Homs (city)']);
});

test("a spelling that is only another country's place is still looked up in the story's country", () => {
  // "Ras al-Ayn" is written so for a place abroad; Syria's town is GeoNames' "Ra's al 'Ayn".
  assert.deepEqual(summary('Clashes broke out in Ras al-Ayn.', ['SY']), ['Ras al-Ayn = Ra’s al ‘Ayn (city)']);
});

test('an institution is no place by itself, though a town somewhere bears its name', () => {
  assert.deepEqual(summary('A man rammed his car into students at the Ohio State University.', ['US']), [
    'Ohio = Ohio (region)',
  ]);
});
