/** The statements library: feeds, statements, and the fingerprints and postings of the near-duplicate index. */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('statement_feeds')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('last_polled_at', t.instant)
    .addColumn('last_success_at', t.instant)
    .addColumn('next_poll_at', t.instant, (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('statements_added', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('statements')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_at', t.instant, (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('parties', t.json, (c) => c.notNull())
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('feed_id', t.id, (c) => c.references('statement_feeds.id'))
    .addColumn('guid', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('statements_published')
    .on('statements')
    .columns(['published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('statements_issuer')
    .on('statements')
    .columns(['issuer', 'published_at', 'id'])
    .execute();
  await db.schema.createIndex('statements_content_hash').on('statements').column('content_hash').execute();
  await db.schema.createIndex('statements_url').on('statements').column('url').execute();
  await db.schema.createIndex('statements_feed_guid').on('statements').columns(['feed_id', 'guid']).execute();
  await db.schema
    .createTable('statement_fingerprints')
    .addColumn('doc', t.serial, t.rowKey)
    .addColumn('statement_id', t.id, (c) => c.notNull().references('statements.id'))
    .addColumn('variant', 'integer', (c) => c.notNull())
    .addColumn('published_at', t.instant, (c) => c.notNull())
    .addColumn('shingle_count', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', t.bytes, (c) => c.notNull())
    .addUniqueConstraint('statement_fingerprints_statement', ['statement_id', 'variant'])
    .execute();
  // Postings carry the fingerprint's integer `doc`, not the 26-character statement id: a third of the
  // size at ~220 rows per statement. Clustered on (shingle, doc), a posting list is one range of the
  // table (on PostgreSQL the primary key's B-tree answers it with an index-only scan). No foreign key:
  // checking one per posting would double the cost of ingest, and postings are only written in the
  // transaction that writes their fingerprint.
  await t
    .clusteredOnKey(
      db.schema
        .createTable('statement_shingles')
        .addColumn('shingle', t.bigint, (c) => c.notNull())
        .addColumn('doc', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('statement_shingles_pk', ['shingle', 'doc']),
    )
    .execute();
  await db.schema
    .createTable('statement_shingle_df')
    .addColumn('shingle', t.bigint, (c) => c.primaryKey())
    .addColumn('df', 'integer', (c) => c.notNull())
    .execute();
}
