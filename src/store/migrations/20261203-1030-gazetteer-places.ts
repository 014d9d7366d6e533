/**
 * Places imported from GeoNames dumps by `dateline gazetteer import` (src/enrich/places/geonames-import.ts):
 * one row per GeoNames feature kept, keyed by its geonameid, so importing a file twice changes nothing.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('gazetteer_places')
    .addColumn('geoname_id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('iso2', 'text', (c) => c.notNull())
    .addColumn('admin1_code', 'text', (c) => c.notNull())
    .addColumn('admin2_code', 'text', (c) => c.notNull())
    .addColumn('feature_class', 'text', (c) => c.notNull())
    .addColumn('feature_code', 'text', (c) => c.notNull())
    .addColumn('lat', t.double, (c) => c.notNull())
    .addColumn('lon', t.double, (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gazetteer_places_iso2').on('gazetteer_places').column('iso2').execute();
  // Every spelling of a place as text writes it (case-sensitive, as the matcher is): the lookup index.
  await t
    .clusteredOnKey(
      db.schema
        .createTable('gazetteer_names')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('geoname_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('gazetteer_names_pk', ['name', 'geoname_id']),
    )
    .execute();
  await db.schema.createIndex('gazetteer_names_place').on('gazetteer_names').column('geoname_id').execute();
  // Names of admin areas by code ("SD.01", "SD.01.12345"), from admin1CodesASCII.txt and admin2Codes.txt.
  await db.schema
    .createTable('gazetteer_admin_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geoname_id', 'integer', (c) => c.notNull())
    .execute();
  // One row per imported file (or zip entry): how many of its lines are committed, so an interrupted
  // import resumes after them, and whether it finished.
  await db.schema
    .createTable('gazetteer_imports')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('size', t.bigint, (c) => c.notNull())
    .addColumn('lines_done', 'integer', (c) => c.notNull())
    .addColumn('rows_kept', 'integer', (c) => c.notNull())
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    .execute();
  // Bumped by every committed import batch and removal: a running server compares it to drop its
  // cached lookups, so places imported by the CLI in another process are used at once. Its one row
  // is written by the first import (not here: `migrate-data` needs the new tables empty).
  await db.schema
    .createTable('gazetteer_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
}
