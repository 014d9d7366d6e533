/**
 * Every schema migration, written once for both engines, applied in order at start-up by Kysely's
 * Migrator (which, on PostgreSQL, holds an advisory lock, so nodes starting together apply each once).
 *
 * To change the schema: add a file to this folder named `YYYYMMDD-HHMM-what.ts` (the time you write
 * it, so names sort in the order they were written and apply in that order everywhere), exporting
 * `up(db, t)`, and never edit one that has shipped. The folder is the list: Kysely's
 * FileMigrationProvider reads every file so named. Types and engine-only blocks come from the
 * SchemaDialect.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** One migration: it is given the engine's dialect. */
interface SchemaMigration {
  up(db: Kysely<unknown>, t: SchemaDialect): Promise<void>;
}

const FOLDER = path.dirname(fileURLToPath(import.meta.url));
const MIGRATION_NAME = /^\d{8}-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*\.[jt]s$/;
// The folder's other files: this list and the dialect the migrations are given.
const NOT_MIGRATIONS = /^(migration-list|schema-dialect)\.[jt]s$/;

/**
 * The migration files of the folder; a file that is neither a migration nor ours is refused by name.
 * Where a migration's compiled JavaScript stands beside its TypeScript (the tree the tests run, see
 * test/support/compiled-tree.ts), the JavaScript is the one loaded.
 */
async function migrationFiles(folder: string): Promise<string[]> {
  const files = (await readdir(folder)).filter((file) => !NOT_MIGRATIONS.test(file));
  const misnamed = files.find((file) => !MIGRATION_NAME.test(file));
  if (misnamed !== undefined)
    throw new Error(`src/store/migrations/${misnamed}: a migration is named YYYYMMDD-HHMM-what.ts`);
  const names = new Set(files);
  return files.filter((file) => !(file.endsWith('.ts') && names.has(`${file.slice(0, -3)}.js`)));
}

/** Migrations by name (the file name without `.ts`), as the folder holds them. */
async function schemaMigrations(): Promise<Record<string, SchemaMigration>> {
  const provider = new FileMigrationProvider({
    fs: { readdir: migrationFiles },
    path,
    migrationFolder: FOLDER,
  });
  return (await provider.getMigrations()) as unknown as Record<string, SchemaMigration>;
}

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
export async function migrationsFor(dialect: SchemaDialect): Promise<Record<string, Migration>> {
  return Object.fromEntries(
    Object.entries(await schemaMigrations()).map(([name, migration]) => [
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
    provider: { getMigrations: () => migrationsFor(dialect) },
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
