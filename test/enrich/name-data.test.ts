import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexicon } from '../../src/enrich/lexicon.ts';
import { loadNameData } from '../../src/enrich/names/name-data.ts';
import { DEFAULT_DATA_DIR } from '../../src/enrich/pipeline.ts';
import { createTempDir } from '../support/temp-dir.ts';

describe('curated names', () => {
  const data = loadNameData(join(DEFAULT_DATA_DIR, 'names'), new Lexicon());

  it('covers leaders of at least 40 countries, each with a role and a country', () => {
    const countries = new Set(data.people.map((p) => p.country));
    assert.ok(countries.size >= 40, `only ${countries.size} countries`);
    for (const person of data.people) {
      assert.ok(person.role, `${person.name} has no role`);
      assert.ok(person.country, `${person.name} has no country`);
    }
    assert.match(
      data.versions.people,
      /^\d{4}-\d{2}-\d{2}\.\d+(?:\+leaders\.\d{4}-\d{2}-\d{2}\.\d+)?(?:\+officials\.\d{4}-\d{2}-\d{2}\.\d+)?$/,
    );
  });

  it('gives no alias to two different people or organisations', () => {
    const owners = new Map<string, string>();
    for (const entry of [...data.people, ...data.organizations])
      for (const alias of [entry.name, ...entry.aliases]) {
        const owner = owners.get(alias);
        assert.ok(
          owner === undefined || owner === entry.name,
          `"${alias}" names both ${owner} and ${entry.name}`,
        );
        owners.set(alias, entry.name);
      }
  });

  it('refuses a people file with a bad field, naming the file, the entry and the field', () => {
    const dir = createTempDir();
    for (const file of ['organizations.json'])
      copyFileSync(join(DEFAULT_DATA_DIR, 'names', file), join(dir, file));
    const people = (entry: object) =>
      writeFileSync(join(dir, 'people.json'), JSON.stringify({ version: '1', people: [entry] }));
    people({ name: 'Amina Okafor', aliases: [], country: 'Nigeria' });
    assert.throws(
      () => loadNameData(dir, new Lexicon()),
      /people\.json: people\.0\.country: must be an ISO 3166 alpha-2 code$/,
    );
    people({ name: 'Amina Okafor', aliases: ['A'] });
    assert.throws(() => loadNameData(dir, new Lexicon()), /people\.0\.aliases: must be names of 2 or more/);
    people({ name: 'Amina Okafor', aliases: [], from: '5 May 2020' });
    assert.throws(() => loadNameData(dir, new Lexicon()), /people\.0\.from: must be a year or a day/);
    people({ name: 'Amina Okafor', aliases: [], country: 'NG', from: '2020' });
    assert.equal(loadNameData(dir, new Lexicon()).people[0]?.name, 'Amina Okafor');
  });
});
