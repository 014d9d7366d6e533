import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Lexicon, type Person } from '../../src/enrich/lexicon.ts';
import { loadNameData } from '../../src/enrich/names/name-data.ts';
import { createEnricher, DEFAULT_DATA_DIR } from '../../src/enrich/pipeline.ts';
import { foldDiacritics } from '../../src/enrich/spelling.ts';

const read = (file: string) =>
  JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'names', file), 'utf8')) as {
    version: string;
    people: Person[];
  };
const fold = (s: string) => foldDiacritics(s).toLowerCase();

describe('imported officials (resources/names/officials.json)', () => {
  const officials = read('officials.json');
  const earlier = [...read('people.json').people, ...read('leaders.json').people];

  it('finds a vice president by the name news uses, then by surname in the same text', () => {
    const cheney = officials.people.find((p) => p.name === 'Richard Cheney');
    assert.ok(cheney, 'Richard Cheney is in officials.json');
    assert.ok(cheney.aliases.includes('Dick Cheney'));
    const result = createEnricher().enrich(
      'Vice President Dick Cheney landed at Bagram air base on an unannounced visit. ' +
        'Cheney told troops that the mission was far from over.',
      { published: '2007-02-26T10:00:00Z' },
    );
    const person = result.people.find((p) => p.name === 'Richard Cheney');
    assert.deepEqual(person?.matched, ['Dick Cheney', 'Cheney']);
    assert.equal(person?.country, 'US');
    assert.equal(person?.role, 'Vice President');
  });

  it('finds a deputy prime minister by full name, then by surname', () => {
    const shalom = officials.people.find((p) => p.name === 'Silvan Shalom');
    assert.equal(shalom?.role, 'Vice Prime Minister');
    const result = createEnricher().enrich(
      'Silvan Shalom, the vice prime minister, held talks with Jordanian officials in Amman. ' +
        'Shalom later said the two sides would meet again next month.',
      { published: '2009-06-02T10:00:00Z' },
    );
    const person = result.people.find((p) => p.name === 'Silvan Shalom');
    assert.deepEqual(person?.matched, ['Silvan Shalom', 'Shalom']);
    assert.equal(person?.country, 'IL');
  });

  it('keeps a name written family name first as it is written', () => {
    const result = createEnricher().enrich('Premier Wen Jiabao toured the flooded districts on Tuesday.', {
      published: '2010-07-20T10:00:00Z',
    });
    const person = result.people.find((p) => p.name === 'Wen Jiabao');
    assert.equal(person?.country, 'CN');
    assert.equal(person?.role, 'Premier');
  });

  it('matches a name a text writes with diacritics the list lacks', () => {
    const result = createEnricher().enrich(
      'Prime Minister François Fillon defended the pension reform before parliament.',
      { published: '2010-09-07T10:00:00Z' },
    );
    const person = result.people.find((p) => p.name === 'Francois Fillon');
    assert.deepEqual(person?.matched, ['François Fillon']);
    assert.equal(person?.country, 'FR');
  });

  it('names nobody by one word, and repeats nobody of people.json or leaders.json', () => {
    const earlierSurfaces = new Set(earlier.flatMap((p) => [p.name, ...p.aliases]).map(fold));
    const owner = new Map<string, string>();
    for (const person of officials.people) {
      assert.ok(person.name.trim().split(/\s+/).length >= 2, `${person.name} is one word`);
      assert.match(person.country ?? '', /^[A-Z]{2}$/, `${person.name} has no country`);
      assert.ok(person.role, `${person.name} has no role`);
      assert.match(person.from ?? '', /^\d{4}$/);
      for (const surface of [person.name, ...person.aliases]) {
        assert.ok(
          !earlierSurfaces.has(fold(surface)),
          `${surface} is already in people.json or leaders.json`,
        );
        const other = owner.get(fold(surface));
        assert.ok(other === undefined || other === person.name, `${surface} names ${other} too`);
        owner.set(fold(surface), person.name);
        assert.ok(surface.includes(' '), `${surface} is a bare surname`);
      }
    }
  });

  it('is loaded after the other lists, without adding anyone twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'officials-'));
    try {
      const write = (file: string, data: unknown) => writeFileSync(join(dir, file), JSON.stringify(data));
      write('organizations.json', { version: '2026-01-01.1', organizations: [] });
      write('people.json', {
        version: '2026-01-01.1',
        people: [{ name: 'Amara Okafor-Lindqvist', aliases: ['Amara Lindqvist'], country: 'SE' }],
      });
      write('leaders.json', { version: '2026-01-02.1', people: [{ name: 'Teodor Halvorsen', aliases: [] }] });
      write('officials.json', {
        version: '2026-01-03.1',
        people: [
          { name: 'Amara Lindqvist', aliases: [], role: 'Vice President', country: 'SE', from: '2003' },
          { name: 'Teodor Halvorsen', aliases: [], role: 'Prime Minister', from: '1999' },
          {
            name: 'Ines Marchetti-Obi',
            aliases: ['Teodor Halvorsen', 'Ines Obi'],
            role: 'Deputy Prime Minister',
          },
        ],
      });
      const lexicon = new Lexicon();
      const data = loadNameData(dir, lexicon);
      assert.deepEqual(
        data.people.map((p) => p.name),
        ['Amara Okafor-Lindqvist', 'Teodor Halvorsen', 'Ines Marchetti-Obi'],
      );
      assert.deepEqual(data.people[2]?.aliases, ['Ines Obi']);
      assert.equal(data.versions.people, '2026-01-01.1+leaders.2026-01-02.1+officials.2026-01-03.1');
      assert.equal(lexicon.get('Teodor Halvorsen')?.length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
