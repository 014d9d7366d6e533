/**
 * Full-text search (see store/search.ts). The index is engine-specific (FTS5 tables and triggers on
 * SQLite, GIN expression indexes on PostgreSQL): each engine's schema dialect holds its block.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await t.search.updatesAndStories(db);
}
