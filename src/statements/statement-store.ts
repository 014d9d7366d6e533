/**
 * Storage of the statements library and its near-duplicate index. Implementations (store/sql/, on SQLite
 * and PostgreSQL) pass the contract in test/statements/statement-store-contract.ts and return the same
 * results on both engines.
 *
 * The index is an inverted shingle index: every shingle hash of every statement is a row keyed by
 * (shingle, fingerprint of the statement, plain or masked). `findSimilar` is exact (it returns every
 * statement above the threshold) yet never compares against every document, by prefix filtering,
 * from set-similarity joins: a statement sharing at least `ceil(t·|q|)` of the query's `|q|` shingles
 * must share one of any `|q| − ceil(t·|q|) + 1` of them, so only the postings of that many of the
 * query's *rarest* shingles are read, and the candidates they give are verified exactly against their
 * stored fingerprints. Why this and not MinHash-LSH (exactness, one table for both metrics and both
 * variants) is measured in bench/README.md ("Statements").
 */
import type { Page } from '../domain/types.ts';
import type { Similarity } from './shingles.ts';
import type { NewStatement, Statement } from './statement.ts';

/** A statement's shingle hashes, sorted and distinct, plain and with names masked. */
export interface StatementFingerprints {
  plain: number[];
  masked: number[];
}

/** What a similarity query measures against its threshold. */
export const SIMILARITY_METRICS = ['jaccard', 'containment'] as const;
/** Jaccard of the two shingle sets, or the share of the query's shingles found in the other. */
export type SimilarityMetric = (typeof SIMILARITY_METRICS)[number];

/** A similarity query. */
export interface SimilarQuery {
  fingerprints: StatementFingerprints;
  metric: SimilarityMetric;
  /** Lowest score returned, in (0, 1]. */
  threshold: number;
  /** Compare with names masked (templates across counterparts) instead of the plain wording. */
  maskNames: boolean;
  /** Only statements published at or before this instant (the earlier ones), if set. */
  publishedUpTo?: string;
  /** Leave this statement out (the query's own). */
  excludeId?: string;
  /** Most results, best first. */
  limit: number;
}

/** A statement found similar, with its scores against the query. */
export interface SimilarHit extends Similarity {
  statementId: string;
  /** The score the query asked for (jaccard or containment). */
  score: number;
}

/** Identifying marks of an item from a feed, to recognise it when it comes round again. */
export interface DuplicateKeys {
  feedId?: string | null;
  guid?: string | null;
  url?: string | null;
  contentHash: string;
}

/** A statement as stored by `createUnlessDuplicate`: the new one, or the one that already held its keys. */
export interface StoredOnce {
  statement: Statement;
  /** False when an earlier statement already held one of its dedupe keys; nothing was written. */
  created: boolean;
}

/** The statements library. */
export interface StatementStore {
  /** Stores a statement and indexes its fingerprints, in one transaction. */
  create(statement: NewStatement, fingerprints: StatementFingerprints): Promise<Statement>;
  /** Stores several statements in one transaction (bulk import, a feed's new items): all or none. */
  createMany(
    items: readonly { statement: NewStatement; fingerprints: StatementFingerprints }[],
  ): Promise<Statement[]>;
  /**
   * Stores a statement unless one already holds one of its dedupe keys: its GUID in its feed, its URL
   * or its text's hash. The check and the write are one atomic step across processes and nodes (each key
   * is claimed with insert-or-ignore on a unique key, in the transaction that stores the statement), so
   * two pollers ingesting the same item at once store it once. `create` claims the keys it can and
   * never refuses.
   */
  createUnlessDuplicate(statement: NewStatement, fingerprints: StatementFingerprints): Promise<StoredOnce>;
  /**
   * Removes a statement with its keys, fingerprints, postings and contacts (the library's counts go
   * down with it), in one transaction. Refused, nothing removed, while updates cite it: resolves to
   * `{ removed: false, citedBy }`; `removed: false` with no citations when there is no such statement.
   */
  remove(id: string): Promise<{ removed: boolean; citedBy: string[] }>;
  getById(id: string): Promise<Statement | null>;
  /** Statements with these ids, in the order given; unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<Statement[]>;
  /** Newest published first, cursor-paginated, optionally one issuer's. */
  list(opts: { limit: number; cursor?: string | null; issuer?: string }): Promise<Page<Statement>>;
  /** Every issuer in the library with how many statements it has, by name (at most `limit`). */
  listIssuers(limit: number): Promise<{ issuer: string; count: number }[]>;
  /** The stored fingerprints of a statement, or null when there is none by that id. */
  fingerprintsOf(id: string): Promise<StatementFingerprints | null>;
  /** Every statement scoring at least `threshold` (best first, at most `limit`), without a full scan. */
  findSimilar(query: SimilarQuery): Promise<SimilarHit[]>;
  /** An existing statement with the same GUID in the same feed, the same URL, or the same text. */
  findDuplicate(keys: DuplicateKeys): Promise<Statement | null>;
  /** Replaces the statements an update (or the submission it comes from) cites, in order; [] removes them. */
  setCitations(updateId: string, statementIds: readonly string[]): Promise<void>;
  /** The statements each of these updates cites, in citation order; updates citing none are left out. */
  citationsOf(updateIds: readonly string[]): Promise<Map<string, Statement[]>>;
  /** Number of statements stored. */
  count(): Promise<number>;
}
