/**
 * Every schema migration, written once for both engines, applied in order at start-up by Kysely's
 * Migrator (which, on PostgreSQL, holds an advisory lock, so nodes starting together apply each once).
 *
 * To change the schema: add a file here named `YYYYMMDD-HHMM-what.ts` (the time you write it, so names
 * sort in the order they were written and apply in that order everywhere), list it below, and never
 * edit one that has shipped. Types and engine-only blocks come from the SchemaDialect.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';
import * as initial from './20261128-0417-initial.ts';
import * as submissions from './20261129-1342-submissions.ts';
import * as statements from './20261129-1344-statements.ts';
import * as search from './20261129-1345-search.ts';
import * as claimHistory from './20261129-1346-claim-history.ts';
import * as updateEnrichments from './20261129-1359-update-enrichments.ts';
import * as accounts from './20261129-1403-accounts.ts';
import * as media from './20261129-1411-media.ts';
import * as webhooks from './20261129-1417-webhooks.ts';
import * as scheduleAudit from './20261129-1438-schedule-audit.ts';
import * as enrichmentCorrections from './20261129-1631-enrichment-corrections.ts';
import * as statementsCitations from './20261129-1633-statements-citations.ts';
import * as statementsDedupeKeys from './20261129-1633-statements-dedupe-keys.ts';
import * as searchStatements from './20261129-1635-search-statements.ts';
import * as statementsFeedDisabled from './20261129-1647-statements-feed-disabled.ts';
import * as temporaryPasswords from './20261129-1725-temporary-passwords.ts';
import * as tokenExpiry from './20261203-1001-token-expiry.ts';
import * as gazetteerPlaces from './20261203-1030-gazetteer-places.ts';
import * as deskArchive from './20261203-1444-desk-archive.ts';
import * as updateCorrections from './20261203-1502-update-corrections.ts';
import * as updateAuthors from './20261203-1804-update-authors.ts';
import * as contacts from './20261203-1847-contacts.ts';
import * as contactReviewsTemplates from './20261204-1627-contact-reviews-templates.ts';
import * as mapLayers from './20261204-1627-map-layers.ts';
import * as submissionDrafts from './20261204-1627-submission-drafts.ts';
import * as updateGalleries from './20261204-1640-update-galleries.ts';
import * as authorProfiles from './20261204-1641-author-profiles.ts';
import * as statementContacts from './20261204-2049-statement-contacts.ts';

/** One migration: it is given the engine's dialect. */
interface SchemaMigration {
  up(db: Kysely<unknown>, t: SchemaDialect): Promise<void>;
}

/** Migrations by name, in the order they apply. */
const MIGRATIONS: Record<string, SchemaMigration> = {
  '20261128-0417-initial': initial,
  '20261129-1342-submissions': submissions,
  '20261129-1344-statements': statements,
  '20261129-1345-search': search,
  '20261129-1346-claim-history': claimHistory,
  '20261129-1359-update-enrichments': updateEnrichments,
  '20261129-1403-accounts': accounts,
  '20261129-1411-media': media,
  '20261129-1417-webhooks': webhooks,
  '20261129-1438-schedule-audit': scheduleAudit,
  '20261129-1631-enrichment-corrections': enrichmentCorrections,
  '20261129-1633-statements-citations': statementsCitations,
  '20261129-1633-statements-dedupe-keys': statementsDedupeKeys,
  '20261129-1635-search-statements': searchStatements,
  '20261129-1647-statements-feed-disabled': statementsFeedDisabled,
  '20261129-1725-temporary-passwords': temporaryPasswords,
  '20261203-1001-token-expiry': tokenExpiry,
  '20261203-1030-gazetteer-places': gazetteerPlaces,
  '20261203-1444-desk-archive': deskArchive,
  '20261203-1502-update-corrections': updateCorrections,
  '20261203-1804-update-authors': updateAuthors,
  '20261203-1847-contacts': contacts,
  '20261204-1627-contact-reviews-templates': contactReviewsTemplates,
  '20261204-1627-map-layers': mapLayers,
  '20261204-1627-submission-drafts': submissionDrafts,
  '20261204-1640-update-galleries': updateGalleries,
  '20261204-1641-author-profiles': authorProfiles,
  '20261204-2049-statement-contacts': statementContacts,
};

/**
 * The names migrations had until they were written once: each feature numbered its own in a range
 * (0010 statements, 0020 reach, 0030 newsroom, 0040 enrichment), per engine, so a later feature's
 * migration could sort before one already applied. A database migrated under those names is renamed
 * in place before migrating (see renameLegacyMigrations).
 */
const LEGACY_NAMES: Record<string, string> = {
  '0001-initial': '20261128-0417-initial',
  '0030-newsroom-1-submissions': '20261129-1342-submissions',
  '0010-statements': '20261129-1344-statements',
  '0020-search': '20261129-1345-search',
  '0030-newsroom-2-claim-history': '20261129-1346-claim-history',
  '0040-update-enrichments': '20261129-1359-update-enrichments',
  '0030-newsroom-3-accounts': '20261129-1403-accounts',
  '0030-newsroom-4-media': '20261129-1411-media',
  '0020-webhooks': '20261129-1417-webhooks',
  '0030-newsroom-5-schedule-audit': '20261129-1438-schedule-audit',
  '0041-enrichment-corrections': '20261129-1631-enrichment-corrections',
  '0011-statements-dedupe-keys': '20261129-1633-statements-dedupe-keys',
  '0012-statements-citations': '20261129-1633-statements-citations',
  '0021-search-statements': '20261129-1635-search-statements',
  '0013-statements-feed-disabled': '20261129-1647-statements-feed-disabled',
  '0031-newsroom-temporary-passwords': '20261129-1725-temporary-passwords',
};

/** The migrations for one engine, keyed by name as Kysely's Migrator wants them. */
export function migrationsFor(dialect: SchemaDialect): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [
      name,
      { up: (db: Kysely<unknown>) => migration.up(db, dialect) },
    ]),
  );
}

/** Where Kysely keeps its record of applied migrations. */
const MIGRATION_TABLE = 'kysely_migration';

/**
 * Brings the database's schema up to date, or fails with one line naming the migration that failed.
 * A new migration must sort after every applied one (Kysely refuses otherwise): that is what the
 * time-ordered names guarantee.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: SchemaDialect,
  options: { migrationTableSchema?: string } = {},
): Promise<void> {
  await renameLegacyMigrations(db, dialect, options.migrationTableSchema);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
    migrationTableName: MIGRATION_TABLE,
    ...(options.migrationTableSchema === undefined
      ? {}
      : { migrationTableSchema: options.migrationTableSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed === undefined ? 'check' : failed} failed: ${reason}`);
  }
}

/**
 * Renames migrations recorded under their legacy names, and gives them one shared timestamp so that
 * Kysely (which orders applied migrations by timestamp, then name) sees them in the new order.
 * Idempotent, so nodes starting together may all run it.
 */
async function renameLegacyMigrations(
  db: Kysely<unknown>,
  dialect: SchemaDialect,
  schema: string | undefined,
): Promise<void> {
  if (!(await dialect.hasTable(db, MIGRATION_TABLE, schema))) return;
  const migrationTable = (schema === undefined ? db : db.withSchema(schema)) as Kysely<{
    [MIGRATION_TABLE]: { name: string; timestamp: string };
  }>;
  await migrationTable.transaction().execute(async (trx) => {
    const legacy = await trx
      .selectFrom(MIGRATION_TABLE)
      .select(['name', 'timestamp'])
      .where('name', 'in', Object.keys(LEGACY_NAMES))
      .execute();
    if (legacy.length === 0) return;
    const first = legacy.map((row) => row.timestamp).sort()[0]!;
    for (const row of legacy) {
      await trx
        .updateTable(MIGRATION_TABLE)
        .set({ name: LEGACY_NAMES[row.name]!, timestamp: first })
        .where('name', '=', row.name)
        .execute();
    }
  });
}
