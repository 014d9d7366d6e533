/**
 * Names of real-text sets as two annotators read them, each blind to the other and to the system
 * (rules: `read-twice/RULES.md` for organisations, `read-twice/PEOPLE.md` for people; files
 * `read-twice/<set>-<1|2>.json`). A span both list is gold; a span only one lists, or that either
 * marks unsure, is neither right nor wrong. Without them a real organisation no UCDP actor name
 * covers ("UN", "Haqqani Network") counted as a system error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { foldDiacritics } from '../../src/enrich/spelling.ts';

const fold = (s: string) =>
  foldDiacritics(s)
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Whether two spans name the same words, one inside the other ("Taliban" in "Afghan Taliban"). */
function sameSpan(a: string, b: string): boolean {
  const [x, y] = [fold(a), fold(b)];
  const holds = (outer: string, inner: string) => ` ${outer} `.includes(` ${inner} `);
  return x === y || holds(x, y) || holds(y, x);
}

export interface ReadTwice {
  /** Spans both annotators list, the shorter where they differ in extent. */
  gold: string[];
  /** Spans one annotator lists, or either marks unsure. */
  other: string[];
}

/** The two readings of one set's `field` ("organizations", "people"), by text id; undefined without them. */
export function annotatedNames(set: string, field: string): Map<string, ReadTwice> | undefined {
  const dir = join(import.meta.dirname, 'read-twice');
  const paths = [1, 2].map((n) => join(dir, `${set}-${n}.json`));
  if (!paths.every((p) => existsSync(p))) return undefined;
  const file = z.record(
    z.string(),
    z.object({ [field]: z.array(z.string()), uncertain: z.array(z.string()) }),
  );
  const [first, second] = paths.map((p) => file.parse(JSON.parse(readFileSync(p, 'utf8'))));
  const out = new Map<string, ReadTwice>();
  for (const id of new Set([...Object.keys(first ?? {}), ...Object.keys(second ?? {})])) {
    const [a, b] = [first?.[id], second?.[id]];
    out.set(
      id,
      agree(a?.[field] ?? [], b?.[field] ?? [], [...(a?.uncertain ?? []), ...(b?.uncertain ?? [])]),
    );
  }
  return out;
}

function agree(x: string[], y: string[], unsure: string[]): ReadTwice {
  const gold: string[] = [];
  for (const span of x) {
    const match = y.find((s) => sameSpan(s, span));
    if (match) gold.push(match.length < span.length ? match : span);
  }
  const other = [...x, ...y, ...unsure].filter((s) => !gold.some((g) => fold(g) === fold(s)));
  return { gold: [...new Set(gold)], other: [...new Set(other)] };
}

/** Items with the annotators' organisations added: agreed spans to the gold, the rest as "other". */
export function withAnnotatedOrganisations<T extends { id: string; organizations: string[] }>(
  items: T[],
  set: string,
): (T & { otherOrganizations?: string[] })[] {
  const read = annotatedNames(set, 'organizations');
  if (!read) return items;
  return items.map((item) => {
    const { gold, other } = read.get(item.id) ?? { gold: [], other: [] };
    const organizations = [...new Set([...item.organizations, ...gold])];
    const rest = other.filter((s) => !organizations.some((g) => fold(g) === fold(s)));
    return { ...item, organizations, ...(rest.length > 0 && { otherOrganizations: rest }) };
  });
}
