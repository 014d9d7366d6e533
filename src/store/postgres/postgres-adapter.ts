/** How PostgreSQL differs for the shared repositories. */
import { sql } from 'kysely';
import type { SqlAdapter } from '../sql/sql-adapter.ts';

// Arbitrary, fixed key of the advisory lock that serialises event appends ("DATELINE" in ASCII hex).
const EVENT_LOG_LOCK = 0x444154454c494e45n;

/** PostgreSQL: real booleans and timestamps, many concurrent writers. */
export const POSTGRES_ADAPTER: SqlAdapter = {
  bool: (value) => value,
  utcDay: (column) => sql<string>`(${sql.ref(column)} at time zone 'UTC')::date`,
  // unique_violation (https://www.postgresql.org/docs/current/errcodes-appendix.html).
  isUniqueViolation: (error) =>
    error instanceof Error && (error as Error & { code?: unknown }).code === '23505',
  // An identity id is allocated when the row is inserted but becomes visible when its transaction
  // commits, so without this a transaction could commit id 8 while id 7 is still in flight; a reader
  // resuming the site-wide log after 8 would never see 7. The lock is held until commit, so ids are
  // allocated and made visible strictly one transaction after another. Only the insert and the commit
  // run under it, which newsroom write rates (a few per second) never notice.
  lockEventLog: async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(EVENT_LOG_LOCK)})`.execute(trx);
  },
};
