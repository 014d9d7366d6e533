/**
 * Full-text search over what readers can see: updates (not deleted) and stories (live or ended).
 * Implemented per engine (sqlite/sqlite-search.ts over FTS5, postgres/postgres-search.ts over
 * tsvector) and held to one contract, test/store/search-contract.ts.
 *
 * Guarantees: the index changes in the same transaction as the record (by triggers or by expression
 * indexes), so a committed update is findable at once and a deleted one never is; hits come best
 * first; snippets are HTML with matches in `<mark>` and everything else escaped.
 *
 * Extension point: statements (and later people, places, organisations) join as another `SEARCH_KINDS`
 * entry, indexed by each engine's migration and returned with their own `kind`.
 */
import type { ClaimStatus } from '../domain/types.ts';

/** Kinds of records search returns. */
export const SEARCH_KINDS = ['update', 'story'] as const;
/** One kind of searchable record. */
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A search: words (with "quoted phrases" and -excluded words) and filters, all optional but `text`. */
export interface SearchQuery {
  text: string;
  /** Only this desk's stories and their updates. */
  deskSlug?: string | undefined;
  /** First and last UTC day (YYYY-MM-DD, inclusive) an update was published or a story opened. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only updates with one of these claim statuses (stories are left out). */
  claimStatuses?: ClaimStatus[] | undefined;
  /** Only key-event updates (stories are left out). */
  keyEventsOnly?: boolean | undefined;
  /** Only these kinds. */
  kinds?: SearchKind[] | undefined;
  /** `all` (default): every word must match; `any`: one is enough, and sharing more ranks higher. */
  match?: 'all' | 'any' | undefined;
  limit: number;
  offset: number;
}

/** The story a hit belongs to (for stories, the story itself). */
export interface SearchHitStory {
  id: string;
  slug: string;
  headline: string;
  status: string;
  deskSlug: string | null;
  deskName: string | null;
}

/** One result. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  story: SearchHitStory;
  /** Headline of the update (may be null) or the story, with matches marked. */
  titleHtml: string | null;
  /** A passage around the matches, `<mark>`ed and escaped. */
  snippetHtml: string;
  /** When the update was published or the story opened. */
  at: string;
  claimStatus: ClaimStatus | null;
  keyEvent: boolean;
}

/** A page of results, best first. */
export interface SearchResults {
  hits: SearchHit[];
  /** Whether another page follows (offset + limit). */
  more: boolean;
}

/** The search index of one store. */
export interface SearchStore {
  /** Hits for `query`; text with no searchable word gives no hits rather than an error. */
  search(query: SearchQuery): Promise<SearchResults>;
}
