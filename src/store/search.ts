/**
 * Full-text search over what readers can see: updates (not deleted) and stories (live or ended).
 * Implemented per engine (sqlite/sqlite-search.ts over FTS5, postgres/postgres-search.ts over
 * tsvector) and held to one contract, test/store/search-contract.ts.
 *
 * Guarantees: the index changes in the same transaction as the record (by triggers or by expression
 * indexes), so a committed update is findable at once and a deleted one never is; hits come best
 * first; snippets are HTML with matches in `<mark>` and everything else escaped.
 *
 * Statements (the official statements library) are a third kind, indexed by each engine's migration
 * 0021-search-statements. People, places and organisations filter updates by the canonical names
 * their enrichment (store/store.ts EnrichmentStore) found, and statements by their parties; `facets`
 * counts the names over the best matching updates, so a page can offer them as filters.
 */
import type { ClaimStatus } from '../domain/types.ts';

/** Kinds of records search returns. */
export const SEARCH_KINDS = ['update', 'story', 'statement'] as const;
/** One kind of searchable record. */
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A search: words (with "quoted phrases" and -excluded words) and filters, all optional but `text`. */
export interface SearchQuery {
  text: string;
  /** Only this desk's stories and their updates (statements, which have no desk, are left out). */
  deskSlug?: string | undefined;
  /** First and last UTC day (YYYY-MM-DD, inclusive) an update or statement was published or a story opened. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only updates with one of these claim statuses (stories are left out). */
  claimStatuses?: ClaimStatus[] | undefined;
  /** Only key-event updates (stories are left out). */
  keyEventsOnly?: boolean | undefined;
  /**
   * Only updates whose enrichment, and statements whose parties, name every one of these people /
   * organisations / places, by canonical name, case-insensitively (stories are left out). For an
   * update a place matches a geocoded place or a country; a statement's parties (people,
   * organisations and countries, from the same pipeline) carry no type, so any of them matches.
   */
  people?: string[] | undefined;
  organizations?: string[] | undefined;
  places?: string[] | undefined;
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

/** The statement a statement hit is. */
export interface SearchHitStatement {
  issuer: string;
  /** May be empty: the source gave none. */
  title: string;
}

interface HitBase {
  id: string;
  /** Headline of the update (may be null), the story or the statement, with matches marked. */
  titleHtml: string | null;
  /** A passage around the matches, `<mark>`ed and escaped. */
  snippetHtml: string;
  /** When the update or statement was published or the story opened. */
  at: string;
}

/** An update or live page. */
export interface CoverageHit extends HitBase {
  kind: 'update' | 'story';
  story: SearchHitStory;
  statement: null;
  claimStatus: ClaimStatus | null;
  keyEvent: boolean;
}

/** An official statement from the statements library. */
export interface StatementHit extends HitBase {
  kind: 'statement';
  story: null;
  statement: SearchHitStatement;
  claimStatus: null;
  keyEvent: false;
}

/** One result. */
export type SearchHit = CoverageHit | StatementHit;

/** A page of results, best first. */
export interface SearchResults {
  hits: SearchHit[];
  /** Whether another page follows (offset + limit). */
  more: boolean;
}

/** Entity types search can filter by. */
export const SEARCH_ENTITY_TYPES = ['person', 'organization', 'place'] as const;
/** One entity type. */
export type SearchEntityType = (typeof SEARCH_ENTITY_TYPES)[number];

/** A canonical name found in matching updates, with how many of them name it. */
export interface SearchFacet {
  type: SearchEntityType;
  name: string;
  count: number;
}

/** How many of the best matching updates facets look at. */
export const FACET_SAMPLE = 200;

/** The search index of one store. */
export interface SearchStore {
  /** Hits for `query`; text with no searchable word gives no hits rather than an error. */
  search(query: SearchQuery): Promise<SearchResults>;
  /**
   * People, organisations and places named by the best `FACET_SAMPLE` updates matching `query`
   * (its limit and offset ignored), most often named first, at most `perType` of each type; none
   * when `query.kinds` leaves updates out.
   */
  facets(query: SearchQuery, perType: number): Promise<SearchFacet[]>;
}
