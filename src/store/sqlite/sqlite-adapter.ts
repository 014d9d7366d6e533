/** How SQLite differs for the shared repositories. */
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { SqlAdapter } from '../sql/sql-adapter.ts';

/** SQLite: booleans are 0/1, timestamps ISO text, and one writer at a time. */
export const SQLITE_ADAPTER: SqlAdapter = {
  bool: (value) => (value ? 1 : 0),
  // Timestamps are stored as the ISO strings the clock gives, so the day is their first ten characters.
  utcDay: (column) => sql<string>`substr(${sql.ref(column)}, 1, 10)`,
  isUniqueViolation: (error) =>
    error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT_UNIQUE'),
  // A write transaction already excludes every other writer (Kysely runs one connection, and each
  // transaction takes the database's write lock as it begins: see sqlite-store.ts), so events commit
  // in id order without more locking.
  lockEventLog: async () => {},
};
