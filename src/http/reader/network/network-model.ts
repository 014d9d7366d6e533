/**
 * From contact sums to what the network pages show: the filters in a page's query string, actors
 * ranked by how connected they are, and the nodes and links of a drawing.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../../domain/days.ts';
import { CONTACT_KINDS, type ContactKind } from '../../../domain/contacts.ts';
import type { NetworkActor, PairTotal } from '../../../store/contact-network.ts';
import type { NetworkLink, NetworkNode } from './network-layout.ts';

// A GET form sends empty fields as empty strings: they mean "not set".
const blank = (v: unknown) => (v === '' ? undefined : v);
const day = z.preprocess(
  blank,
  z.string().max(10).refine(isCalendarDate, 'must be a day, YYYY-MM-DD').optional(),
);

/** A network page's period and kind, from its query string. */
export const NetworkQuery = z
  .object({
    from: day,
    to: day,
    kind: z.preprocess(blank, z.enum(CONTACT_KINDS).optional()),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '"from" must not be after "to"',
  });

/** The period and kind a page shows. */
export interface NetworkFilterValues {
  from?: string;
  to?: string;
  kind?: ContactKind;
}

/** The query string (with its "?", or '') that carries `filter` to another network page. */
export function filterQuery(filter: NetworkFilterValues): string {
  const params = new URLSearchParams();
  if (filter.from !== undefined) params.set('from', filter.from);
  if (filter.to !== undefined) params.set('to', filter.to);
  if (filter.kind !== undefined) params.set('kind', filter.kind);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The key of an actor in maps: kind and slug. */
export const actorKey = (a: { kind: string; slug: string }) => `${a.kind}/${a.slug}`;

/** An actor's place in a network: contacts, distinct counterparts, last contact. */
export interface ActorTotal {
  actor: NetworkActor;
  contacts: number;
  counterparts: number;
  last: string;
}

/** Actors of `pairs`, the most counterparts first, then the most contacts, then the most recent. */
export function rankActors(pairs: PairTotal[]): ActorTotal[] {
  const totals = new Map<string, ActorTotal>();
  for (const pair of pairs)
    for (const actor of [pair.a, pair.b]) {
      const key = actorKey(actor);
      const total = totals.get(key);
      if (!total) totals.set(key, { actor, contacts: pair.contacts, counterparts: 1, last: pair.last });
      else {
        total.contacts += pair.contacts;
        total.counterparts += 1;
        if (pair.last > total.last) total.last = pair.last;
      }
    }
  return [...totals.values()].sort(
    (x, y) =>
      y.counterparts - x.counterparts ||
      y.contacts - x.contacts ||
      y.last.localeCompare(x.last) ||
      x.actor.name.localeCompare(y.actor.name),
  );
}

/**
 * Nodes for `actors` (in their order) and links for the pairs between them, at most `maxLinks`,
 * the most contacts first.
 */
export function networkOf(
  actors: { actor: NetworkActor; contacts: number }[],
  pairs: PairTotal[],
  maxLinks: number,
): { nodes: NetworkNode[]; links: NetworkLink[] } {
  const index = new Map(actors.map((a, i) => [actorKey(a.actor), i]));
  const links: NetworkLink[] = [];
  for (const pair of [...pairs].sort((x, y) => y.contacts - x.contacts)) {
    const source = index.get(actorKey(pair.a));
    const target = index.get(actorKey(pair.b));
    if (source === undefined || target === undefined) continue;
    links.push({ source, target, contacts: pair.contacts });
    if (links.length >= maxLinks) break;
  }
  return {
    nodes: actors.map(({ actor, contacts }) => ({ ...actor, weight: contacts })),
    links,
  };
}
