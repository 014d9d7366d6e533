/**
 * Writes resources/names/ucdp-actors.json from UCDP GED's coded sides: the non-state actors UCDP names,
 * with the country of the events they fought in, so that text naming them the UCDP way
 * ("Taleban", "Jabhat Fateh al-Sham", "ASG") is matched. Every event of the sample is read except
 * those in the real-text set's held-out split (eval/real/split.tsv, eval/README.md): the held-out
 * texts' own coding never reaches the lists, so the held-out figures stay honest.
 *
 *   node --import tsx scripts/import-ucdp-actors.ts ucdpged.tsv
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

const source = process.argv[2];
if (!source) throw new Error('usage: import-ucdp-actors.ts ucdpged.tsv');
const lines = readFileSync(source, 'utf8').split('\n').filter(Boolean);
const header = (lines[0] ?? '').split('\t');
const col = (name: string) => header.indexOf(name);

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
const actors = new Map<string, string | undefined>();
for (const line of lines.slice(1)) {
  const cells = line.split('\t');
  if (heldOut.has(`ged-${cells[col('id')]}`)) continue;
  const country = countryOf(cells[col('country')] ?? '');
  const sides = [cells[col('side_a')] ?? '', cells[col('side_b')] ?? ''];
  for (const side of sides)
    for (const actor of side.split(/, (?=\p{Lu}|al-)/u).map((a) => a.trim())) {
      if (actor.length < 2 || NOT_ACTOR.test(actor) || known.has(actor.toLowerCase())) continue;
      if (!actors.has(actor)) actors.set(actor, country);
    }
}
const organizations = [...actors]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, country]) => ({ name, aliases: [], kind: 'armed-group', ...(country && { country }) }));
const file = {
  version: new Date().toISOString().slice(0, 10) + '.1',
  about:
    'Non-state actors as UCDP names them, from the coded sides of the UCDP GED 23.1 sample in the CRAN package uncertainUCDP 0.7.6 (every event except those of the real-text held-out split). UCDP data: CC BY 4.0, Uppsala Conflict Data Program. Written by scripts/import-ucdp-actors.ts; do not edit by hand.',
  organizations,
};
writeFileSync(join(dataDir, 'ucdp-actors.json'), JSON.stringify(file, null, 1) + '\n');
console.log(`${organizations.length} UCDP actors written`);
