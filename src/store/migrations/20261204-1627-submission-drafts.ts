/**
 * Held drafts: an editor's update saved but not published lives in `submissions` with status `draft`
 * (outside `updates`, so no reader list, feed, search or live event can carry it). A draft is saved
 * again and again by the desk's editors, so it keeps when it was last saved and by whom.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('saved_at', t.instant).execute();
  await db.schema.alterTable('submissions').addColumn('saved_by', 'text').execute();
}
