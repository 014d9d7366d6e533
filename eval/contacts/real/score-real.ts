/**
 * Scores contact extraction on the real-text set (White House readouts, eval/contacts/real/): reads
 * the texts built by build-real-set.ts (not committed) and the hand gold `gold.json`, and prints
 * precision and recall for contacts (pair and kind), pairs (any kind) and each kind, per split.
 * Names are matched by the rule in eval/README.md: a system name is right when it is one of the gold
 * spellings, or when its words are all among a gold spelling's words ("Biden" for "Joseph R. Biden,
 * Jr."), honorifics aside.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTACT_KINDS, type ContactKind } from '../../../src/domain/contacts.ts';
import type { Enricher } from '../../../src/enrich/pipeline.ts';
import { foldDiacritics } from '../../../src/enrich/spelling.ts';

const Party = z.array(z.string()).min(1);
const Gold = z.array(
  z.object({
    id: z.string(),
    contacts: z.array(z.object({ a: Party, b: Party, kind: z.enum(CONTACT_KINDS) })),
  }),
);
const Text = z.object({
  id: z.string(),
  split: z.enum(['dev', 'heldout']),
  date: z.string(),
  text: z.string(),
});

/** Where the built texts are: DATELINE_REAL_CONTACTS, or shared/eval-real/ beside the clone. */
export function realSetPath(): string | undefined {
  return [
    process.env['DATELINE_REAL_CONTACTS'],
    join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'eval-real', 'wh-readouts.jsonl'),
  ].find((p): p is string => p !== undefined && existsSync(p));
}

// Honorifics the readouts put before names; not part of anybody's name.
const HONORIFICS = new Set([
  'king',
  'queen',
  'sheikh',
  'amir',
  'emir',
  'his',
  'her',
  'majesty',
  'dr',
  'mr',
  'ms',
  'mrs',
]);
const words = (name: string) =>
  foldDiacritics(name)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && w !== 'jr' && w !== 'sr' && !HONORIFICS.has(w));

/** The names list's canonical name for each of its aliases ("Volodymyr Zelenskyy" → "Volodymyr Zelensky"). */
const CANONICAL = new Map<string, string>(
  (
    JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'names', 'people.json'), 'utf8'),
    ) as { people: { name: string; aliases?: string[] }[] }
  ).people.flatMap((p) => (p.aliases ?? []).map((alias): [string, string] => [alias, p.name])),
);

/**
 * Whether the system's `name` names the gold party spelt `spellings` (or by the canonical name the
 * names list gives one of them: the extractor writes people as the list spells them).
 */
export function sameParty(name: string, spellings: string[]): boolean {
  const found = words(name);
  if (found.length === 0) return false;
  const all = [...spellings, ...spellings.flatMap((s) => CANONICAL.get(s) ?? [])];
  return all.some((spelling) => {
    const gold = words(spelling);
    return found.every((w) => gold.includes(w));
  });
}

interface Tally {
  hits: number;
  found: number;
  expected: number;
}
const empty = (): Tally => ({ hits: 0, found: 0, expected: 0 });
const line = (name: string, t: Tally) => {
  const p = t.found === 0 ? 1 : t.hits / t.found;
  const r = t.expected === 0 ? 1 : t.hits / t.expected;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `${name.padEnd(24)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (${t.hits} right of ${t.found} found, ${t.expected} in gold)`;
};

interface Found {
  a: string;
  b: string;
  kind: ContactKind;
}
interface Expected {
  a: string[];
  b: string[];
  kind: ContactKind;
}

/** Right answers among `found`, each gold contact used once; `withKind` also asks for the kind. */
function match(found: Found[], gold: Expected[], withKind: boolean) {
  const left = [...gold];
  const right: Found[] = [];
  const wrong: Found[] = [];
  for (const c of found) {
    const at = left.findIndex(
      (g) =>
        (!withKind || g.kind === c.kind) &&
        ((sameParty(c.a, g.a) && sameParty(c.b, g.b)) || (sameParty(c.a, g.b) && sameParty(c.b, g.a))),
    );
    if (at >= 0) {
      right.push(c);
      left.splice(at, 1);
    } else wrong.push(c);
  }
  return { right, wrong, missed: left };
}

/** Prints the real-text figures; `errors` lists the dev split's mistakes (never held-out's). */
export function scoreRealSet(enricher: Enricher, errors: boolean): void {
  const path = realSetPath();
  if (!path) {
    console.log(
      '\nReal-text set: not found (build it as eval/README.md says, or set DATELINE_REAL_CONTACTS)',
    );
    return;
  }
  const gold = new Map(
    Gold.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'gold.json'), 'utf8'))).map((g) => [
      g.id,
      g.contacts,
    ]),
  );
  const texts = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => Text.parse(JSON.parse(l)));
  console.log(`\nReal-text set (White House readouts, ${path}):`);
  for (const split of ['dev', 'heldout'] as const) {
    const items = texts.filter((t) => t.split === split);
    const contacts = empty();
    const pairs = empty();
    const kinds = new Map<ContactKind, Tally>();
    const kind = (k: ContactKind) => kinds.get(k) ?? kinds.set(k, empty()).get(k)!;
    for (const item of items) {
      const expected = gold.get(item.id);
      if (!expected)
        throw new Error(`${item.id}: no gold (rebuild the set at the commit in build-real-set.ts)`);
      const found: Found[] = (
        enricher.enrich(item.text, { published: `${item.date}T18:00:00Z` }).contacts ?? []
      ).map((c) => ({ a: c.a.name, b: c.b.name, kind: c.kind }));
      const strict = match(found, expected, true);
      const loose = match(found, expected, false);
      contacts.hits += strict.right.length;
      contacts.found += found.length;
      contacts.expected += expected.length;
      pairs.hits += loose.right.length;
      pairs.found += found.length;
      pairs.expected += expected.length;
      for (const c of found) kind(c.kind).found++;
      for (const c of strict.right) kind(c.kind).hits++;
      for (const g of expected) kind(g.kind).expected++;
      if (errors && split === 'dev') {
        for (const c of strict.wrong) console.log(`  ${item.id} extra:  ${c.a} ↔ ${c.b} ${c.kind}`);
        for (const g of strict.missed) console.log(`  ${item.id} missed: ${g.a[0]} ↔ ${g.b[0]} ${g.kind}`);
      }
    }
    const negatives = items.filter((item) => (gold.get(item.id) ?? []).length === 0).length;
    console.log(
      `${split}: ${items.length} texts (${negatives} with no contact), ${contacts.expected} contacts`,
    );
    console.log(line('  contacts (pair + kind)', contacts));
    console.log(line('  pairs (any kind)', pairs));
    for (const k of CONTACT_KINDS) if (kinds.has(k)) console.log(line(`  ${k}`, kinds.get(k)!));
  }
}
