/** Statements join full-text search (store/search.ts); the block is the engine's own, as for updates. */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await t.search.statements(db);
}
