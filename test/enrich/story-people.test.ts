/**
 * A live page names a person in full once and by surname after, often in a later update: the
 * enricher is told the people the story's earlier updates named (issue 13). Each sentence is ours.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_NAME_MIN_CONFIDENCE } from '../../src/enrich/entities.ts';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const people = (text: string, storyPeople: string[] = []) =>
  enricher
    .enrich(text, { published: '2017-07-03T12:00:00Z', storyPeople })
    .people.map((p) => `${p.name} <${p.matched.join('|')}>`);

test('a surname alone is the person an earlier update named in full, and only a surname without one', () => {
  const later = 'Votel said the coalition would keep up its support for Iraqi forces.';
  assert.deepEqual(people(later, ['Joseph Votel']), ['Joseph Votel <Votel>']);
  // Without one it is a man of that surname only, below the threshold for the reader's entity pages.
  const alone = enricher.enrich(later, { published: '2017-07-03T12:00:00Z' }).people;
  assert.deepEqual(
    alone.map((p) => [p.name, p.source]),
    [['Votel', 'pattern']],
  );
  assert.ok((alone[0]?.confidence ?? 1) < DEFAULT_NAME_MIN_CONFIDENCE);
  // "Mr." or a rank before the surname: the same man, under his full name.
  assert.deepEqual(people('Mr. Votel left Baghdad on Sunday.', ['Joseph Votel']), ['Joseph Votel <Votel>']);
  // A longer run of capitals is someone or something else.
  assert.deepEqual(people('The Votel Brigade moved north.', ['Joseph Votel']), []);
});

test('a listed person named earlier in the story is found by the surname the list gives', () => {
  const found = (storyPeople: string[]) =>
    enricher
      .enrich('Bush left Camp David on Sunday.', { published: '2006-07-03T12:00:00Z', storyPeople })
      .people.map((p) => [p.name, p.source]);
  assert.deepEqual(found(['George W. Bush']), [['George W. Bush', 'known']]);
  assert.deepEqual(found([]), []);
});

test('a town spelled like the surname gives way to the person, unless a locative puts the town there', () => {
  const text = 'Dayton was wounded near Ayn Issa, the release said.';
  const result = enricher.enrich(text, { published: '2017-07-03T12:00:00Z', storyPeople: ['Scott Dayton'] });
  assert.deepEqual(
    result.people.map((p) => p.name),
    ['Scott Dayton'],
  );
  assert.ok(!result.places.some((p) => p.matched === 'Dayton'));
  assert.deepEqual(people('The unit is based in Dayton, Ohio.', ['Scott Dayton']), []);
});

test('a sentence full of names is not a title-case headline', () => {
  assert.deepEqual(people('Boris Johnson met the Iraqi Foreign Minister in London today.'), [
    'Boris Johnson <Boris Johnson>',
  ]);
  // A real one still says nothing by its capitals.
  assert.deepEqual(people('Gunmen Attack Village Near Maiduguri, Kill Farmers'), []);
});

test('a surname opening the sentence after a place is the person the text named', () => {
  assert.deepEqual(
    people('Defense Secretary Robert Hallworth is in Pakistan. Hallworth arrived in Islamabad on Monday.'),
    ['Robert Hallworth <Robert Hallworth|Hallworth>'],
  );
});

test('an earlier update’s person is found again by full name, and by a rare first name alone', () => {
  // No cue in the sentence: only the story says these are people.
  assert.deepEqual(
    people('Korvan Deshtiyev purchases ammunition from a store in Lowell.', ['Korvan Deshtiyev']),
    ['Korvan Deshtiyev <Korvan Deshtiyev>'],
  );
  assert.deepEqual(people('The 19-year-old Korvan has been charged.', ['Korvan Deshtiyev']), [
    'Korvan Deshtiyev <Korvan>',
  ]);
  // A common given name alone could be anyone; one two people of the story share is neither's.
  assert.deepEqual(people('Robert has been charged.', ['Robert Hallworth']), []);
  assert.deepEqual(people('Korvan has been charged.', ['Korvan Deshtiyev', 'Korvan Ilyasov']), [
    'Korvan <Korvan>',
  ]);
});

test('an age between commas after a name marks a person', () => {
  assert.deepEqual(people('Korvan, 26, allegedly bought two pressure cookers in Saugus.'), [
    'Korvan <Korvan>',
  ]);
  assert.deepEqual(people('Deshtiyev, then 19, talked to a friend about a pistol.'), [
    'Deshtiyev <Deshtiyev>',
  ]);
  // A town or a month before a number is no one.
  assert.deepEqual(people('In Kabul, 12 people died on April 15, 2013.'), []);
});

test('a given name before a surname the text shows to be a person’s is that person’s full name', () => {
  assert.deepEqual(
    people('Deshtiyev, then 19, talked to a friend. Korvan Deshtiyev opens a prepaid cellphone account.'),
    ['Korvan Deshtiyev <Deshtiyev|Korvan Deshtiyev>'],
  );
  // A word opening a clause is no given name.
  assert.deepEqual(people('Deshtiyev, then 19, talked to a friend. Then Deshtiyev left.'), [
    'Deshtiyev <Deshtiyev>',
  ]);
});

test('a special agent or a detective is titled like an officer', () => {
  assert.deepEqual(people('Special Agent Adrianna M. Kowalczyk[897], of the Air Force, was killed.'), [
    'Adrianna M. Kowalczyk <Adrianna M. Kowalczyk>',
  ]);
  assert.deepEqual(people('Detective Ruth Abernathy found the car.'), ['Ruth Abernathy <Ruth Abernathy>']);
});

test('a relative named after "his younger brother" is a person; a deity is not', () => {
  assert.deepEqual(
    people('Korvan Deshtiyev died in a shootout, while his younger brother Ramzil was captured.'),
    ['Korvan Deshtiyev <Korvan Deshtiyev>', 'Ramzil <Ramzil>'],
  );
  assert.deepEqual(
    people('Allah says in the Quran that no soul is burdened with more than it can bear.'),
    [],
  );
});
