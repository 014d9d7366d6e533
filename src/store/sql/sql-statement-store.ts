/**
 * The statements library and its inverted shingle index over the shared Kysely repositories. How the
 * index answers a query without a full scan is explained on the interface (statements/statement-store.ts).
 */
import { createId } from '../../domain/ids.ts';
import { decodeFingerprint, encodeFingerprint, similarityOf } from '../../statements/shingles.ts';
import { contentHashOf, type NewStatement, type Statement } from '../../statements/statement.ts';
import type {
  DuplicateKeys,
  SimilarHit,
  SimilarQuery,
  StatementFingerprints,
  StatementStore,
  StoredOnce,
} from '../../statements/statement-store.ts';
import type { Page } from '../../domain/types.ts';
import { decodeCursor, encodeCursor } from './rows.ts';
import type { SqlDeps } from './sql-adapter.ts';
import { replaceCitations } from './sql-write-along.ts';
import type { StatementRow } from './schema.ts';

// Rows per multi-row insert and values per IN list: far below SQLite's 32,766 bound parameters.
const BATCH = 500;
// Scores are ratios of integers; a hair of tolerance keeps 0.5 = 0.5 whatever the rounding.
const EPSILON = 1e-9;

/** StatementStore over `statements`, `statement_shingles` and `statement_shingle_df`. */
export class SqlStatementStore implements StatementStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(input: NewStatement, fingerprints: StatementFingerprints): Promise<Statement> {
    const [statement] = await this.createMany([{ statement: input, fingerprints }]);
    return statement!;
  }

  async createUnlessDuplicate(input: NewStatement, fingerprints: StatementFingerprints): Promise<StoredOnce> {
    try {
      const [statement] = await this.insert([{ statement: input, fingerprints }], true);
      return { statement: statement!, created: true };
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
    }
    // The transaction that holds the key has committed (PostgreSQL made ours wait for it), so it is seen.
    const held = await this.deps.db
      .selectFrom('statement_keys')
      .select('statement_id')
      .where('key', 'in', keysOf({ ...input, contentHash: contentHashOf(input.text) }))
      .orderBy('key')
      .executeTakeFirst();
    const existing = held ? await this.getById(held.statement_id) : null;
    if (!existing) throw new Error('a dedupe key is held by no statement');
    return { statement: existing, created: false };
  }

  createMany(
    items: readonly { statement: NewStatement; fingerprints: StatementFingerprints }[],
  ): Promise<Statement[]> {
    return this.insert(items, false);
  }

  /** Writes statements, their keys, fingerprints and postings; `exclusive`: roll back if a key is taken. */
  private async insert(
    items: readonly { statement: NewStatement; fingerprints: StatementFingerprints }[],
    exclusive: boolean,
  ): Promise<Statement[]> {
    const created = items.map(({ statement }) => ({
      ...statement,
      id: createId(),
      contentHash: contentHashOf(statement.text),
      createdAt: this.deps.clock(),
    }));
    if (created.length === 0) return [];
    const df = new Map<number, number>();
    for (const { fingerprints } of items) {
      for (const shingle of [...fingerprints.plain, ...fingerprints.masked])
        df.set(shingle, (df.get(shingle) ?? 0) + 1);
    }
    await this.deps.db.transaction().execute(async (trx) => {
      for (const batch of chunks(created, 50)) {
        await trx.insertInto('statements').values(batch.map(toRow)).execute();
      }
      // Claimed before the index is written, so a losing writer waits here, not after costly work; in
      // sorted order, so concurrent writers take the key locks in one order.
      const claims = created
        .flatMap((statement) => keysOf(statement).map((key) => ({ key, statement_id: statement.id })))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (const batch of chunks(claims, BATCH)) {
        const claimed = await trx
          .insertInto('statement_keys')
          .values(batch)
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .execute();
        if (exclusive && claimed.length < batch.length) throw new KeyTaken();
      }
      const prints = created.flatMap((statement, n) =>
        [items[n]!.fingerprints.plain, items[n]!.fingerprints.masked].map((hashes, variant) => ({
          statement_id: statement.id,
          variant,
          published_at: statement.publishedAt,
          shingle_count: hashes.length,
          fingerprint: encodeFingerprint(hashes),
        })),
      );
      const docs = new Map<string, number>();
      for (const batch of chunks(prints, 100)) {
        const rows = await trx
          .insertInto('statement_fingerprints')
          .values(batch)
          .returning(['doc', 'statement_id', 'variant'])
          .execute();
        for (const row of rows) docs.set(`${row.statement_id} ${row.variant}`, Number(row.doc));
      }
      const postings = created.flatMap((statement, n) =>
        [items[n]!.fingerprints.plain, items[n]!.fingerprints.masked].flatMap((hashes, variant) => {
          const doc = docs.get(`${statement.id} ${variant}`)!;
          return hashes.map((shingle) => ({ shingle, doc }));
        }),
      );
      // In key order: postings of one shingle from a batch's statements land on the same page together.
      postings.sort((a, b) => a.shingle - b.shingle || a.doc - b.doc);
      for (const batch of chunks(postings, BATCH)) {
        await trx.insertInto('statement_shingles').values(batch).execute();
      }
      // Ascending order, so concurrent PostgreSQL writers lock shared rows in one order (no deadlock).
      const counts = [...df].sort((a, b) => a[0] - b[0]);
      for (const batch of chunks(counts, BATCH)) {
        await trx
          .insertInto('statement_shingle_df')
          .values(batch.map(([shingle, n]) => ({ shingle, df: n })))
          .onConflict((oc) =>
            oc
              .column('shingle')
              .doUpdateSet((eb) => ({ df: eb('statement_shingle_df.df', '+', eb.ref('excluded.df')) })),
          )
          .execute();
      }
    });
    return created;
  }

  async getById(id: string): Promise<Statement | null> {
    const row = await this.deps.db
      .selectFrom('statements')
      .select(STATEMENT_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toStatement(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<Statement[]> {
    const byId = new Map<string, Statement>();
    for (const batch of chunks([...new Set(ids)], BATCH)) {
      const rows = await this.deps.db
        .selectFrom('statements')
        .select(STATEMENT_COLUMNS)
        .where('id', 'in', batch)
        .execute();
      for (const row of rows) byId.set(row.id, toStatement(row));
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(opts: { limit: number; cursor?: string | null; issuer?: string }): Promise<Page<Statement>> {
    let query = this.deps.db
      .selectFrom('statements')
      .select(STATEMENT_COLUMNS)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1);
    if (opts.issuer !== undefined) query = query.where('issuer', '=', opts.issuer);
    if (opts.cursor) {
      const parts = decodeCursor(opts.cursor);
      const [at, id] = parts ?? [];
      // `at` reaches a timestamptz comparison on PostgreSQL: only a timestamp as we write them may.
      const isTimestamp =
        typeof at === 'string' &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at) &&
        !Number.isNaN(Date.parse(at));
      if (!isTimestamp || typeof id !== 'string') return { items: [], nextCursor: null };
      query = query.where((eb) =>
        eb.or([eb('published_at', '<', at), eb.and([eb('published_at', '=', at), eb('id', '<', id)])]),
      );
    }
    const rows = await query.execute();
    const items = rows.slice(0, opts.limit).map(toStatement);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > opts.limit && last ? encodeCursor([last.publishedAt, last.id]) : null,
    };
  }

  async listIssuers(limit: number): Promise<{ issuer: string; count: number }[]> {
    const rows = await this.deps.db
      .selectFrom('statements')
      .select((eb) => ['issuer', eb.fn.countAll<number | string>().as('n')])
      .groupBy('issuer')
      .execute();
    // Sorted here, by code point: the engines' collations order case and accents differently.
    return rows
      .map((row) => ({ issuer: row.issuer, count: Number(row.n) }))
      .sort((a, b) => (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : 0))
      .slice(0, limit);
  }

  async remove(id: string): Promise<{ removed: boolean; citedBy: string[] }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('statements').select('id').where('id', '=', id).executeTakeFirst();
      if (!found) return { removed: false, citedBy: [] };
      const cited = await trx
        .selectFrom('update_statements')
        .select('update_id')
        .where('statement_id', '=', id)
        .orderBy('update_id')
        .execute();
      if (cited.length > 0) return { removed: false, citedBy: cited.map((row) => row.update_id) };
      const prints = await trx
        .selectFrom('statement_fingerprints')
        .select(['doc', 'fingerprint'])
        .where('statement_id', '=', id)
        .execute();
      const docs = prints.map((row) => Number(row.doc));
      // The document frequencies insert() added, taken back: one per fingerprint holding the shingle.
      const df = new Map<number, number>();
      for (const row of prints)
        for (const shingle of decodeFingerprint(row.fingerprint)) df.set(shingle, (df.get(shingle) ?? 0) + 1);
      const shingles = [...df.keys()].sort((a, b) => a - b);
      for (const batch of chunks(shingles, BATCH)) {
        if (docs.length > 0)
          await trx
            .deleteFrom('statement_shingles')
            .where('shingle', 'in', batch)
            .where('doc', 'in', docs)
            .execute();
        for (const n of new Set(batch.map((shingle) => df.get(shingle)!)))
          await trx
            .updateTable('statement_shingle_df')
            .set((eb) => ({ df: eb('df', '-', n) }))
            .where(
              'shingle',
              'in',
              batch.filter((shingle) => df.get(shingle) === n),
            )
            .execute();
        await trx
          .deleteFrom('statement_shingle_df')
          .where('shingle', 'in', batch)
          .where('df', '<=', 0)
          .execute();
      }
      // Contacts cascade on PostgreSQL and on SQLite with foreign keys on; removed by name regardless.
      for (const table of [
        'statement_contact_reviews',
        'statement_contacts',
        'statement_contact_runs',
        'statement_fingerprints',
        'statement_keys',
      ] as const)
        await trx.deleteFrom(table).where('statement_id', '=', id).execute();
      await trx.deleteFrom('statements').where('id', '=', id).execute();
      return { removed: true, citedBy: [] };
    });
  }

  async fingerprintsOf(id: string): Promise<StatementFingerprints | null> {
    const rows = await this.deps.db
      .selectFrom('statement_fingerprints')
      .select(['variant', 'fingerprint'])
      .where('statement_id', '=', id)
      .execute();
    const plain = rows.find((row) => row.variant === 0);
    const masked = rows.find((row) => row.variant === 1);
    return plain && masked
      ? { plain: decodeFingerprint(plain.fingerprint), masked: decodeFingerprint(masked.fingerprint) }
      : null;
  }

  async findSimilar(query: SimilarQuery): Promise<SimilarHit[]> {
    const shingles = query.maskNames ? query.fingerprints.masked : query.fingerprints.plain;
    if (shingles.length === 0 || query.limit <= 0) return [];
    const threshold = Math.min(1, Math.max(query.threshold, EPSILON));
    // Both metrics need overlap >= t·|q| (for Jaccard: o >= t(|q|+|y|-o) and |y| >= o give o >= t|q|).
    const minOverlap = Math.max(1, Math.ceil(threshold * shingles.length - EPSILON));
    const prefixSize = shingles.length - minOverlap + 1;
    const df = await this.documentFrequencies(shingles);
    const rarest = [...shingles]
      .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || a - b)
      .slice(0, prefixSize)
      .filter((shingle) => (df.get(shingle) ?? 0) > 0);
    // Jaccard >= t also bounds the other's size: t|q| <= |y| <= |q|/t.
    const minSize = minOverlap;
    const maxSize = query.metric === 'jaccard' ? Math.floor(shingles.length / threshold + EPSILON) : null;
    const hits: (SimilarHit & { publishedAt: string })[] = [];
    const seen = new Set<number>();
    // Candidates (the postings of the rarest shingles) and their fingerprints in one query: one round
    // trip, no list of candidate ids through the driver. The prefix fits one batch unless |q| > 1000.
    for (const batch of chunks(rarest, BATCH)) {
      let rows = this.deps.db
        .selectFrom('statement_fingerprints')
        .select(['doc', 'statement_id as id', 'published_at', 'fingerprint'])
        .where('doc', 'in', (eb) =>
          eb.selectFrom('statement_shingles').select('doc').where('shingle', 'in', batch),
        )
        .where('variant', '=', query.maskNames ? 1 : 0)
        .where('shingle_count', '>=', minSize);
      if (maxSize !== null) rows = rows.where('shingle_count', '<=', maxSize);
      if (query.publishedUpTo !== undefined) rows = rows.where('published_at', '<=', query.publishedUpTo);
      for (const row of await rows.execute()) {
        const doc = Number(row.doc);
        if (row.id === query.excludeId || seen.has(doc)) continue;
        seen.add(doc);
        const similarity = similarityOf(shingles, decodeFingerprint(row.fingerprint));
        const score = query.metric === 'jaccard' ? similarity.jaccard : similarity.containment;
        if (score + EPSILON >= threshold) {
          hits.push({ statementId: row.id, score, ...similarity, publishedAt: row.published_at });
        }
      }
    }
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) ||
        (a.statementId < b.statementId ? -1 : 1),
    );
    return hits.slice(0, query.limit).map(({ publishedAt: _publishedAt, ...hit }) => hit);
  }

  async findDuplicate(keys: DuplicateKeys): Promise<Statement | null> {
    const row = await this.deps.db
      .selectFrom('statements')
      .select(STATEMENT_COLUMNS)
      .where((eb) => {
        const same = [eb('content_hash', '=', keys.contentHash)];
        if (keys.url) same.push(eb('url', '=', keys.url));
        if (keys.feedId && keys.guid) {
          same.push(eb.and([eb('feed_id', '=', keys.feedId), eb('guid', '=', keys.guid)]));
        }
        return eb.or(same);
      })
      .orderBy('published_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? toStatement(row) : null;
  }

  async setCitations(updateId: string, statementIds: readonly string[]): Promise<void> {
    await this.deps.db.transaction().execute((trx) => replaceCitations(trx, updateId, statementIds));
  }

  async citationsOf(updateIds: readonly string[]): Promise<Map<string, Statement[]>> {
    const cited = new Map<string, Statement[]>();
    for (const batch of chunks([...new Set(updateIds)], BATCH)) {
      const rows = await this.deps.db
        .selectFrom('update_statements')
        .innerJoin('statements', 'statements.id', 'update_statements.statement_id')
        .select(STATEMENT_COLUMNS.map((column) => `statements.${column}` as const))
        .select('update_statements.update_id')
        .where('update_statements.update_id', 'in', batch)
        .orderBy('update_statements.update_id')
        .orderBy('update_statements.position')
        .execute();
      for (const { update_id: updateId, ...row } of rows) {
        const list = cited.get(updateId) ?? [];
        list.push(toStatement(row));
        cited.set(updateId, list);
      }
    }
    return cited;
  }

  async count(): Promise<number> {
    const row = await this.deps.db
      .selectFrom('statements')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async documentFrequencies(shingles: readonly number[]): Promise<Map<number, number>> {
    const df = new Map<number, number>();
    for (const batch of chunks(shingles, BATCH)) {
      const rows = await this.deps.db
        .selectFrom('statement_shingle_df')
        .select(['shingle', 'df'])
        .where('shingle', 'in', batch)
        .execute();
      for (const row of rows) df.set(Number(row.shingle), row.df);
    }
    return df;
  }
}

const STATEMENT_COLUMNS = [
  'id',
  'issuer',
  'title',
  'published_at',
  'url',
  'language',
  'text',
  'parties',
  'tags',
  'feed_id',
  'guid',
  'content_hash',
  'created_at',
] as const;

/** Thrown inside `insert` to roll back when another statement already holds a dedupe key. */
class KeyTaken extends Error {}

/** The dedupe keys of a statement (see StatementStore.createUnlessDuplicate). */
function keysOf(statement: Pick<Statement, 'feedId' | 'guid' | 'url' | 'contentHash'>): string[] {
  const keys = [`text:${statement.contentHash}`];
  if (statement.url !== null) keys.push(`url:${statement.url}`);
  if (statement.feedId !== null && statement.guid !== null)
    keys.push(`guid:${statement.feedId}:${statement.guid}`);
  return keys;
}

function toRow(statement: Statement): StatementRow {
  return {
    id: statement.id,
    issuer: statement.issuer,
    title: statement.title,
    published_at: statement.publishedAt,
    url: statement.url,
    language: statement.language,
    text: statement.text,
    parties: JSON.stringify(statement.parties),
    tags: JSON.stringify(statement.tags),
    feed_id: statement.feedId,
    guid: statement.guid,
    content_hash: statement.contentHash,
    created_at: statement.createdAt,
  };
}

function toStatement(row: StatementRow): Statement {
  return {
    id: row.id,
    issuer: row.issuer,
    title: row.title,
    publishedAt: row.published_at,
    url: row.url,
    language: row.language,
    text: row.text,
    parties: JSON.parse(row.parties) as string[],
    tags: JSON.parse(row.tags) as string[],
    feedId: row.feed_id,
    guid: row.guid,
    contentHash: row.content_hash,
    createdAt: row.created_at,
  };
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
