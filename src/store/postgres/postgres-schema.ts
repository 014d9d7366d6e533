/**
 * How PostgreSQL spells the schema (see migrations/schema-dialect.ts). Types, and why:
 * - Instants are `timestamptz`: real time arithmetic and time-zone-safe SQL for analysts and exports,
 *   8 bytes instead of 24. The clock writes millisecond ISO strings, so nothing finer is ever stored,
 *   and the driver turns them back into the same `toISOString()` strings SQLite returns.
 * - A daily page's `date` is `date`: PostgreSQL then refuses a day that does not exist.
 * - JSON columns are `json`, not `jsonb`: jsonb reorders object keys, and these documents are read
 *   back whole and compared or replayed as text (an edit that re-sends the same sources must not be
 *   recorded as a change; a replayed event must serialise as it did live). Nothing queries inside them
 *   yet; when something does, an expression index or a jsonb column can be added then.
 * - Ids compared for keyset pagination use the "C" collation: byte order, as in SQLite, whatever the
 *   database's locale.
 * - Assigned keys are `bigint` identities; the driver reads them as numbers.
 */
import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from '../migrations/schema-dialect.ts';

/** PostgreSQL's types, identities, and GIN search indexes. */
export const POSTGRES_SCHEMA: SchemaDialect = {
  id: sql`text collate "C"`,
  instant: 'timestamptz',
  date: 'date',
  json: 'json',
  bool: 'boolean',
  bigint: 'bigint',
  double: 'double precision',
  bytes: 'bytea',
  serial: 'bigint',
  serialKey: (c) => c.primaryKey().generatedAlwaysAsIdentity(),
  rowKey: (c) => c.primaryKey().generatedAlwaysAsIdentity(),
  // The primary key's B-tree already answers a posting-list read with an index-only scan.
  clusteredOnKey: (table) => table,
  async hasTable(db, table, schema) {
    const { rows } = await sql`select 1 from information_schema.tables
      where table_schema = coalesce(${schema ?? null}, current_schema()) and table_name = ${table}`.execute(
      db,
    );
    return rows.length > 0;
  },
  search: {
    // GIN indexes on the tsvector expressions that postgres/postgres-search.ts queries. An expression
    // index is maintained by PostgreSQL in the writing transaction and adds no column that every
    // `select *` would carry.
    async updatesAndStories(db: Kysely<unknown>) {
      await sql`create index updates_search on updates using gin ((
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('english', body), 'B')
      ))`.execute(db);
      await sql`create index stories_search on stories using gin ((
        setweight(to_tsvector('english', headline), 'A') ||
        setweight(to_tsvector('english', standfirst || ' ' || body), 'B')
      ))`.execute(db);
    },
    // Title weighted A; issuer and text B.
    async statements(db: Kysely<unknown>) {
      await sql`create index statements_search on statements using gin ((
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', issuer || ' ' || text), 'B')
      ))`.execute(db);
    },
  },
};
