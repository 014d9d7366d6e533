/**
 * PostgreSQL schema migrations, applied in order at start-up by Kysely's Migrator (which holds an
 * advisory lock, so nodes starting together apply each once). Never edit a shipped one.
 *
 * Types, and why:
 * - Instants are `timestamptz`: real time arithmetic and time-zone-safe SQL for analysts and exports,
 *   8 bytes instead of 24. The clock writes millisecond ISO strings, so nothing finer is ever stored,
 *   and the driver turns them back into the same `toISOString()` strings SQLite returns.
 * - A daily page's `date` is `date`: PostgreSQL then refuses a day that does not exist.
 * - Booleans are `boolean`.
 * - JSON columns are `json`, not `jsonb`: jsonb reorders object keys, and these documents are read
 *   back whole and compared or replayed as text (an edit that re-sends the same sources must not be
 *   recorded as a change; a replayed event must serialise as it did live). Nothing queries inside them
 *   yet; when something does, an expression index or a jsonb column can be added then.
 * - Ids compared for keyset pagination use the "C" collation: byte order, as in SQLite, whatever the
 *   database's locale.
 * - Event and revision ids are `bigint` identities; the driver reads them as numbers.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const ID = sql`text collate "C"`;

/** Migrations by name; names sort in the order they apply. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('desks')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('stories')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('desk_id', ID, (c) => c.references('desks.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('date', 'date')
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('standfirst', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('top_photo', 'json')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'timestamptz')
        .addColumn('ended_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_event_seq', 'integer', (c) => c.notNull())
        .addColumn('last_update_seq', 'integer', (c) => c.notNull())
        .execute();
      // Same key as SQLite's, so getBySlug(null, …) reads it the same way on both engines.
      await sql`create unique index stories_desk_slug on stories (coalesce(desk_id, ''), slug)`.execute(db);
      await db.schema.createIndex('stories_status').on('stories').columns(['status', 'opened_at']).execute();
      await db.schema
        .createTable('updates')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('story_id', ID, (c) => c.notNull().references('stories.id'))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('headline', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('published_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('pinned', 'boolean', (c) => c.notNull())
        .addColumn('key_event', 'boolean', (c) => c.notNull())
        .addColumn('claim_status', 'text', (c) => c.notNull())
        .addColumn('claim_note', 'text', (c) => c.notNull())
        .addColumn('sources', 'json', (c) => c.notNull())
        .addColumn('video_url', 'text')
        .addColumn('deleted_at', 'timestamptz')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('updates_story_sequence', ['story_id', 'sequence'])
        .execute();
      await db.schema.createIndex('updates_published').on('updates').columns(['published_at']).execute();
      await db.schema
        .createTable('revisions')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('update_id', ID, (c) => c.notNull().references('updates.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('changes', 'json', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_update').on('revisions').columns(['update_id', 'id']).execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('story_id', ID, (c) => c.notNull().references('stories.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('data', 'json', (c) => c.notNull())
        .addUniqueConstraint('events_story_seq', ['story_id', 'seq'])
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
    },
  },
  '0020-search': {
    // Full-text search (see store/search.ts): GIN indexes on the tsvector expressions that
    // postgres/postgres-search.ts queries. An expression index is maintained by PostgreSQL in the
    // writing transaction and adds no column that every `select *` would carry.
    async up(db: Kysely<unknown>) {
      await sql`create index updates_search on updates using gin ((
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('english', body), 'B')
      ))`.execute(db);
      await sql`create index stories_search on stories using gin ((
        setweight(to_tsvector('english', headline), 'A') ||
        setweight(to_tsvector('english', standfirst || ' ' || body), 'B')
      ))`.execute(db);
    },
  },
  '0020-webhooks': {
    // Outbound webhooks (store/webhooks.ts): subscribers, the delivery queue and log, and the cursor
    // into the event log from which the queue is filled, starting at the newest event now.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_subscribers')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('after_event_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('removed_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('subscriber_id', ID, (c) => c.notNull().references('webhook_subscribers.id'))
        .addColumn('event_id', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'json', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'timestamptz')
        .addColumn('lease_until', 'timestamptz')
        .addColumn('last_attempt_at', 'timestamptz')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('webhook_deliveries_once', ['subscriber_id', 'event_id', 'type'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_log')
        .on('webhook_deliveries')
        .columns(['subscriber_id', 'id'])
        .execute();
      await db.schema
        .createTable('webhook_cursor')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last_event_id', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into webhook_cursor (id, last_event_id) select 1, coalesce(max(id), 0) from events`.execute(
        db,
      );
    },
  },
};
