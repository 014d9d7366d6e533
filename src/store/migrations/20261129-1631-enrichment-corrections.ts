/** Editors' corrections, reviews, the entities each update names, and enrichment claims. */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  // Editors' corrections, per deployment, used by every later enrichment: one per spelling and field
  // ("name" or "place"), the latest wins (see CorrectionStore).
  await db.schema
    .createTable('enrichment_corrections')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('surface', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('update_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('enrichment_corrections_surface', ['field', 'surface'])
    .execute();
  // What an editor decided about one suggestion of one update.
  await db.schema
    .createTable('enrichment_reviews')
    .addColumn('update_id', t.id, (c) => c.notNull().references('updates.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('enrichment_reviews_pk', ['update_id', 'item'])
    .execute();
  // The people, organisations and places each enriched update names, for the entity pages.
  await db.schema
    .createTable('enrichment_entities')
    .addColumn('update_id', t.id, (c) => c.notNull().references('updates.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrichment_entities_pk', ['update_id', 'kind', 'slug'])
    .execute();
  await db.schema
    .createIndex('enrichment_entities_slug')
    .on('enrichment_entities')
    .columns(['kind', 'slug'])
    .execute();
  // Which node enriches which update version: the first to insert the row does it.
  await db.schema
    .createTable('enrichment_claims')
    .addColumn('update_id', t.id, (c) => c.notNull())
    .addColumn('update_version', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('claimed_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('enrichment_claims_pk', ['update_id', 'update_version'])
    .execute();
}
