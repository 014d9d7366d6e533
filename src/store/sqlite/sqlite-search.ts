/** Search over SQLite FTS5 (index and triggers in migration 0020-search), ranked by bm25. */
import { sql } from 'kysely';
import type { SqlDeps } from '../sql/sql-adapter.ts';
import { searchFilters, toHit, type HitRow } from '../sql/sql-search.ts';
import { MARK_END, MARK_START, parseQuery, toFts5 } from '../sql/search-text.ts';
import type { SearchQuery, SearchResults, SearchStore } from '../search.ts';

// Weights of the title and body columns in bm25: a word in a headline counts four times as much.
const TITLE_WEIGHT = 4;
const SNIPPET_TOKENS = 28;

/** SearchStore over the `search_fts` FTS5 table. */
export class SqliteSearch implements SearchStore {
  constructor(private readonly deps: SqlDeps) {}

  async search(query: SearchQuery): Promise<SearchResults> {
    const parsed = parseQuery(query.text);
    if (parsed.include.length === 0) return { hits: [], more: false };
    const filters = searchFilters(query, this.deps.adapter, {
      kind: 'd.kind',
      at: 'at',
      claimStatus: 'u.claim_status',
      keyEvent: 'u.key_event',
      storyStatus: 's.status',
      deskSlug: 'k.slug',
    });
    const { rows } = await sql<HitRow>`
      select d.kind, d.ref as id,
        s.id as story_id, s.slug as story_slug, s.headline as story_headline, s.status as story_status,
        k.slug as desk_slug, k.name as desk_name,
        coalesce(u.published_at, s.opened_at, s.created_at) as at,
        u.claim_status, u.key_event,
        highlight(search_fts, 0, ${MARK_START}, ${MARK_END}) as title_hl,
        snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_TOKENS}) as snip
      from search_fts
      join search_docs d on d.id = search_fts.rowid
      left join updates u on d.kind = 'update' and u.id = d.ref
      join stories s on s.id = (case when d.kind = 'update' then u.story_id else d.ref end)
      left join desks k on k.id = s.desk_id
      where search_fts match ${toFts5(parsed, query.match)} and ${filters}
      order by bm25(search_fts, ${TITLE_WEIGHT}, 1.0), at desc
      limit ${query.limit + 1} offset ${query.offset}
    `.execute(this.deps.db);
    return { hits: rows.slice(0, query.limit).map(toHit), more: rows.length > query.limit };
  }
}
