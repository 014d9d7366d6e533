/** Schema migrations, applied in order at start-up by Kysely's Migrator. Never edit a shipped one. */
import { sql, type Kysely, type Migration } from 'kysely';

/** Migrations by name; names sort in the order they apply. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('desks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('stories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('desk_id', 'text', (c) => c.references('desks.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('standfirst', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('top_photo', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_event_seq', 'integer', (c) => c.notNull())
        .addColumn('last_update_seq', 'integer', (c) => c.notNull())
        .execute();
      // Standalone stories have no desk; NULLs never collide in a unique index, so key on ''.
      await sql`create unique index stories_desk_slug on stories (coalesce(desk_id, ''), slug)`.execute(db);
      await db.schema.createIndex('stories_status').on('stories').columns(['status', 'opened_at']).execute();
      await db.schema
        .createTable('updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('headline', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull())
        .addColumn('key_event', 'integer', (c) => c.notNull())
        .addColumn('claim_status', 'text', (c) => c.notNull())
        .addColumn('claim_note', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('video_url', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('updates_story_sequence', ['story_id', 'sequence'])
        .execute();
      await db.schema.createIndex('updates_published').on('updates').columns(['published_at']).execute();
      await db.schema
        .createTable('revisions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('update_id', 'text', (c) => c.notNull().references('updates.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_update').on('revisions').columns(['update_id', 'id']).execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addUniqueConstraint('events_story_seq', ['story_id', 'seq'])
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
    },
  },
  // Contributors' submissions wait here, outside `updates`, so they take no sequence until approved.
  '0030-newsroom-1-submissions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('submissions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
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
        .addColumn('claim_history', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  },
  '0030-newsroom-3-accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('desks', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
    },
  },
  '0030-newsroom-4-media': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alt', 'text', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('credit', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('variants', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('updates').addColumn('media', 'text').execute();
    },
  },
};
