/**
 * Organisations of the UCDP, Wikipedia and seventh sets as two annotators read them, each blind to the
 * other and to the system (rules: `org-annotations/RULES.md`; files `org-annotations/<set>-<1|2>.json`).
 * A span both list is gold; a span only one lists, or that either marks unsure, is neither right nor
 * wrong. Without it a real organisation no UCDP actor name covers ("UN", "Haqqani Network") counted
 * as a system error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const FILE = z.record(
  z.string(),
  z.object({ organizations: z.array(z.string()), uncertain: z.array(z.string()) }),
);
type Annotation = z.infer<typeof FILE>[string];

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
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

export interface AnnotatedOrganisations {
  /** Spans both annotators list, the shorter where they differ in extent. */
  gold: string[];
  /** Spans one annotator lists, or either marks unsure. */
  other: string[];
}

/** The two readings of one set, by text id; undefined when the set has none. */
export function annotatedOrganisations(set: string): Map<string, AnnotatedOrganisations> | undefined {
  const dir = join(import.meta.dirname, 'org-annotations');
  const paths = [1, 2].map((n) => join(dir, `${set}-${n}.json`));
  if (!paths.every((p) => existsSync(p))) return undefined;
  const [first, second] = paths.map((p) => FILE.parse(JSON.parse(readFileSync(p, 'utf8'))));
  const out = new Map<string, AnnotatedOrganisations>();
  for (const id of new Set([...Object.keys(first ?? {}), ...Object.keys(second ?? {})]))
    out.set(id, agree(first?.[id], second?.[id]));
  return out;
}

function agree(a: Annotation | undefined, b: Annotation | undefined): AnnotatedOrganisations {
  const [x, y] = [a?.organizations ?? [], b?.organizations ?? []];
  const gold: string[] = [];
  for (const span of x) {
    const match = y.find((s) => sameSpan(s, span));
    if (match) gold.push(match.length < span.length ? match : span);
  }
  const other = [...x, ...y, ...(a?.uncertain ?? []), ...(b?.uncertain ?? [])].filter(
    (s) => !gold.some((g) => fold(g) === fold(s)),
  );
  return { gold: [...new Set(gold)], other: [...new Set(other)] };
}

/** Items with the annotators' organisations added: agreed spans to the gold, the rest as "other". */
export function withAnnotatedOrganisations<T extends { id: string; organizations: string[] }>(
  items: T[],
  set: string,
): (T & { otherOrganizations?: string[] })[] {
  const read = annotatedOrganisations(set);
  if (!read) return items;
  return items.map((item) => {
    const { gold, other } = read.get(item.id) ?? { gold: [], other: [] };
    const organizations = [...new Set([...item.organizations, ...gold])];
    const rest = other.filter((s) => !organizations.some((g) => fold(g) === fold(s)));
    return { ...item, organizations, ...(rest.length > 0 && { otherOrganizations: rest }) };
  });
}
