/**
 * Search over SQLite FTS5 (index and triggers in migrations 0020-search and 0021-search-statements),
 * ranked by bm25. Entity filters read the enrichment JSON and statements' parties with json_each.
 */
import { sql, type RawBuilder } from 'kysely';
import type { SqlDeps } from '../sql/sql-adapter.ts';
import { countFacets, searchFilters, toHit, type EntityCondition, type HitRow } from '../sql/sql-search.ts';
import { MARK_END, MARK_START, parseQuery, toFts5 } from '../sql/search-text.ts';
import {
  FACET_SAMPLE,
  type SearchFacet,
  type SearchQuery,
  type SearchResults,
  type SearchStore,
} from '../search.ts';

// Weights of the title and body columns in bm25: a word in a headline counts four times as much.
const TITLE_WEIGHT = 4;
const SNIPPET_TOKENS = 28;

// Where each entity type sits in an enrichment document (store/sql/sql-search.ts entityNames).
const ENTITY_PATHS = {
  person: ['$.people'],
  organization: ['$.organizations'],
  place: ['$.places', '$.countries'],
} as const;

const entityCondition: EntityCondition = (type, record, name) =>
  sql`((${record.kind} = 'update' and (${sql.join(
    ENTITY_PATHS[type].map(
      (path) => sql`exists (select 1 from update_enrichments e, json_each(e.enrichment, ${path}) j
        where e.update_id = ${record.id} and lower(json_extract(j.value, '$.name')) = lower(${name}))`,
    ),
    sql` or `,
  )}))
  or (${record.kind} = 'statement' and exists (select 1 from statements p, json_each(p.parties) j
    where p.id = ${record.id} and lower(j.value) = lower(${name}))))`;

/** SearchStore over the `search_fts` FTS5 table. */
export class SqliteSearch implements SearchStore {
  constructor(private readonly deps: SqlDeps) {}

  async search(query: SearchQuery): Promise<SearchResults> {
    const rows = await this.rows(query, true);
    return { hits: rows.slice(0, query.limit).map(toHit), more: rows.length > query.limit };
  }

  async facets(query: SearchQuery, perType: number): Promise<SearchFacet[]> {
    if (query.kinds !== undefined && !query.kinds.includes('update')) return [];
    const rows = await this.rows({ ...query, kinds: ['update'], limit: FACET_SAMPLE, offset: 0 }, false);
    return countFacets(
      this.deps,
      rows.slice(0, FACET_SAMPLE).map((row) => row.id),
      perType,
    );
  }

  /** One more row than `query.limit`, best first; highlights only when `withText`. */
  private async rows(query: SearchQuery, withText: boolean): Promise<HitRow[]> {
    const parsed = parseQuery(query.text);
    if (parsed.include.length === 0) return [];
    const filters = searchFilters(
      query,
      this.deps.adapter,
      {
        kind: 'd.kind',
        id: 'd.ref',
        at: 'at',
        claimStatus: 'u.claim_status',
        keyEvent: 'u.key_event',
        storyStatus: 's.status',
        deskSlug: 'k.slug',
        deskArchivedAt: 'k.archived_at',
      },
      entityCondition,
    );
    const text: RawBuilder<unknown> = withText
      ? sql`highlight(search_fts, 0, ${MARK_START}, ${MARK_END}) as title_hl,
        snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_TOKENS}) as snip`
      : sql`null as title_hl, null as snip`;
    const { rows } = await sql<HitRow>`
      select d.kind, d.ref as id,
        s.id as story_id, s.slug as story_slug, s.headline as story_headline, s.status as story_status,
        k.slug as desk_slug, k.name as desk_name,
        st.issuer as statement_issuer, st.title as statement_title,
        coalesce(u.published_at, st.published_at, s.opened_at, s.created_at) as at,
        u.claim_status, u.key_event, ${text}
      from search_fts
      join search_docs d on d.id = search_fts.rowid
      left join updates u on d.kind = 'update' and u.id = d.ref
      left join statements st on d.kind = 'statement' and st.id = d.ref
      left join stories s on s.id = (case d.kind when 'update' then u.story_id when 'story' then d.ref end)
      left join desks k on k.id = s.desk_id
      where search_fts match ${toFts5(parsed, query.match)} and ${filters}
      order by bm25(search_fts, ${TITLE_WEIGHT}, 1.0), at desc
      limit ${query.limit + 1} offset ${query.offset}
    `.execute(this.deps.db);
    return rows;
  }
}
