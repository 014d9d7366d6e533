/**
 * People no list knows, found by a given name from Wikidata's people opening a run of capitals
 * (resources/names/given-names.tsv), and the guards that keep places and words out. The people in
 * these sentences are made up.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createEnricher } from '../../src/enrich/pipeline.ts';

const enricher = createEnricher();
const people = (text: string) =>
  enricher.enrich(text, { published: '2026-11-20T09:00:00Z' }).people.map((p) => [p.name, p.source]);

describe('given names', () => {
  it('makes a run of capitals opening with a given name a person, with no other cue', () => {
    assert.deepEqual(people('Roadblocks went up as Ilse Brandvold toured the camp.'), [
      ['Ilse Brandvold', 'pattern'],
    ]);
    assert.deepEqual(people('Aid workers met Zahra Okonkwo-Baptiste in Maiduguri.'), [
      ['Zahra Okonkwo-Baptiste', 'pattern'],
    ]);
  });

  it('finds the name before a verb in -s and after an adverb opening the sentence', () => {
    assert.deepEqual(people('Ilse Brandvold explains the rules to new arrivals.'), [
      ['Ilse Brandvold', 'pattern'],
    ]);
    assert.deepEqual(people('Yesterday Ilse Brandvold toured the camp.'), [['Ilse Brandvold', 'pattern']]);
    // a plural noun after the name makes it a group's ("Ilse Brandvold loyalists")
    assert.deepEqual(people('Ilse Brandvold loyalists blocked the road.'), []);
  });

  it('finds the name after "from" and "to", which put a place there only for other words', () => {
    assert.deepEqual(people('His release followed a request from Ilse Brandvold, the mission head.'), [
      ['Ilse Brandvold', 'pattern'],
    ]);
    assert.deepEqual(people('The letter went to Marta Dudley on Monday.'), [['Marta Dudley', 'pattern']]);
    assert.deepEqual(people('The convoy came in from Lay Bala Karz.'), []);
    // after a party's name, as after a title
    assert.deepEqual(people('The delegation was led by Ohio Republican Marta Dudley.'), [
      ['Marta Dudley', 'pattern'],
    ]);
  });

  it('finds the name after a demonym, and with a town spelled like its surname', () => {
    assert.deepEqual(people('He beat American Justin Halloway in straight sets.'), [
      ['Justin Halloway', 'pattern'],
    ]);
    assert.deepEqual(people('Incoming chief executive Marta Dudley arrives on Monday.'), [
      ['Marta Dudley', 'pattern'],
    ]);
    assert.deepEqual(people('The force searched a compound in the village of Lay Bala Karz.'), []);
    // Not a given name inside a longer run: no "Hamdi Idris" cut out of "Jafrun Hamdi Idris".
    assert.deepEqual(people('The road was cut, according to sources close to Jafrun Hamdi Idris.'), []);
  });

  it('leaves out places named after people, villages after "village of", and words that are names too', () => {
    assert.deepEqual(people('Gunmen attacked the Jama Masjid of Herat.'), []);
    assert.deepEqual(people('Troops searched the village of Bala Kheyl Sufla.'), []);
    assert.deepEqual(people('A drone struck in the vicinity of Isa Moradi.'), []);
    assert.deepEqual(people('Shelling hit Hope Street and Grace Avenue.'), []);
    assert.deepEqual(people('Troops searched a compound near Ilse Moradi, Kunduz Province, at night.'), []);
  });

  it('keeps a person whose office in a province follows the name', () => {
    assert.deepEqual(
      people('Roadblocks went up as Ilse Brandvold, Kunduz Province governor, toured the camp.'),
      [['Ilse Brandvold', 'pattern']],
    );
  });

  it('ships no country, month or plain word as a given name', () => {
    const names = new Set(
      readFileSync(join(import.meta.dirname, '../../resources/names/given-names.tsv'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[0]),
    );
    assert.ok(names.size > 10_000, `${names.size} names`);
    for (const name of ['Mohammed', 'Oleksiy', 'Abubakar', 'Fatima', 'John'])
      assert.ok(names.has(name), name);
    for (const word of ['Jordan', 'Chad', 'August', 'Hope', 'Justice', 'Abu', 'Sheikh'])
      assert.ok(!names.has(word), word);
  });
});

it('a common given name that is also a province opens a name, and the province stays a place elsewhere', () => {
  const people = (text: string) =>
    enricher.enrich(text, { published: '2019-07-10T12:00:00Z' }).people.map((p) => p.name);
  assert.deepEqual(people('Media tracker Paul Dergarabedian says the film did well.'), [
    'Paul Dergarabedian',
  ]);
  assert.deepEqual(people('Victoria Nuland arrived in Kyiv on Tuesday.'), ['Victoria Nuland']);
  // Not a person: a province's landmark, a city's event, a police force.
  assert.deepEqual(people('The Victoria Falls bridge was closed.'), []);
  assert.deepEqual(people('Milan Fashion Week opened on Tuesday.'), []);
  assert.deepEqual(people('Victoria Police said two men were held.'), []);
});

it("a given name that is only another spelling of a town opens a name ('Ahmad' is a spelling of Kotli)", () => {
  const people = (text: string) =>
    enricher.enrich(text, { published: '2019-07-10T12:00:00Z' }).people.map((p) => p.name);
  assert.deepEqual(people('Ahmad Rahimzai planted two bombs near the station.'), ['Ahmad Rahimzai']);
  // A town's own name still blocks the run.
  assert.deepEqual(people('Sydney Road was closed after the blast.'), []);
});
