/** One enrichment per update: the latest version enriched. */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  // One row per update: the enrichment of the latest version enriched (see EnrichmentStore).
  await db.schema
    .createTable('update_enrichments')
    .addColumn('update_id', t.id, (c) => c.primaryKey().references('updates.id'))
    .addColumn('story_id', t.id, (c) => c.notNull().references('stories.id'))
    .addColumn('update_version', 'integer', (c) => c.notNull())
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('enriched_at', t.instant, (c) => c.notNull())
    .addColumn('enrichment', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('update_enrichments_story')
    .on('update_enrichments')
    .column('story_id')
    .execute();
}
