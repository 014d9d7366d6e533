/**
 * Editors' verdicts on the contacts of official statements: one row per contact decided (confirmed or
 * rejected), by whom and when. Kept apart from `statement_contacts` (which the worker may replace) and
 * keyed like it (statement, ordinal); it goes with its statement (the foreign key cascades).
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('statement_contact_reviews')
    .addColumn('statement_id', t.id, (c) => c.notNull().references('statements.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('decided_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('statement_contact_reviews_pk', ['statement_id', 'ordinal'])
    .execute();
}
