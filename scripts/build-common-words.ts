/**
 * Writes resources/names/common-words.txt: the lower-case English words of Debian's `wamerican`
 * (SCOWL, Kevin Atkinson; permissive licence, see resources/README.md), two letters or more, less
 * the given names of given-names.tsv. In a Title Case headline every word has a capital, so the
 * names rules read a capitalised word that is an English word ("Death Toll Mount", "Lawmaker Laments
 * Helplessness") as no part of a name there.
 *
 *   node --import tsx scripts/build-common-words.ts [/usr/share/dict/american-english]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dictionary = '/usr/share/dict/american-english'] = process.argv.slice(2);
const names = join(import.meta.dirname, '..', 'resources', 'names');
const given = new Set(
  readFileSync(join(names, 'given-names.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.slice(0, line.indexOf('\t')).toLowerCase())
    .filter(Boolean),
);
const words = [
  ...new Set(
    readFileSync(dictionary, 'utf8')
      .split('\n')
      .filter((w) => /^[a-z]{2,}$/.test(w) && !given.has(w)),
  ),
].sort();
writeFileSync(join(names, 'common-words.txt'), words.join('\n') + '\n');
console.log(`${words.length} words -> resources/names/common-words.txt`);
