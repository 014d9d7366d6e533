/**
 * Rules for the prose of incident summaries (issue 13, second real-text set): each test is a
 * sentence written for it, and the person or date that must (or must not) come out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const enrich = (text: string) => enricher.enrich(text, { published: '2024-05-10T12:00:00Z' });
const people = (text: string) => enrich(text).people.map((p) => p.name);

test('the role a summary gives an attacker or a victim marks the name after it', () => {
  assert.deepEqual(people('The attacker, Tomas Verhoeven Lund, was arrested at the scene.'), [
    'Tomas Verhoeven Lund',
  ]);
  assert.deepEqual(people('Police said the gunman Ilyas Karimov had acted alone.'), ['Ilyas Karimov']);
  assert.deepEqual(people('A rocket hit the convoy of AIG Rashid Kamran near the bridge.'), [
    'Rashid Kamran',
  ]);
  assert.deepEqual(people('Prime Minister Odile Varenne left the city after the blast.'), ['Odile Varenne']);
  // "perpetrator of" after the name, as with "leader of"
  assert.deepEqual(people('He praised Joran Mikkelsen, perpetrator of an earlier shooting.'), [
    'Joran Mikkelsen',
  ]);
});

test('a government named after its man names the man, not a country', () => {
  assert.deepEqual(people('Shells fell on the port as the government of Salim Qassem Haddad returned.'), [
    'Salim Qassem Haddad',
  ]);
  assert.deepEqual(people('Rockets hit the airport as the government of South Sudan met.'), []);
});

test('a name that is a shrine, a battalion or a named settlement is no person', () => {
  assert.deepEqual(people('A blast at the Imam Qasim shrine wounded six pilgrims.'), []);
  assert.deepEqual(people('The Imam Darwish Battalion claimed the raid.'), []);
  assert.deepEqual(people('Gunmen raided a settlement named Kurmin Dodo at dawn.'), []);
  // a man named is still a man
  assert.deepEqual(people('Police arrested a man named Peter Okafor Nnaji.'), ['Peter Okafor Nnaji']);
});

test('police ranks and weapon acronyms are not organisations', () => {
  const orgs = enrich('A VBIED hit the car of AIG Rashid Kamran in the LGA.').organizations.map(
    (o) => o.name,
  );
  assert.deepEqual(orgs, []);
});

test('a part of the day before "on <date>" keeps the date', () => {
  const [date] = enrich('In late morning on 4 April 2023, a knife attack wounded two people.').dates;
  assert.equal(date?.start.slice(0, 10), '2023-04-04');
  const [night] = enrich('The raid began in the night on 12 March, officials said.').dates;
  assert.equal(night?.start.slice(0, 10), '2024-03-12');
});

test('a listed group is found with its article written lowercase and apart', () => {
  const orgs = enrich('An al Shabaab car bomb hit the port; fighters loyal to al Qaeda fled.').organizations;
  assert.deepEqual(
    orgs.map((o) => o.name),
    ['al-Shabaab', 'al-Qaeda'],
  );
});

test('"No group" and the tail of a longer name are not groups', () => {
  const orgs = enrich(
    'The Islamic State of Iraq and the Levant group claimed the first blast. No group has claimed the second.',
  ).organizations.map((o) => o.name);
  assert.deepEqual(orgs, ['Islamic State']);
});

test('a role after the name may carry capitalised words; a hotel named after a post is no person', () => {
  assert.deepEqual(people('Police named the driver as Jonas Brandt Ekholm, an Islamic State supporter.'), [
    'Jonas Brandt Ekholm',
  ]);
  assert.deepEqual(people('A car bomb exploded outside the Ambassador Hotel at noon.'), []);
  assert.deepEqual(people('Ambassador Linda Moreau visited the wounded.'), ['Linda Moreau']);
});

test('a sentence that opens with a full name and an act of a person names a person', () => {
  assert.deepEqual(people('Officers cordoned off the street. Dariusz Wolan drove the van into the crowd.'), [
    'Dariusz Wolan',
  ]);
  assert.deepEqual(people('Three men were hurt. Hamid Rezaei Tabar told reporters he saw the blast.'), [
    'Hamid Rezaei Tabar',
  ]);
  // "was" says nothing: groups are subjects of it as often as people
  assert.deepEqual(people('Shots were heard. Kadiri Farmers Union was blamed for the raid.'), []);
});

test('"the following day" and "two days later" count from the last date the text gave', () => {
  const dates = enrich(
    'A bomb went off in the market on 12 March 2023. Two days later a second device was found. The previous day police had searched the area.',
  ).dates.map((d) => [d.text, d.start]);
  assert.deepEqual(dates, [
    ['on 12 March 2023', '2023-03-12'],
    ['Two days later', '2023-03-14'],
    ['The previous day', '2023-03-13'],
  ]);
  // with no date written before it, the phrase says nothing
  assert.deepEqual(enrich('A second device exploded two days later.').dates, []);
  // "a day after <event>" dates the main clause, which has its own date
  assert.deepEqual(
    enrich('Troops arrived on 4 May, a day after gunmen raided the village.').dates.map((d) => d.start),
    ['2024-05-04'],
  );
});

test('a month or a weekday before "militants" is not a group', () => {
  assert.deepEqual(enrich('On Sunday 3 May militants raided a checkpoint.').organizations, []);
});

test('a facility named after a place and said to be in another place is pinned where it is', () => {
  const places = (text: string) => enrich(text).places.map((p) => p.name);
  assert.deepEqual(places('Two people were stabbed at Victoria Station in Manchester.'), ['Manchester']);
  // without "in <place>" the facility's name still says where ("Mosul University")
  assert.deepEqual(places('Gunmen attacked Mosul University at dawn.'), ['Mosul']);
});

test('South Asian group names, numbered units and "Freedom Fighters" are organisations', () => {
  const orgs = (text: string) => enrich(text).organizations.map((o) => o.name);
  assert.deepEqual(orgs('Jaish e Kashmir claimed the ambush.'), ['Jaish e Kashmir']);
  assert.deepEqual(orgs('Fighters of Harkat-ul-Ansar attacked a post.'), ['Harkat-ul-Ansar']);
  assert.deepEqual(orgs('The hijackers said they belonged to Brigade 41.'), ['Brigade 41']);
  assert.deepEqual(orgs('Police blamed the Moro Islamic Freedom Fighters.'), [
    'Moro Islamic Freedom Fighters',
  ]);
  assert.deepEqual(orgs('In Division 1 football, fans rioted.'), []);
});
