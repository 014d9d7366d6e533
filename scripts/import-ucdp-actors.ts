/**
 * Writes resources/names/ucdp-actors.json from UCDP GED's coded sides: the non-state actors UCDP names,
 * with the country of the events they fought in, so that text naming them the UCDP way
 * ("Taleban", "Jabhat Fateh al-Sham", "ASG") is matched. Every event of the sample is read except
 * those in the real-text set's held-out split (eval/real/split.tsv, eval/README.md): the held-out
 * texts' own coding never reaches the lists, so the held-out figures stay honest. Further GED files
 * (the Syria events of GED 19.1) add their actors; their events that share a held-out id or headline
 * are skipped too.
 *
 *   node --import tsx scripts/import-ucdp-actors.ts ucdpged.tsv [ucdp_syria.tsv …]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The events whose headlines are the held-out texts. */
const heldOut = new Set(
  readFileSync(join(import.meta.dirname, '..', 'eval', 'real', 'split.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('\theldout'))
    .map((line) => line.split('\t')[0]),
);

const sources = process.argv.slice(2);
if (sources.length === 0) throw new Error('usage: import-ucdp-actors.ts ucdpged.tsv [more GED .tsv …]');
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
const countries = new Map<string, string>();
for (const line of readFileSync(
  join(import.meta.dirname, '..', 'resources', 'gazetteer', 'countries.tsv'),
  'utf8',
).split('\n')) {
  const [iso2, name] = line.split('\t');
  if (iso2 && name) countries.set(name, iso2);
}
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
const organizations = [...actors]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, country]) => ({ name, aliases: [], kind: 'armed-group', ...(country && { country }) }));
const file = {
  version: new Date().toISOString().slice(0, 10) + '.1',
  about:
    'Non-state actors as UCDP names them, from the coded sides of the UCDP GED 23.1 sample in the CRAN package uncertainUCDP 0.7.6 and of the Syria events of GED 19.1 as the repository knapply/data4ds4da ships them (every event except those of the real-text held-out split, by id or headline). UCDP data: CC BY 4.0, Uppsala Conflict Data Program. Written by scripts/import-ucdp-actors.ts; do not edit by hand.',
  organizations,
};
writeFileSync(join(dataDir, 'ucdp-actors.json'), JSON.stringify(file, null, 1) + '\n');
console.log(`${organizations.length} UCDP actors written`);
