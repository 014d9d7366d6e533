/** Corrections of published updates (time and note), shown to readers as "Updated HH:MM". */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .alterTable('updates')
    .addColumn('corrections', t.json, (col) => col.notNull().defaultTo('[]'))
    .execute();
}
