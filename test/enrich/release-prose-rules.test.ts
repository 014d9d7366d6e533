/**
 * People, places and dates as an armed force's press releases write them (issue 13, third real-text
 * set): a headline line above a dateline, officers quoted by rank, insurgents named once by one name.
 * Each test is a sentence written for it, with what must (or must not) come out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';
import { splitSentences } from '../../src/enrich/text/tokenize.ts';

const enricher = loadEnricher();
const enrich = (text: string, published = '2019-09-06T12:00:00Z') =>
  enricher.enrich(text, { published, storyCountries: ['AF'] });
const people = (text: string) => enrich(text).people.map((p) => p.name);
const orgs = (text: string) => enrich(text).organizations.map((o) => o.name);
const places = (text: string) =>
  enrich(text)
    .places.filter((p) => p.kind !== 'country')
    .map((p) => p.matched);
const dates = (text: string) => enrich(text).dates.map((d) => [d.text, d.start.slice(0, 10)]);

test('a single name is a person when its role stands right after it', () => {
  assert.deepEqual(people('Police confirmed Darvesh, a militia commander, was among the dead.'), ['Darvesh']);
  assert.deepEqual(people('Darvesh was a senior militia commander in the valley.'), ['Darvesh']);
  assert.deepEqual(people('One of the men was later identified as Darvesh.'), ['Darvesh']);
  // a diplomat's role, an abbreviation among its words
  assert.deepEqual(people('Tarkanian, the U.N. special envoy, met elders in the valley.'), ['Tarkanian']);
  // a sentence adverb, a pronoun or a town before the role is no name
  assert.deepEqual(people('Additionally, the commander fled on foot.'), []);
  assert.deepEqual(people('He was a militia commander until last year.'), []);
  assert.deepEqual(people('Kandahar, the provincial capital, was quiet.'), []);
  assert.deepEqual(people('Sangari, a village where the commander lived, was searched.'), []);
});

test('ranks without their stop, posts named with "of" and middle initials', () => {
  assert.deepEqual(people('“We will find them,” said Maj Orsolya Benedek, the unit spokeswoman.'), [
    'Orsolya Benedek',
  ]);
  assert.deepEqual(people('District Chief of Police Sher Agha Popal led the search.'), ['Sher Agha Popal']);
  assert.deepEqual(people('The review went to Gen. Marcus T. Hollis on Monday.'), ['Marcus T. Hollis']);
  assert.deepEqual(people('Officers reported the capture of Gul Rahim Sahak, a bomb maker.'), [
    'Gul Rahim Sahak',
  ]);
  assert.deepEqual(people('Nasrat Hotaki Zadran was a senior insurgent commander in the district.'), [
    'Nasrat Hotaki Zadran',
  ]);
  assert.deepEqual(people('Maulawi Sadiq Karimi ran the camp, police spokesperson Ayesha Tarin said.'), [
    'Sadiq Karimi',
    'Ayesha Tarin',
  ]);
  assert.deepEqual(people('Spc. Dana Whitcombe and Petty Officer Joel Marsh were wounded.'), [
    'Dana Whitcombe',
    'Joel Marsh',
  ]);
});

test('a headline line says nothing by its capitals, and is a sentence of its own', () => {
  const text =
    'Militia Commander Involved in Market Bombing Detained\nKABUL, Afghanistan (Sept. 5) – Police detained a commander who was involved in the bombing.';
  assert.equal(splitSentences(text).length, 2);
  assert.deepEqual(people(text), []);
  // the dateline's town in capitals is not an organisation, after a comma or a dash
  assert.deepEqual(orgs(text), []);
  assert.deepEqual(orgs('BAGHDAD - Police detained a commander on Monday.'), []);
  assert.deepEqual(people('Troops Kill Rebel Commander, Recover Weapons In Forest Raid'), []);
  // a line that wraps inside a sentence is not split
  assert.equal(splitSentences('Gunmen attacked a checkpoint in\nKabul province on Monday.').length, 1);
});

test('a man a group or a place is named after is not a person there', () => {
  assert.deepEqual(people('Forces held a financier of the Mullah Sadiq Barakzai smuggling network.'), []);
  assert.deepEqual(people('The patrol searched a compound north of Yahya Khel.'), []);
  assert.deepEqual(people('The patrol searched a compound in Alaqadari-ye Yahya Darwesh.'), []);
});

test('a word of a person’s name, or a weapon’s maker, is not a place', () => {
  const text =
    'Gen. Martin J. Allen met the governor. Later Gen. Allen told reporters the review was closed.';
  assert.ok(people(text).includes('Martin J. Allen'));
  assert.deepEqual(places(text), []);
  assert.deepEqual(places('Troops seized an old .303 Enfield rifle and two pistols in Kandahar.'), [
    'Kandahar',
  ]);
});

test('the area named first around a place is the region ("the Borno town of Gwoza")', () => {
  const regionOf = (text: string, cc: string, name: string) =>
    enricher
      .enrich(text, { published: '2019-09-06T12:00:00Z', storyCountries: [cc] })
      .places.find((p) => p.matched === name)?.kind;
  assert.equal(
    regionOf('Gunmen killed a family in the Guanajuato town of Celaya.', 'MX', 'Guanajuato'),
    'region',
  );
  assert.equal(regionOf('Troops burned houses in Sagaing’s Ye-U township.', 'MM', 'Sagaing'), 'region');
  assert.equal(regionOf('Troops burned houses in Sagaing on Monday.', 'MM', 'Sagaing'), 'city');
});

test('an acronym in brackets abbreviates the name before it and is no area', () => {
  const result = enricher.enrich(
    'Clashes in the Sahel between Jama’at Nusrat al-Islam wal Muslimeen (JNIM) and the army.',
    { published: '2019-09-06T12:00:00Z', storyCountries: ['ML'] },
  );
  assert.equal(
    result.places.some((p) => p.matched === 'Muslimeen'),
    false,
  );
});

test('a number before a month is not read with the number after it as a year', () => {
  assert.deepEqual(dates('The convoy was hit on Highway 1 August 31 near the pass.'), [
    ['August 31', '2019-08-31'],
  ]);
  assert.deepEqual(dates('Leave started 4 September 20 soldiers later.'), [['September 20', '2019-09-20']]);
});
