/**
 * What both engines' search shares: the filters as SQL over the columns each engine's hit list has,
 * the mapping of result rows to SearchHits, and the counting of facets. The matching and ranking,
 * and how an update's enrichment is read for the entity filters, are each engine's own
 * (sqlite/sqlite-search.ts, postgres/postgres-search.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import { addDays } from '../../domain/days.ts';
import type { ClaimStatus } from '../../domain/types.ts';
import type { Enrichment } from '../../enrich/types.ts';
import type { SearchEntityType, SearchFacet, SearchHit, SearchKind, SearchQuery } from '../search.ts';
import type { SqlAdapter, SqlDeps } from './sql-adapter.ts';
import { snippetHtml } from './search-text.ts';

/** Columns of an engine's hit list that the filters apply to. */
export interface HitColumns {
  kind: string;
  /** The record's id (update, story or statement, as `kind` says), for the entity filters. */
  id: string;
  at: string;
  claimStatus: string;
  keyEvent: string;
  storyStatus: string;
  deskSlug: string;
  /** When the record's desk was archived (null when it is not, or has no desk). */
  deskArchivedAt: string;
}

/**
 * How an engine asks whether the record (`kind`, `id`) names `name` (compared with SQL `lower()` on
 * both sides) as an entity of `type`: an update by its stored enrichment (update_enrichments), a
 * statement by its `parties` (canonical names from the same pipeline, untyped, so any type matches);
 * stories never do.
 */
export type EntityCondition = (
  type: SearchEntityType,
  record: { kind: RawBuilder<unknown>; id: RawBuilder<unknown> },
  name: string,
) => RawBuilder<unknown>;

/** Whether `query` filters by person, organisation or place. */
function hasEntityFilter(query: SearchQuery): boolean {
  return (
    (query.people?.length ?? 0) > 0 ||
    (query.organizations?.length ?? 0) > 0 ||
    (query.places?.length ?? 0) > 0
  );
}

/** The WHERE conditions of `query`'s filters (public stories only, always). */
export function searchFilters(
  query: SearchQuery,
  adapter: SqlAdapter,
  c: HitColumns,
  entity: EntityCondition,
): RawBuilder<unknown> {
  // Statements have no story; everything else shows only when its story is public.
  const conditions: RawBuilder<unknown>[] = [
    sql`(${sql.ref(c.kind)} = 'statement' or ${sql.ref(c.storyStatus)} in ('live', 'ended'))`,
  ];
  if (query.deskSlug !== undefined) conditions.push(sql`${sql.ref(c.deskSlug)} = ${query.deskSlug}`);
  // Across desks, archived desks are left out (the sample desk, once a real one exists); within one, not.
  else conditions.push(sql`${sql.ref(c.deskArchivedAt)} is null`);
  if (query.from !== undefined) conditions.push(sql`${sql.ref(c.at)} >= ${`${query.from}T00:00:00.000Z`}`);
  if (query.to !== undefined)
    conditions.push(sql`${sql.ref(c.at)} < ${`${addDays(query.to, 1)}T00:00:00.000Z`}`);
  const updatesOnly = (query.claimStatuses?.length ?? 0) > 0 || query.keyEventsOnly === true;
  const named = hasEntityFilter(query);
  const kinds: SearchKind[] = (query.kinds ?? ['update', 'story', 'statement']).filter(
    (kind) =>
      (!updatesOnly || kind === 'update') &&
      (!named || kind !== 'story') &&
      (query.deskSlug === undefined || kind !== 'statement'),
  );
  if (kinds.length === 0) return sql`1 = 0`;
  conditions.push(sql`${sql.ref(c.kind)} in (${sql.join(kinds)})`);
  if (query.claimStatuses !== undefined && query.claimStatuses.length > 0)
    conditions.push(sql`${sql.ref(c.claimStatus)} in (${sql.join(query.claimStatuses)})`);
  if (query.keyEventsOnly === true) conditions.push(sql`${sql.ref(c.keyEvent)} = ${adapter.bool(true)}`);
  const entities: [SearchEntityType, string[] | undefined][] = [
    ['person', query.people],
    ['organization', query.organizations],
    ['place', query.places],
  ];
  for (const [type, names] of entities)
    for (const name of names ?? [])
      conditions.push(entity(type, { kind: sql.ref(c.kind), id: sql.ref(c.id) }, name));
  return sql.join(conditions, sql` and `);
}

/** A result row as both engines select it. */
export interface HitRow {
  kind: string;
  id: string;
  story_id: string | null;
  story_slug: string | null;
  story_headline: string | null;
  story_status: string | null;
  desk_slug: string | null;
  desk_name: string | null;
  statement_issuer: string | null;
  statement_title: string | null;
  at: string;
  claim_status: string | null;
  key_event: number | boolean | null;
  title_hl: string | null;
  snip: string | null;
}

/** A SearchHit from its row. */
export function toHit(row: HitRow): SearchHit {
  const title = row.title_hl === null || row.title_hl === '' ? null : snippetHtml(row.title_hl);
  const common = { id: row.id, titleHtml: title, snippetHtml: snippetHtml(row.snip ?? ''), at: row.at };
  if (row.kind === 'statement') {
    return {
      ...common,
      kind: 'statement',
      story: null,
      statement: { issuer: row.statement_issuer ?? '', title: row.statement_title ?? '' },
      claimStatus: null,
      keyEvent: false,
    };
  }
  return {
    ...common,
    kind: row.kind as 'update' | 'story',
    story: {
      id: row.story_id ?? '',
      slug: row.story_slug ?? '',
      headline: row.story_headline ?? '',
      status: row.story_status ?? '',
      deskSlug: row.desk_slug,
      deskName: row.desk_name,
    },
    statement: null,
    claimStatus: (row.claim_status as ClaimStatus | null) ?? null,
    keyEvent: row.key_event === true || row.key_event === 1,
  };
}

/** The canonical names of each type that one enrichment names (a place: geocoded places and countries). */
export function entityNames(enrichment: Partial<Enrichment>): Record<SearchEntityType, Set<string>> {
  return {
    person: new Set((enrichment.people ?? []).map((p) => p.name)),
    organization: new Set((enrichment.organizations ?? []).map((o) => o.name)),
    place: new Set([
      ...(enrichment.places ?? []).map((p) => p.name),
      ...(enrichment.countries ?? []).map((c) => c.name),
    ]),
  };
}

/**
 * Facets of the updates `updateIds`: each canonical name with the number of those updates naming
 * it, most named first (then by name), at most `perType` per type.
 */
export async function countFacets(
  deps: SqlDeps,
  updateIds: readonly string[],
  perType: number,
): Promise<SearchFacet[]> {
  if (updateIds.length === 0) return [];
  const rows = await deps.db
    .selectFrom('update_enrichments')
    .select(['update_id', 'enrichment'])
    .where('update_id', 'in', updateIds)
    .execute();
  const counts = new Map<string, SearchFacet>();
  for (const row of rows) {
    const names = entityNames(JSON.parse(row.enrichment) as Partial<Enrichment>);
    for (const type of ['person', 'organization', 'place'] as const) {
      for (const name of names[type]) {
        const key = `${type}\u0000${name}`;
        const facet = counts.get(key) ?? { type, name, count: 0 };
        facet.count += 1;
        counts.set(key, facet);
      }
    }
  }
  const sorted = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en'));
  const kept = new Map<SearchEntityType, number>();
  return sorted.filter((facet) => {
    const n = kept.get(facet.type) ?? 0;
    kept.set(facet.type, n + 1);
    return n < perType;
  });
}
