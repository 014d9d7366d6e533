/**
 * Claim changes live on the update row, so every reader of an update (page, event) has its history.
 */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .alterTable('updates')
    .addColumn('claim_history', t.json, (c) => c.notNull().defaultTo('[]'))
    .execute();
}
