/**
 * Contacts between actors found in updates by the enrichment worker (src/store/contacts.ts): one row
 * per pair per sentence, replaced whenever the update is enriched again. The rows are derived, so
 * an update's removal takes its contacts with it (the foreign key cascades).
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('update_id', t.id, (c) => c.notNull().references('updates.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('update_version', 'integer', (c) => c.notNull())
    .addColumn('story_id', t.id, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('a_kind', 'text', (c) => c.notNull())
    .addColumn('a_slug', 'text', (c) => c.notNull())
    .addColumn('a_name', 'text', (c) => c.notNull())
    .addColumn('a_role', 'text')
    .addColumn('b_kind', 'text', (c) => c.notNull())
    .addColumn('b_slug', 'text', (c) => c.notNull())
    .addColumn('b_name', 'text', (c) => c.notNull())
    .addColumn('b_role', 'text')
    .addColumn('place', 'text')
    .addColumn('country', 'text')
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('day_source', 'text', (c) => c.notNull())
    .addColumn('reported_at', t.instant, (c) => c.notNull())
    .addColumn('sentence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['update_id', 'ordinal'])
    .execute();
  // An actor's contacts, from either side, newest first.
  await db.schema.createIndex('contacts_a').on('contacts').columns(['a_slug', 'day']).execute();
  await db.schema.createIndex('contacts_b').on('contacts').columns(['b_slug', 'day']).execute();
  await db.schema.createIndex('contacts_day').on('contacts').columns(['day', 'update_id']).execute();
}
