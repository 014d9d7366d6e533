/**
 * The embedded default: SQLite through better-sqlite3 (only store/sqlite/ imports it), queried with
 * the shared Kysely repositories, in WAL mode with synchronous=FULL so an acknowledged write survives a
 * crash of the process (and of the machine).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from '../sql/schema.ts';
import { queryLog, type QueryObserver } from '../sql/query-log.ts';
import { createSqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteSearch } from './sqlite-search.ts';
import { SQLITE_ADAPTER } from './sqlite-adapter.ts';

/** Options for opening the SQLite store. */
export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  filename: string;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
  /** Told the duration of every query, for /metrics. */
  onQuery?: QueryObserver;
}

/** Opens (creating if needed) the database, applies migrations and returns the store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
  const sqlite = new BetterSqlite3(options.filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (the CLI) may write while the server runs; wait rather than fail.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    ...queryLog(options.onQuery),
  });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const now = options.now ?? (() => new Date());
  return createSqlStore({
    db,
    adapter: SQLITE_ADAPTER,
    clock: () => now().toISOString(),
    search: (deps) => new SqliteSearch(deps),
    async ping() {
      sqlite.prepare('select 1').get();
    },
  });
}
