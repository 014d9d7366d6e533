/**
 * The embedded default: SQLite through better-sqlite3 (only store/sqlite/ imports it), queried with
 * the shared Kysely repositories, in WAL mode with synchronous=FULL so an acknowledged write survives a
 * crash of the process (and of the machine).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type Dialect, type SqliteDialectConfig } from 'kysely';
import type { Database } from '../sql/schema.ts';
import { queryLog, type QueryObserver } from '../sql/query-log.ts';
import { createSqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { migrateToLatest } from '../migrations/migration-list.ts';
import { SqliteSearch } from './sqlite-search.ts';
import { SQLITE_ADAPTER } from './sqlite-adapter.ts';
import { SQLITE_SCHEMA } from './sqlite-schema.ts';

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
    dialect: immediateSqliteDialect({ database: sqlite }),
    ...queryLog(options.onQuery),
  });
  try {
    await migrateToLatest(db as Kysely<unknown>, SQLITE_SCHEMA);
  } catch (error) {
    await db.destroy();
    throw error;
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

/**
 * Write transactions take SQLite's write lock when they begin (`begin immediate`), not at their first
 * write. With a plain `begin`, a transaction that reads first (every edit checks the version) fails at
 * once with "database is locked" when another process wrote meanwhile, and busy_timeout cannot help;
 * several processes (`serve --workers`, the CLI beside the server) write to one file.
 */
function immediateSqliteDialect(config: SqliteDialectConfig): Dialect {
  const base = new SqliteDialect(config);
  return {
    createAdapter: () => base.createAdapter(),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
    createDriver() {
      const driver = base.createDriver();
      driver.beginTransaction = async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      };
      return driver;
    },
  };
}
