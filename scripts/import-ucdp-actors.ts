/**
 * Writes resources/names/ucdp-actors.json from UCDP's data on armed actors:
 * - the UCDP Actor Dataset (`--actor-list ucdp-actor-221.csv`): every formally organised non-state
 *   actor (`Org` 1) with its English name, UCDP's short name, its name in its own language where that is
 *   written in Latin letters, and its new names, with the country where it is first located;
 * - UCDP GED's coded sides: the non-state actors UCDP names in events, with the country of the events
 *   they fought in, so that text naming them the UCDP way ("Taleban", "Jabhat Fateh al-Sham", "ASG") is
 *   matched. Every event of the sample is read except those in the real-text set's held-out split
 *   (eval/real/split.tsv, eval/README.md): the held-out texts' own coding never reaches the lists.
 *   Further GED files (the Syria events of GED 19.1) add their actors; their events that share a
 *   held-out id or headline are skipped too.
 *
 *   node --import tsx scripts/import-ucdp-actors.ts [--actor-list ucdp-actor-221.csv] ucdpged.tsv [ucdp_syria.tsv …]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';

/** The events whose headlines are the held-out texts. */
const heldOut = new Set(
  readFileSync(join(import.meta.dirname, '..', 'eval', 'real', 'split.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('\theldout'))
    .map((line) => line.split('\t')[0]),
);

const args = process.argv.slice(2);
const listAt = args.indexOf('--actor-list');
const actorList = listAt >= 0 ? args.splice(listAt, 2)[1] : undefined;
const sources = args;
if (sources.length === 0)
  throw new Error(
    'usage: import-ucdp-actors.ts [--actor-list ucdp-actor-NNN.csv] ucdpged.tsv [more GED .tsv …]',
  );
/** Each file's events as column → cell. */
const eventsOf = (file: string) => {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const header = (lines[0] ?? '').split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return (name: string) => cells[header.indexOf(name)] ?? '';
  });
};
const events = sources.map(eventsOf);
const heldOutHeadlines = new Set(
  (events[0] ?? []).filter((e) => heldOut.has(`ged-${e('id')}`)).map((e) => e('source_headline')),
);

const dataDir = join(import.meta.dirname, '..', 'resources', 'names');
const listed = JSON.parse(readFileSync(join(dataDir, 'organizations.json'), 'utf8')) as {
  organizations: { name: string; aliases: string[] }[];
};
const known = new Set(
  listed.organizations.flatMap((o) => [o.name, ...o.aliases]).map((n) => n.toLowerCase()),
);
const gazetteer = (file: string) =>
  readFileSync(join(import.meta.dirname, '..', 'resources', 'gazetteer', file), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'));
const countries = new Map<string, string>();
/** Names of countries, first-level areas and towns: an actor's name that is one is not matched. */
const placeNames = new Set<string>();
for (const [iso2, name, , , alt] of gazetteer('countries.tsv')) {
  if (iso2 && name) countries.set(name, iso2);
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) placeNames.add(n);
}
for (const [, , name, , , alt] of gazetteer('admin1.tsv'))
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) placeNames.add(n);
for (const [name] of gazetteer('cities.tsv')) if (name) placeNames.add(name);
// UCDP's country names with a former name in brackets.
const countryOf = (ged: string) => countries.get(ged.replace(/ \(.*\)$/, '')) ?? countries.get(ged);

// Sides that are not an organisation a text would name: states, civilians, parties' supporters,
// umbrella labels and communities ("Syrian insurgents", "Christians (Nigeria)").
const NOT_ACTOR =
  /^(?:Government of|Civilians$|Supporters of|Forces of)|insurgents$|\(|^(?:Christians|Muslims)\b/;
// Names a text would more often mean something else by ("NSA": the US agency; "SRF": Sudan's
// Revolutionary Front; "First Regiment": any army's), and UCDP's labels for a faction of a group or
// its typos ("Rahman Corps - “Abu al-Joud al-Arbini” faction", "Tahrir al- Sham Army").
const AMBIGUOUS = new Set(['NSA', 'SRF', 'First Regiment']);
const NOT_A_NAME = / - |\bal- /;
const actors = new Map<string, string | undefined>();
/** Actors of the Actor Dataset: English name → its other names and country. */
const listedActors = new Map<string, { aliases: Set<string>; country: string | undefined }>();
// A name written in Latin letters (UCDP gives some in Arabic, Burmese… script) of more than two
// characters: "AN", "PF", "KK" name too much else.
const LATIN_NAME = /^[\p{Script=Latin}0-9'’ .&/-]{3,}$/u;
// One-word names that are English words ("Outlaws", "Elements", "Ninjas") or acronyms that spell one
// or name something else in news ("FAN", "MODEL", "ETA", "CPI", "PAC", "NSA"); not names to match.
const AMBIGUOUS_NAMES = new Set([
  'Cobras',
  'Counterrevolutionaries',
  'Elements',
  'Ninjas',
  'Outlaws',
  'Royalists',
  'Spanish',
  'ASL',
  'BRA',
  'BRAS',
  'CPA',
  'CPI',
  'ELF',
  'ETA',
  'FAN',
  'FAT',
  'FDR',
  'FUNK',
  'JIG',
  'MAS',
  'MIA',
  'MODEL',
  'OAS',
  'PAC',
  'SSA',
]);
// Names that say what a group is rather than which one, or read as plain words in news.
const GENERIC_NAMES = new Set([
  'de Julio',
  'Armed Islamic',
  'Be Strong',
  'Be Well',
  'Croatian irregulars',
  'Elite Army',
  'Freedom fighters group',
  'Hutu rebels',
  'Islamic Community',
  'Islamic Front',
  'Islamic Group',
  'Islamic Legion',
  'Islamic Party',
  'Islamic Unity',
  'Jihad Army',
  'Jihad Islamic',
  'Justice Revolution',
  'Liberation Army',
  'National Liberation Army',
  'Liberation Force',
  'Local Vigilante Committees',
  'Muslim Society',
  'National Alliance',
  'National Front',
  'National Union Front',
  'New Forces',
  'Non PLO groups',
  'Opposition coalition',
  'Parliamentary Forces',
  'Patriotic Front',
  'Peace and Justice',
  'Popular Front',
  'Presidential guard',
  'Rebel Armed Forces',
  'Revolution and Justice',
  'Revolutionary Armed Forces',
  'Revolutionary Left',
  'Security Group',
  'Serbian irregulars',
  'Southern Bloc',
  'Southern Front',
  'Special Force',
  'Special Police Brigade',
  'Spiders',
  'The Family',
  'The Nation',
  'The Reds',
  'The Resistance',
  'The Sentinel',
  'The Sweeper',
  'Third Command',
  'Truth Brigade',
  'Unity Brigade',
  'Unity Party',
]);
const usableName = (name: string) =>
  !GENERIC_NAMES.has(name) &&
  LATIN_NAME.test(name) &&
  !placeNames.has(name) &&
  !AMBIGUOUS.has(name) &&
  !AMBIGUOUS_NAMES.has(name) &&
  !NOT_ACTOR.test(name) &&
  !/^Republic of /.test(name);
if (actorList)
  for (const row of parse(readFileSync(actorList, 'utf8'), { columns: true, bom: true }) as Record<
    string,
    string
  >[]) {
    if (row['Org'] !== '1') continue; // 2: a party's supporters, 3: a community, 4: a state
    const parts = (column: string) => (row[column] ?? '').split(/\s*,\s+/);
    // An actor goes by the name UCDP uses ("Lashkar-e-Jhangvi", not "Army of Jhangvi"), in English
    // where that is an acronym ("Kachin Independence Organization" for KIO), and a renamed one by its
    // newest ("Kurdish Democratic Party of Iran", not "Republic of Kurdistan"); every other name stays
    // one of its names.
    const english = (parts('NewNameFullEng').at(-1) || row['NameOrigFullEng'] || '').trim();
    const short = (parts('NewName').at(-1) || row['NameData'] || '').trim();
    const names = [
      /\p{Ll}/u.test(short) && /[ -]/.test(short) ? short : english,
      english,
      row['NameOrigFullEng'],
      row['NameData'],
      row['NameOrig'],
      row['NameOrigFull'],
      ...parts('NewName'),
      ...parts('NewNameFullEng'),
      ...parts('NewNameFullMotherTongue'),
      // News drops the head word of "Abu Sayyaf Group" more often than not.
      ...(/^\S+ \S+.* Group$/.test(english) ? [english.replace(/ Group$/, '')] : []),
    ]
      .map((n) => (n ?? '').replace(/\s+/g, ' ').trim())
      .filter((n) => n !== 'n/a' && usableName(n));
    const [name, ...aliases] = [...new Set(names)];
    // The curated list's own entry ("Islamic State", "PKK") stands for it.
    if (!name || names.some((n) => known.has(n.toLowerCase()))) continue;
    const first = (row['Location'] ?? '').split(', ')[0] ?? '';
    listedActors.set(name, { aliases: new Set(aliases), country: countryOf(first) });
  }
for (const event of events.flat()) {
  if (heldOut.has(`ged-${event('id')}`) || heldOutHeadlines.has(event('source_headline'))) continue;
  const country = countryOf(event('country'));
  for (const side of [event('side_a'), event('side_b')])
    for (const actor of side.split(/, (?=\p{Lu}|al-|\d)/u).map((a) => a.trim())) {
      if (actor.length < 2 || NOT_ACTOR.test(actor) || NOT_A_NAME.test(actor) || AMBIGUOUS.has(actor))
        continue;
      if (known.has(actor.toLowerCase())) continue;
      if (!actors.has(actor)) actors.set(actor, country);
    }
}
// A GED side the Actor Dataset also lists is one of its names; names the curated list has are left
// to it.
const byName = new Map<string, string>();
for (const [name, actor] of listedActors)
  for (const n of [name, ...actor.aliases]) byName.set(n.toLowerCase(), name);
for (const [side, country] of actors) {
  if (GENERIC_NAMES.has(side) || AMBIGUOUS_NAMES.has(side)) continue;
  const listedName = byName.get(side.toLowerCase());
  const listed = listedName ? listedActors.get(listedName) : undefined;
  // Where UCDP coded it fighting is its country ("ASG" in the Philippines, listed first in Malaysia).
  if (listed) listed.country = country ?? listed.country;
  else listedActors.set(side, { aliases: new Set(), country });
}
// A spelling that names two actors ("MDF": Mabanese and Moorland Defence Forces) names neither.
const owners = new Map<string, number>();
for (const [name, { aliases }] of listedActors)
  for (const n of new Set([name, ...aliases].map((a) => a.toLowerCase())))
    owners.set(n, (owners.get(n) ?? 0) + 1);
const organizations = [...listedActors]
  .map(([name, { aliases, country }]) => ({
    name,
    aliases: [...aliases]
      .filter((a) => !known.has(a.toLowerCase()) && owners.get(a.toLowerCase()) === 1)
      .sort(),
    kind: 'armed-group',
    ...(country && { country }),
  }))
  .filter((o) => !known.has(o.name.toLowerCase()) || o.aliases.length > 0)
  .sort((a, b) => a.name.localeCompare(b.name));
const file = {
  version: new Date().toISOString().slice(0, 10) + '.1',
  about:
    'Non-state actors as UCDP names them: the formally organised non-state actors of the UCDP Actor Dataset 22.1 (as the repository skytheacademic/who_keeps_the_peace ships the original file), and the coded sides of the UCDP GED 23.1 sample in the CRAN package uncertainUCDP 0.7.6 and of the Syria events of GED 19.1 as the repository knapply/data4ds4da ships them (every event except those of the real-text held-out split, by id or headline). UCDP data: CC BY 4.0, Uppsala Conflict Data Program. Written by scripts/import-ucdp-actors.ts; do not edit by hand.',
  organizations,
};
writeFileSync(join(dataDir, 'ucdp-actors.json'), JSON.stringify(file, null, 1) + '\n');
console.log(`${organizations.length} UCDP actors written`);
