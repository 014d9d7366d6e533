/**
 * Contacts found in official statements (the statements library), beside those of updates: one row
 * per pair per sentence, derived by the enrichment worker, and `statement_contact_runs` marking which
 * statements were read (most name no contact). Both go with their statement (the foreign keys cascade).
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('statement_contacts')
    .addColumn('statement_id', t.id, (c) => c.notNull().references('statements.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
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
    .addColumn('template_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('statement_contacts_pk', ['statement_id', 'ordinal'])
    .execute();
  await db.schema
    .createIndex('statement_contacts_a')
    .on('statement_contacts')
    .columns(['a_slug', 'day'])
    .execute();
  await db.schema
    .createIndex('statement_contacts_b')
    .on('statement_contacts')
    .columns(['b_slug', 'day'])
    .execute();
  await db.schema
    .createIndex('statement_contacts_template')
    .on('statement_contacts')
    .column('template_id')
    .execute();
  await db.schema
    .createTable('statement_contact_runs')
    .addColumn('statement_id', t.id, (c) => c.primaryKey().references('statements.id').onDelete('cascade'))
    .addColumn('extracted_at', t.instant, (c) => c.notNull())
    .execute();
}
