/**
 * Dedupe keys claimed in the transaction that stores a statement: a feed item's GUID in its feed, its URL
 * and its text's hash. The primary key makes the claim atomic across processes and nodes (insert, on
 * conflict do nothing): two pollers ingesting the same item at once store it once. A table of keys
 * rather than unique indexes on `statements`, so a library that already holds the same text twice
 * (pasted twice) still migrates; the backfill keeps the earliest statement's claim.
 */
import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('statement_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', t.id, (c) => c.notNull().references('statements.id'))
    .execute();
  await sql`
    insert into statement_keys (key, statement_id)
    select key, statement_id from (
      select 'text:' || content_hash as key, id as statement_id, published_at, id from statements
      union all
      select 'url:' || url, id, published_at, id from statements where url is not null
      union all
      select 'guid:' || feed_id || ':' || guid, id, published_at, id
        from statements where feed_id is not null and guid is not null
    ) as claims
    where true
    order by published_at, id
    on conflict (key) do nothing`.execute(db);
}
