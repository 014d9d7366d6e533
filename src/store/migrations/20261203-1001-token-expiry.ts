/** API tokens can expire, and remember when they were last used (for the tokens page). */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', t.instant).execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', t.instant).execute();
}
