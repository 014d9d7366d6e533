/**
 * A sitting head of state or government is named by surname alone ("Bush said") without the full
 * name first (issue 13): the listed heads in office on the day of publication. Sentences are ours.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const people = (text: string, published: string) =>
  enricher.enrich(text, { published }).people.map((p) => `${p.name} <${p.matched.join('|')}>`);

test('a surname alone is the head of government in office that day, and nobody out of office', () => {
  assert.deepEqual(people('Bush said the troops would stay until the spring.', '2006-07-01T12:00:00Z'), [
    'George W. Bush <Bush>',
  ]);
  assert.deepEqual(people('The Bush administration denied the report.', '2006-07-01T12:00:00Z'), [
    'George W. Bush <Bush>',
  ]);
  assert.deepEqual(people('Bush said the troops would stay until the spring.', '1996-07-01T12:00:00Z'), []);
});

test('not inside a longer name, not a word opening a sentence, not a weekday', () => {
  assert.deepEqual(people('Laura Bush visited a school in Dallas.', '2006-07-01T12:00:00Z'), [
    'Laura Bush <Laura Bush>',
  ]);
  // John Atta Mills was Ghana's president from 2009 to 2012.
  assert.deepEqual(people('Mills closed across the region last year.', '2010-05-01T12:00:00Z'), []);
  assert.deepEqual(people('Mills said the cedi would recover.', '2010-05-01T12:00:00Z'), [
    'Atta Mills <Mills>',
  ]);
  assert.deepEqual(people('The envoys met again on Friday.', '2025-06-01T12:00:00Z'), []);
});

test("a surname a head who left office lately also bears is nobody's alone", () => {
  // Barack Obama left office in January 2017; Francisco Obama was Equatorial Guinea's prime
  // minister from 2016: "Obama" in 2017 is not the prime minister.
  assert.deepEqual(people('Obama said the deal had kept the peace.', '2017-05-01T12:00:00Z'), []);
  assert.deepEqual(people('Obama said the deal had kept the peace.', '2015-05-01T12:00:00Z'), [
    'Barack Obama <Obama>',
  ]);
});

test('a sitting vice president by surname only when acting, owning or titled', () => {
  assert.deepEqual(people('Cheney said the war was going well.', '2006-07-01T12:00:00Z'), [
    'Richard Cheney <Cheney>',
  ]);
  assert.deepEqual(people('Vice President Cheney arrived in Kabul.', '2006-07-01T12:00:00Z'), [
    'Richard Cheney <Cheney>',
  ]);
  // Abdulla Jihad was the Maldives' vice president in 2016–2018: a word is not him.
  assert.deepEqual(people('He set out to fulfil the commandment of Jihad.', '2017-07-01T12:00:00Z'), []);
});

test('a head wins a surname over his vice president; a longer name the text writes takes the surname', () => {
  // Fidel Castro led Cuba until 2008, with Raúl as his first vice president.
  assert.deepEqual(people('Castro said the island would not bow to pressure.', '2006-07-01T12:00:00Z'), [
    'Fidel Castro <Castro>',
  ]);
  // A title of office keeps the head: his son named in full does not take "President Talabani".
  assert.ok(
    people(
      'Sources say President Talabani is unwell. His son, Qubad Talabani, told reporters he was tired.',
      '2006-07-01T12:00:00Z',
    ).includes('Jalal Talabani <Talabani>'),
  );
  // "Nouri al-Maliki" is written in full: "Mr. Maliki" is that name here, not a second person.
  assert.deepEqual(
    people(
      'Prime Minister Nouri al-Maliki spoke in Baghdad. Mr. Maliki said the talks would go on.',
      '2007-07-01T12:00:00Z',
    ).length,
    1,
  );
});

test('opening a headline, a head whose surname is no English word needs no verb after it', () => {
  assert.deepEqual(people('Buhari Hopeful of Remaining Chibok Girls Return', '2017-01-09T12:00:00Z'), [
    'Muhammadu Buhari <Buhari>',
  ]);
  // John Key was New Zealand's prime minister in 2010: "Key figures" is not him.
  assert.deepEqual(people('Key figures from the budget were released.', '2010-05-01T12:00:00Z'), []);
});
