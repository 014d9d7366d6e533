/**
 * Contributors' submissions wait here, outside `updates`, so they take no sequence until approved.
 */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('story_id', t.id, (c) => c.notNull().references('stories.id'))
    .addColumn('content', t.json, (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submissions_story_status')
    .on('submissions')
    .columns(['story_id', 'status', 'created_at'])
    .execute();
}
