/**
 * An admin can stop polling a feed without losing its history or its statements.
 */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema.alterTable('statement_feeds').addColumn('disabled_at', t.instant).execute();
}
