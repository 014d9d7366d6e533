/**
 * MinHash-LSH on SQLite, the alternative to the inverted shingle index that bench/statements.ts measures
 * it against. Written here for the comparison only: the `minhash` package's LSH query crashes (see issue
 * 4), and the measured choice went the other way, so nothing in src/ uses it.
 *
 * 96 MinHash values per statement in 32 bands of 3: a pair at Jaccard 0.5 lands in a shared bucket with
 * probability 1 − (1 − 0.5³)³² ≈ 0.986. Candidates are verified against stored fingerprints, as in the
 * index, so what it returns is exact; what it can lose is recall.
 */
import BetterSqlite3 from 'better-sqlite3';
import { encodeFingerprint, decodeFingerprint, hash53, similarityOf } from '../src/statements/shingles.ts';

const BANDS = 32;
const ROWS = 3;
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The band buckets of a fingerprint (sorted shingle hashes). */
export function bucketsOf(fingerprint: readonly number[]): number[] {
  const mins = SEEDS.map(() => 0xffffffff);
  for (const shingle of fingerprint) {
    const low = shingle % 0x1_0000_0000;
    for (let i = 0; i < SEEDS.length; i++) {
      const v = mix(low ^ SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  const buckets: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    buckets.push(hash53(`${band}:${mins.slice(band * ROWS, band * ROWS + ROWS).join(',')}`));
  }
  return buckets;
}

/** A MinHash-LSH index in its own SQLite file, with the store's durability settings. */
export class MinHashLshIndex {
  private readonly db: BetterSqlite3.Database;

  constructor(filename: string) {
    this.db = new BetterSqlite3(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      create table buckets (bucket integer not null, statement integer not null, primary key (bucket, statement)) without rowid;
      create table prints (statement integer primary key, published text not null, size integer not null, fp blob not null);
    `);
  }

  /** Adds statements (number id, published time, fingerprint) in one transaction. */
  addMany(items: readonly { id: number; publishedAt: string; fingerprint: readonly number[] }[]): void {
    const bucket = this.db.prepare('insert or ignore into buckets values (?, ?)');
    const print = this.db.prepare('insert into prints values (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const item of items) {
        for (const b of bucketsOf(item.fingerprint)) bucket.run(b, item.id);
        print.run(item.id, item.publishedAt, item.fingerprint.length, encodeFingerprint(item.fingerprint));
      }
    })();
  }

  /** Statements published up to `publishedUpTo` with Jaccard >= `threshold` against `fingerprint`. */
  query(
    fingerprint: readonly number[],
    threshold: number,
    publishedUpTo: string,
    excludeId: number,
  ): number[] {
    const buckets = bucketsOf(fingerprint);
    const candidates = this.db
      .prepare(`select distinct statement from buckets where bucket in (${buckets.map(() => '?').join(',')})`)
      .pluck()
      .all(...buckets) as number[];
    const ids = candidates.filter((id) => id !== excludeId);
    if (ids.length === 0) return [];
    const min = Math.ceil(threshold * fingerprint.length - 1e-9);
    const max = Math.floor(fingerprint.length / threshold + 1e-9);
    const found: number[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `select statement, fp from prints where statement in (${batch.map(() => '?').join(',')}) and size between ? and ? and published <= ?`,
        )
        .all(...batch, min, max, publishedUpTo) as { statement: number; fp: Buffer }[];
      for (const row of rows) {
        if (similarityOf(fingerprint, decodeFingerprint(row.fp)).jaccard + 1e-9 >= threshold)
          found.push(row.statement);
      }
    }
    return found;
  }

  close(): void {
    this.db.close();
  }
}
