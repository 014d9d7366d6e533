/**
 * `npm run eval:contacts`: scores contact extraction against eval/contacts/gold.json (texts written
 * for Dateline, rules in eval/contacts/README.md) and prints precision, recall and F1 for contacts
 * (an unordered pair of parties and the kind) and for pairs alone, for the dev and held-out splits.
 * `--errors` lists the dev split's mistakes; held-out mistakes are never printed, so nobody tunes on them.
 * Then the real-text set (White House readouts, eval/contacts/real/) when it is built; `--real-errors`
 * lists its dev mistakes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTACT_KINDS } from '../../src/domain/contacts.ts';
import { createEnricher } from '../../src/enrich/pipeline.ts';
import { scoreRealSet } from './real/score-real.ts';

const GOLD = z.array(
  z.object({
    id: z.string(),
    split: z.enum(['dev', 'heldout']),
    text: z.string(),
    contacts: z.array(z.object({ a: z.string(), b: z.string(), kind: z.enum(CONTACT_KINDS) })),
  }),
);

/** An unordered pair, with or without the kind. */
const pairKey = (a: string, b: string) => [a, b].sort().join(' ↔ ');

/** Precision, recall and F1 of `found` against `expected`, counted as multisets of keys. */
function score(found: string[], expected: string[]) {
  const left = [...expected];
  let hits = 0;
  for (const key of found) {
    const at = left.indexOf(key);
    if (at >= 0) {
      hits++;
      left.splice(at, 1);
    }
  }
  const p = found.length === 0 ? 1 : hits / found.length;
  const r = expected.length === 0 ? 1 : hits / expected.length;
  return {
    hits,
    found: found.length,
    expected: expected.length,
    p,
    r,
    f1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
  };
}

const gold = GOLD.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'gold.json'), 'utf8')));
const enricher = createEnricher();
const showErrors = process.argv.includes('--errors');
const line = (name: string, s: ReturnType<typeof score>) =>
  `${name.padEnd(24)} P ${s.p.toFixed(3)}  R ${s.r.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.hits} right of ${s.found} found, ${s.expected} in gold)`;

for (const split of ['dev', 'heldout'] as const) {
  const items = gold.filter((item) => item.split === split);
  const keys = {
    found: [] as string[],
    gold: [] as string[],
    foundPairs: [] as string[],
    goldPairs: [] as string[],
  };
  for (const item of items) {
    const found = enricher.enrich(item.text, { published: '2026-12-07T12:00:00+00:00' }).contacts ?? [];
    const foundContacts = found.map((c) => `${pairKey(c.a.name, c.b.name)} ${c.kind}`);
    const goldContacts = item.contacts.map((c) => `${pairKey(c.a, c.b)} ${c.kind}`);
    keys.found.push(...foundContacts.map((k) => `${item.id} ${k}`));
    keys.gold.push(...goldContacts.map((k) => `${item.id} ${k}`));
    keys.foundPairs.push(...found.map((c) => `${item.id} ${pairKey(c.a.name, c.b.name)}`));
    keys.goldPairs.push(...item.contacts.map((c) => `${item.id} ${pairKey(c.a, c.b)}`));
    if (showErrors && split === 'dev') {
      for (const k of foundContacts.filter((k) => !goldContacts.includes(k)))
        console.log(`${item.id} extra:  ${k}`);
      for (const k of goldContacts.filter((k) => !foundContacts.includes(k)))
        console.log(`${item.id} missed: ${k}`);
    }
  }
  const negatives = items.filter((item) => item.contacts.length === 0).length;
  console.log(`${split}: ${items.length} texts (${negatives} with no contact), ${keys.gold.length} contacts`);
  console.log(line('  contacts (pair + kind)', score(keys.found, keys.gold)));
  console.log(line('  pairs (any kind)', score(keys.foundPairs, keys.goldPairs)));
}

scoreRealSet(enricher, process.argv.includes('--real-errors'));
