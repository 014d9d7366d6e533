/**
 * Writes resources/names/given-names.tsv: given names in Latin script, from Wikidata's people (CC0),
 * for the names rule that takes a run of capitals opening with one as a person ("Zahid Mohammed
 * Rawi"). Sources and filters are in resources/README.md.
 *
 *   node --import tsx scripts/build-given-names.ts wikidata-names-male.tsv wikidata-names-female.tsv \
 *     [/usr/share/dict/american-english]
 *
 * The two TSVs are `data/wikidata/` of github.com/zigam/ginkgo at 5f02648 (country, gender, given
 * name, number of Wikidata people with that given name and citizenship); the word list is Debian's
 * `wamerican`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldDiacritics } from '../src/enrich/spelling.ts';

const [male, female, dictionary = '/usr/share/dict/american-english'] = process.argv.slice(2);
if (!male || !female) throw new Error('usage: build-given-names.ts MALE.tsv FEMALE.tsv [WORDS]');
const resources = join(import.meta.dirname, '..', 'resources');

/** Names borne by fewer Wikidata people are mostly surnames or words entered as given names. */
const MIN_PEOPLE = 3;
/** A name this common is a name even where it is a word too ("John", "Mark", "Victor"). */
const COMMON_NAME = 1500;
/**
 * A name this common stays a given name where a province is called so too ("Paul", "Vladimir",
 * "Victoria"): the names rule then lets the run after it make a person ("Paul Dergarabedian").
 */
const REGION_NAME = 700;
// Common names that are also words news capitalises in other names, months and rivers among them.
const WORD_NAMES = /^(?:August|Roman|Max|Per|Guy|Don|Dick|Ray|Ed|Rob|Will|Grant|Dean|Art|Chad|Jack)$/;
// Particles and titles that open names without being given names (the names rule has its own).
const NOT_GIVEN =
  /^(?:Abu|Abd|Abdel|Abdul|Umm|Ibn|Bin|Ben|Bint|Al|El|Ould|Ag|Sheikh|Sheik|Shaykh|Haji|Hajji|Mullah|Mulla|Mawlawi|Maulana|Saint|San|Santa|Sao|Van|Von|Der|Den|De|Del|Della|Da|Dos|Das|Le|La|Les|Mac|Mc|Sri|Sir|Lord|Lady|King|Queen|Prince|Princess|Emir|Sultan|Imam|Ayatollah|Seyyed|Sayyid|Pope|General|Colonel|Major|Captain|Doctor|Allah|God|Jesus|Christ|Mary)$/;

const people = new Map<string, number>();
for (const file of [male, female])
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [, , name = '', count = '0'] = line.split('\t');
    // One word in Latin script, capitalised, lower case after ("McCarthy", "O'Neil" and codes are out).
    if (
      !/^\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}{2,})?$/u.test(name) ||
      !/^\p{Script=Latin}+(?:-\p{Script=Latin}+)?$/u.test(name)
    )
      continue;
    people.set(name, (people.get(name) ?? 0) + Number(count));
  }

// Ordinary words: a given name written as a word in lower case ("Hope", "Will", "Justice").
const words = new Set(
  readFileSync(dictionary, 'utf8')
    .split('\n')
    .filter((w) => /^\p{Ll}/u.test(w))
    .map((w) => foldDiacritics(w)),
);
// Countries and admin-1 regions ("Jordan", "Georgia", "Victoria"); a town spelled like a given
// name keeps it from being one where the text names it, as every place does.
const countries = new Set<string>();
const places = new Set<string>();
const gazetteer = (file: string) =>
  readFileSync(join(resources, 'gazetteer', file), 'utf8')
    .split('\n')
    .map((l) => l.split('\t'));
for (const [, name, , , alt] of gazetteer('countries.tsv'))
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) countries.add(n);
for (const [, , name, , , alt] of gazetteer('admin1.tsv'))
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) places.add(n);

const kept = [...people]
  .filter(
    ([name, n]) =>
      n >= MIN_PEOPLE &&
      !NOT_GIVEN.test(name) &&
      (n >= COMMON_NAME ? !WORD_NAMES.test(name) : !words.has(foldDiacritics(name.toLowerCase()))) &&
      !countries.has(name) &&
      !countries.has(foldDiacritics(name)) &&
      (n >= REGION_NAME || (!places.has(name) && !places.has(foldDiacritics(name)))),
  )
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
writeFileSync(
  join(resources, 'names', 'given-names.tsv'),
  kept.map(([name, n]) => `${name}\t${n}`).join('\n') + '\n',
);
console.log(
  `${kept.length} given names of ${people.size} (Wikidata people ≥ ${MIN_PEOPLE}, no word, no place)`,
);
