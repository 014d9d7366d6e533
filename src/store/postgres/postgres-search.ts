/**
 * Search over PostgreSQL full text: the tsvector expressions below are the ones migration 0020-search
 * indexes with GIN (they must stay identical, or the planner cannot use the indexes). Ranked by
 * ts_rank_cd; snippets by ts_headline, computed only for the page of hits returned.
 */
import { sql } from 'kysely';
import type { SqlDeps } from '../sql/sql-adapter.ts';
import { searchFilters, toHit, type HitRow } from '../sql/sql-search.ts';
import { MARK_END, MARK_START, parseQuery, toTsquery } from '../sql/search-text.ts';
import type { SearchQuery, SearchResults, SearchStore } from '../search.ts';

const UPDATE_VECTOR = sql`(setweight(to_tsvector('english', coalesce(u.headline, '')), 'A') ||
  setweight(to_tsvector('english', u.body), 'B'))`;
const STORY_VECTOR = sql`(setweight(to_tsvector('english', s.headline), 'A') ||
  setweight(to_tsvector('english', s.standfirst || ' ' || s.body), 'B'))`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** SearchStore over GIN-indexed tsvector expressions. */
export class PostgresSearch implements SearchStore {
  constructor(private readonly deps: SqlDeps) {}

  async search(query: SearchQuery): Promise<SearchResults> {
    const parsed = parseQuery(query.text);
    if (parsed.include.length === 0) return { hits: [], more: false };
    const filters = searchFilters(query, this.deps.adapter, {
      kind: 'h.kind',
      at: 'h.at',
      claimStatus: 'h.claim_status',
      keyEvent: 'h.key_event',
      storyStatus: 's.status',
      deskSlug: 'k.slug',
    });
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
      ),
      page as (
        select h.*, s.slug as story_slug, s.headline as story_headline, s.status as story_status,
          s.standfirst as story_standfirst, s.body as story_body, k.slug as desk_slug, k.name as desk_name
        from hits h join stories s on s.id = h.story_id left join desks k on k.id = s.desk_id
        where ${filters}
        order by h.rank desc, h.at desc, h.id
        limit ${query.limit + 1} offset ${query.offset}
      )
      select p.kind, p.id, p.story_id, p.story_slug, p.story_headline, p.story_status, p.desk_slug,
        p.desk_name, p.at, p.claim_status, p.key_event,
        ts_headline('english', case when p.kind = 'update' then coalesce(u.headline, '') else p.story_headline end,
          q.q, ${TITLE_OPTIONS}) as title_hl,
        ts_headline('english', case when p.kind = 'update' then u.body else p.story_standfirst || ' ' || p.story_body end,
          q.q, ${SNIPPET_OPTIONS}) as snip
      from page p cross join q left join updates u on p.kind = 'update' and u.id = p.id
      order by p.rank desc, p.at desc, p.id
    `.execute(this.deps.db);
    return { hits: rows.slice(0, query.limit).map(toHit), more: rows.length > query.limit };
  }
}
