/**
 * A tuning pool of UCDP headlines whose organisations and people two annotators read, blind to each
 * other and to the system (eval/README.md, "A headline pool read twice"): up to 80 texts per country
 * of the 11-country pool (`build-real-set.ts --pool` over the seventh set's sources), none of them in
 * the seventh set or sharing a sentence with it, drawn by a salted hash of the id. All dev: for tuning.
 *
 *   node --import tsx eval/real/build-headline-pool.ts POOL.jsonl SEVENTH.jsonl OUT.jsonl
 *
 * Without OUT it prints the drawn texts as `id<TAB>text` (the annotators' input).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { annotatedNames, withAnnotatedOrganisations } from './read-twice.ts';
import type { RealItem } from './run-real-eval.ts';

const [poolFile, seventhFile, out] = process.argv.slice(2);
if (!poolFile || !seventhFile) {
  console.error('usage: build-headline-pool.ts POOL.jsonl SEVENTH.jsonl [OUT.jsonl]');
  process.exit(1);
}
const read = (file: string): RealItem[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RealItem);
const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 15);

const seventh = read(seventhFile);
const ids = new Set(seventh.map((i) => i.id));
const seen = new Set(seventh.flatMap((i) => sentences(i.text)));
const fresh = read(poolFile).filter((i) => !ids.has(i.id) && !sentences(i.text).some((s) => seen.has(s)));
const PER_COUNTRY = 80;
const draw = (id: string) => createHash('sha256').update(`orgpool:${id}`).digest('hex');
const drawn = [...new Set(fresh.map((i) => i.country))].sort().flatMap((country) =>
  fresh
    .filter((i) => i.country === country)
    .sort((a, b) => (draw(a.id) < draw(b.id) ? -1 : 1))
    .slice(0, PER_COUNTRY),
);
if (!out) {
  for (const i of drawn) console.log(`${i.id}\t${i.text.replace(/[\t\n]/g, ' ')}`);
  process.exit(0);
}
const people = annotatedNames('headline-pool-people', 'people');
const items = withAnnotatedOrganisations(
  drawn.map((i) => ({ ...i, organizations: i.organizations ?? [] })),
  'headline-pool',
).map((i) => {
  const read = people?.get(i.id);
  return read ? { ...i, people: read.gold, ...(read.other.length > 0 && { otherPeople: read.other }) } : i;
});
writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
console.log(
  `headline pool: ${items.length} texts of ${fresh.length}, organisations ${items.reduce((n, i) => n + i.organizations.length, 0)}` +
    (people ? `, people ${items.reduce((n, i) => n + (i.people?.length ?? 0), 0)}` : '') +
    ` -> ${out}`,
);
