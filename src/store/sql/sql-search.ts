/**
 * What both engines' search shares: the filters as SQL over the columns each engine's hit list has,
 * and the mapping of result rows to SearchHits. The matching and ranking are each engine's own
 * (sqlite/sqlite-search.ts, postgres/postgres-search.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import { addDays } from '../../domain/days.ts';
import type { ClaimStatus } from '../../domain/types.ts';
import type { SearchHit, SearchKind, SearchQuery } from '../search.ts';
import type { SqlAdapter } from './sql-adapter.ts';
import { snippetHtml } from './search-text.ts';

/** Columns of an engine's hit list that the filters apply to. */
export interface HitColumns {
  kind: string;
  at: string;
  claimStatus: string;
  keyEvent: string;
  storyStatus: string;
  deskSlug: string;
}

/** The WHERE conditions of `query`'s filters (public stories only, always). */
export function searchFilters(query: SearchQuery, adapter: SqlAdapter, c: HitColumns): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`${sql.ref(c.storyStatus)} in ('live', 'ended')`];
  if (query.deskSlug !== undefined) conditions.push(sql`${sql.ref(c.deskSlug)} = ${query.deskSlug}`);
  if (query.from !== undefined) conditions.push(sql`${sql.ref(c.at)} >= ${`${query.from}T00:00:00.000Z`}`);
  if (query.to !== undefined)
    conditions.push(sql`${sql.ref(c.at)} < ${`${addDays(query.to, 1)}T00:00:00.000Z`}`);
  const updatesOnly = (query.claimStatuses?.length ?? 0) > 0 || query.keyEventsOnly === true;
  const kinds: SearchKind[] = (query.kinds ?? ['update', 'story']).filter(
    (kind) => !updatesOnly || kind === 'update',
  );
  if (kinds.length === 0) return sql`1 = 0`;
  conditions.push(sql`${sql.ref(c.kind)} in (${sql.join(kinds)})`);
  if (query.claimStatuses !== undefined && query.claimStatuses.length > 0)
    conditions.push(sql`${sql.ref(c.claimStatus)} in (${sql.join(query.claimStatuses)})`);
  if (query.keyEventsOnly === true) conditions.push(sql`${sql.ref(c.keyEvent)} = ${adapter.bool(true)}`);
  return sql.join(conditions, sql` and `);
}

/** A result row as both engines select it. */
export interface HitRow {
  kind: string;
  id: string;
  story_id: string;
  story_slug: string;
  story_headline: string;
  story_status: string;
  desk_slug: string | null;
  desk_name: string | null;
  at: string;
  claim_status: string | null;
  key_event: number | boolean | null;
  title_hl: string | null;
  snip: string | null;
}

/** A SearchHit from its row. */
export function toHit(row: HitRow): SearchHit {
  const title = row.title_hl === null || row.title_hl === '' ? null : snippetHtml(row.title_hl);
  return {
    kind: row.kind as SearchKind,
    id: row.id,
    story: {
      id: row.story_id,
      slug: row.story_slug,
      headline: row.story_headline,
      status: row.story_status,
      deskSlug: row.desk_slug,
      deskName: row.desk_name,
    },
    titleHtml: title,
    snippetHtml: snippetHtml(row.snip ?? ''),
    at: row.at,
    claimStatus: (row.claim_status as ClaimStatus | null) ?? null,
    keyEvent: row.key_event === true || row.key_event === 1,
  };
}
