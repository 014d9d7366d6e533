import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { Lexicon } from '../../src/enrich/lexicon.ts';
import { loadNameData } from '../../src/enrich/names/name-data.ts';
import { DEFAULT_DATA_DIR } from '../../src/enrich/pipeline.ts';

describe('curated names', () => {
  const data = loadNameData(join(DEFAULT_DATA_DIR, 'names'), new Lexicon());

  it('covers leaders of at least 40 countries, each with a role and a country', () => {
    const countries = new Set(data.people.map((p) => p.country));
    assert.ok(countries.size >= 40, `only ${countries.size} countries`);
    for (const person of data.people) {
      assert.ok(person.role, `${person.name} has no role`);
      assert.ok(person.country, `${person.name} has no country`);
    }
    assert.match(data.versions.people, /^\d{4}-\d{2}-\d{2}\.\d+(?:\+leaders\.\d{4}-\d{2}-\d{2}\.\d+)?$/);
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
});
