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
  // Contributors' submissions wait here, outside `updates`, so they take no sequence until approved.
  '0030-newsroom-1-submissions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('submissions')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('story_id', ID, (c) => c.notNull().references('stories.id'))
        .addColumn('content', 'json', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_by', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('submissions_story_status')
        .on('submissions')
        .columns(['story_id', 'status', 'created_at'])
        .execute();
    },
  },
  // Claim changes live on the update row, so every reader of an update (page, event) has its history.
  '0030-newsroom-2-claim-history': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('updates')
        .addColumn('claim_history', 'json', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  },
  '0030-newsroom-3-accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('desks', 'json')
        .addColumn('disabled_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('user_id', ID, (c) => c.notNull().references('users.id'))
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
    },
  },
  '0030-newsroom-4-media': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('alt', 'text', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('credit', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('variants', 'json', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('updates').addColumn('media', 'json').execute();
    },
  },
};
