import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createEnricher, DEFAULT_DATA_DIR } from '../../src/enrich/pipeline.ts';

const read = (file: string) =>
  JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'names', file), 'utf8')) as {
    version: string;
    people: { name: string; aliases: string[]; country?: string }[];
  };
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

describe('imported leaders (resources/names/leaders.json)', () => {
  const leaders = read('leaders.json');
  const curated = read('people.json');

  it('finds a former leader by full name, then by surname in the same text', () => {
    const kuchma = leaders.people.find((p) => p.name === 'Leonid Kuchma');
    assert.ok(kuchma, 'Leonid Kuchma is in leaders.json');
    const result = createEnricher().enrich(
      'Former president Leonid Kuchma arrived in Minsk for the talks. Kuchma said a ceasefire was close.',
      { published: '2015-02-10T10:00:00Z' },
    );
    const person = result.people.find((p) => p.name === 'Leonid Kuchma');
    assert.deepEqual(person?.matched, ['Leonid Kuchma', 'Kuchma']);
    assert.equal(person?.country, 'UA');
  });

  it('matches a name written without its diacritics or its middle initial', () => {
    const result = createEnricher().enrich('Hugo Chavez spoke with George Bush by telephone.', {
      published: '2006-01-10T10:00:00Z',
    });
    assert.deepEqual(
      result.people.map((p) => p.name),
      ['Hugo Chávez', 'George W. Bush'],
    );
  });

  it('repeats nobody already in people.json, and no name or alias twice', () => {
    const curatedSurfaces = new Set(curated.people.flatMap((p) => [p.name, ...p.aliases]).map(fold));
    const owner = new Map<string, string>();
    for (const person of leaders.people)
      for (const surface of [person.name, ...person.aliases]) {
        assert.ok(!curatedSurfaces.has(fold(surface)), `${surface} is already in people.json`);
        const other = owner.get(fold(surface));
        assert.ok(other === undefined || other === person.name, `${surface} names ${other} too`);
        owner.set(fold(surface), person.name);
        assert.ok(surface.includes(' '), `${surface} is a bare surname`);
      }
  });
});
