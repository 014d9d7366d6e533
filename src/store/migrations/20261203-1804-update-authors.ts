/** An update's byline names (several per update), given by its author; empty: whoever filed it. */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .alterTable('updates')
    .addColumn('authors', t.json, (col) => col.notNull().defaultTo('[]'))
    .execute();
}
