/**
 * The few things that differ between the SQL engines behind the shared Kysely repositories. Everything
 * else in store/sql/ is written once; an engine folder supplies one of these, its migrations and its
 * connection set-up.
 */
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Database, SqlBool } from './schema.ts';

/** Per-engine behaviour the shared repositories rely on. */
export interface SqlAdapter {
  /** `value` as a bind parameter for a boolean column. */
  bool(value: boolean): SqlBool;
  /** The UTC calendar day of timestamp `column`, comparable with `stories.date`. */
  utcDay(column: string): RawBuilder<string>;
  /** Whether `error` is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * Called in a write transaction just before it inserts a live event, and held until it commits: after
   * it returns, event ids must become visible in id order, so a reader that resumes the site-wide log
   * from the last id it saw never skips one.
   */
  lockEventLog(trx: Transaction<Database>): Promise<void>;
}

/** Current time as an ISO-8601 string; tests pass a fixed one. */
export type Clock = () => string;

/** What every shared repository is built from. */
export interface SqlDeps {
  db: Kysely<Database>;
  adapter: SqlAdapter;
  clock: Clock;
}
