/**
 * An update's gallery: the photos after its lead photo (`media`), each a snapshot with its own alt
 * text, caption and credit, in the order the editor set. Empty for a single photo or none.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .alterTable('updates')
    .addColumn('gallery', t.json, (col) => col.notNull().defaultTo('[]'))
    .execute();
}
