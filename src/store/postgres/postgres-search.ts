/**
 * Search over PostgreSQL full text: the tsvector expressions below are the ones migrations
 * 0020-search and 0021-search-statements index with GIN (they must stay identical, or the planner
 * cannot use the indexes). Ranked by ts_rank_cd; snippets by ts_headline, computed only for the page
 * of hits returned. Entity filters read the enrichment JSON and statements' parties with
 * json_array_elements.
 */
import { sql, type RawBuilder } from 'kysely';
import type { SqlDeps } from '../sql/sql-adapter.ts';
import { countFacets, searchFilters, toHit, type EntityCondition, type HitRow } from '../sql/sql-search.ts';
import { MARK_END, MARK_START, parseQuery, toTsquery } from '../sql/search-text.ts';
import {
  FACET_SAMPLE,
  type SearchFacet,
  type SearchQuery,
  type SearchResults,
  type SearchStore,
} from '../search.ts';

const UPDATE_VECTOR = sql`(setweight(to_tsvector('english', coalesce(u.headline, '')), 'A') ||
  setweight(to_tsvector('english', u.body), 'B'))`;
const STORY_VECTOR = sql`(setweight(to_tsvector('english', s.headline), 'A') ||
  setweight(to_tsvector('english', s.standfirst || ' ' || s.body), 'B'))`;
const STATEMENT_VECTOR = sql`(setweight(to_tsvector('english', st.title), 'A') ||
  setweight(to_tsvector('english', st.issuer || ' ' || st.text), 'B'))`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

// Where each entity type sits in an enrichment document (store/sql/sql-search.ts entityNames).
const ENTITY_KEYS = {
  person: ['people'],
  organization: ['organizations'],
  place: ['places', 'countries'],
} as const;

const entityCondition: EntityCondition = (type, record, name) =>
  sql`((${record.kind} = 'update' and (${sql.join(
    ENTITY_KEYS[type].map(
      (key) => sql`exists (select 1 from update_enrichments e, json_array_elements(e.enrichment -> ${key}) j
        where e.update_id = ${record.id} and lower(j ->> 'name') = lower(${name}))`,
    ),
    sql` or `,
  )}))
  or (${record.kind} = 'statement' and exists (select 1 from statements p, json_array_elements_text(p.parties) j(v)
    where p.id = ${record.id} and lower(j.v) = lower(${name}))))`;

/** SearchStore over GIN-indexed tsvector expressions. */
export class PostgresSearch implements SearchStore {
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
        kind: 'h.kind',
        id: 'h.id',
        at: 'h.at',
        claimStatus: 'h.claim_status',
        keyEvent: 'h.key_event',
        storyStatus: 's.status',
        deskSlug: 'k.slug',
        deskArchivedAt: 'k.archived_at',
      },
      entityCondition,
    );
    const text: RawBuilder<unknown> = withText
      ? sql`ts_headline('english', case p.kind when 'update' then coalesce(u.headline, '')
            when 'statement' then st.title else p.story_headline end, q.q, ${TITLE_OPTIONS}) as title_hl,
          ts_headline('english', case p.kind when 'update' then u.body
            when 'statement' then st.text else p.story_standfirst || ' ' || p.story_body end,
            q.q, ${SNIPPET_OPTIONS}) as snip`
      : sql`null as title_hl, null as snip`;
    const { rows } = await sql<HitRow>`
      with q as (select to_tsquery('english', ${toTsquery(parsed, query.match)}) as q),
      hits as (
        select 'update' as kind, u.id, u.story_id, ts_rank_cd(${UPDATE_VECTOR}, q.q) as rank,
          u.published_at as at, u.claim_status, u.key_event
        from updates u, q where ${UPDATE_VECTOR} @@ q.q and u.deleted_at is null
        union all
        select 'story', s.id, s.id, ts_rank_cd(${STORY_VECTOR}, q.q), coalesce(s.opened_at, s.created_at),
          null, null
        from stories s, q where ${STORY_VECTOR} @@ q.q
        union all
        select 'statement', st.id, null, ts_rank_cd(${STATEMENT_VECTOR}, q.q), st.published_at, null, null
        from statements st, q where ${STATEMENT_VECTOR} @@ q.q
      ),
      page as (
        select h.*, s.slug as story_slug, s.headline as story_headline, s.status as story_status,
          s.standfirst as story_standfirst, s.body as story_body, k.slug as desk_slug, k.name as desk_name
        from hits h left join stories s on s.id = h.story_id left join desks k on k.id = s.desk_id
        where ${filters}
        order by h.rank desc, h.at desc, h.id
        limit ${query.limit + 1} offset ${query.offset}
      )
      select p.kind, p.id, p.story_id, p.story_slug, p.story_headline, p.story_status, p.desk_slug,
        p.desk_name, st.issuer as statement_issuer, st.title as statement_title,
        p.at, p.claim_status, p.key_event, ${text}
      from page p cross join q
        left join updates u on p.kind = 'update' and u.id = p.id
        left join statements st on p.kind = 'statement' and st.id = p.id
      order by p.rank desc, p.at desc, p.id
    `.execute(this.deps.db);
    return rows;
  }
}
