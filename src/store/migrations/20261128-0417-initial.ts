/** Desks, stories, updates, their revisions, the event log and API tokens. */
import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('desks')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stories')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('desk_id', t.id, (c) => c.references('desks.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('date', t.date)
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('top_photo', t.json)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', t.instant)
    .addColumn('ended_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('last_event_seq', 'integer', (c) => c.notNull())
    .addColumn('last_update_seq', 'integer', (c) => c.notNull())
    .execute();
  // Standalone stories have no desk; NULLs never collide in a unique index, so key on ''.
  await sql`create unique index stories_desk_slug on stories (coalesce(desk_id, ''), slug)`.execute(db);
  await db.schema.createIndex('stories_status').on('stories').columns(['status', 'opened_at']).execute();
  await db.schema
    .createTable('updates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('story_id', t.id, (c) => c.notNull().references('stories.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('headline', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('published_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('pinned', t.bool, (c) => c.notNull())
    .addColumn('key_event', t.bool, (c) => c.notNull())
    .addColumn('claim_status', 'text', (c) => c.notNull())
    .addColumn('claim_note', 'text', (c) => c.notNull())
    .addColumn('sources', t.json, (c) => c.notNull())
    .addColumn('video_url', 'text')
    .addColumn('deleted_at', t.instant)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('updates_story_sequence', ['story_id', 'sequence'])
    .execute();
  await db.schema.createIndex('updates_published').on('updates').columns(['published_at']).execute();
  await db.schema
    .createTable('revisions')
    .addColumn('id', t.serial, t.serialKey)
    .addColumn('update_id', t.id, (c) => c.notNull().references('updates.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('changes', t.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revisions_update').on('revisions').columns(['update_id', 'id']).execute();
  await db.schema
    .createTable('events')
    .addColumn('id', t.serial, t.serialKey)
    .addColumn('story_id', t.id, (c) => c.notNull().references('stories.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addUniqueConstraint('events_story_seq', ['story_id', 'seq'])
    .execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('revoked_at', t.instant)
    .execute();
}
