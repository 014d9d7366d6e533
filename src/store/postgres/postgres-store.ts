/**
 * The scale-out store: PostgreSQL through node-postgres (only store/postgres/ imports it), queried with
 * the shared Kysely repositories. Every node of a cluster opens one pool against the same database;
 * sequence numbers and event ids come from the database, so all nodes agree on them.
 */
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../sql/schema.ts';
import { queryLog, type QueryObserver } from '../sql/query-log.ts';
import { createSqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { migrateToLatest } from '../migrations/migration-list.ts';
import { PostgresSearch } from './postgres-search.ts';
import { OwnSchemaPostgresDialect } from './own-schema-dialect.ts';
import { POSTGRES_SCHEMA } from './postgres-schema.ts';
import { POSTGRES_ADAPTER } from './postgres-adapter.ts';

/** Options for opening the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` URL. */
  url: string;
  /** Schema to keep the tables in instead of the server's default search_path; it must exist. */
  schema?: string;
  /** Most connections this node opens (default 10). */
  maxConnections?: number;
  /** How long `ping()` waits before it reports the database as down (default 2000 ms). */
  pingTimeoutMs?: number;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
  /** Told the duration of every query, for /metrics. */
  onQuery?: QueryObserver;
}

const { builtins } = pg.types;

/** Connects, applies migrations and returns the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ ...postgresPoolConfig(options), max: options.maxConnections ?? 10 });
  // An idle connection that breaks (server restart, failover) is reported here; the pool has already
  // dropped it and the next query opens a new one, so there is nothing to do but not crash.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new OwnSchemaPostgresDialect({ pool }),
    ...queryLog(options.onQuery),
  });
  // Kysely looks for its bookkeeping tables in every schema unless told which; another deployment's
  // schema in the same database would make it skip creating them in ours.
  let migrationTableSchema: string | undefined;
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  try {
    await migrateToLatest(
      db as Kysely<unknown>,
      POSTGRES_SCHEMA,
      migrationTableSchema === undefined ? {} : { migrationTableSchema },
    );
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  return createSqlStore({
    db,
    adapter: POSTGRES_ADAPTER,
    clock: () => now().toISOString(),
    search: (deps) => new PostgresSearch(deps),
    async ping() {
      const client = await within(pool.connect(), pingTimeoutMs, (late) => late.release());
      try {
        await within(client.query('select 1'), pingTimeoutMs, () => {});
        client.release();
      } catch (pingError) {
        // Destroy rather than return a connection that may still have a query in flight.
        client.release(pingError instanceof Error ? pingError : true);
        throw pingError;
      }
    },
  });
}

/**
 * Pool settings that make rows look as sql/schema.ts describes; for the store and for tools that read
 * its tables directly (migrate-data).
 */
export function postgresPoolConfig(options: Pick<PostgresStoreOptions, 'url' | 'schema'>): pg.PoolConfig {
  return {
    ...connectionOf(options),
    application_name: 'dateline',
    // Without it a query waits for a connection to an unreachable server until TCP gives up (minutes).
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    types: { getTypeParser },
  };
}

/** Connection settings: the URL, plus session settings the store's guarantees depend on. */
function connectionOf(options: Pick<PostgresStoreOptions, 'url' | 'schema'>): {
  connectionString: string;
  options: string;
} {
  // Acknowledged writes must survive a crash, so commits wait for the WAL flush whatever the server's
  // default; newsroom write rates make the cost invisible.
  const settings = ['-c synchronous_commit=on'];
  if (options.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error(`schema "${options.schema}" must be lower-case letters, digits and underscores`);
    }
    settings.push(`-c search_path=${options.schema}`);
  }
  // node-postgres lets `options` in the URL replace ours; keep both instead.
  const url = new URL(options.url);
  const fromUrl = url.searchParams.get('options');
  if (fromUrl === null) return { connectionString: options.url, options: settings.join(' ') };
  url.searchParams.delete('options');
  return { connectionString: url.toString(), options: [fromUrl, ...settings].join(' ') };
}

/**
 * Row values as the shared repositories expect them (see sql/schema.ts), set on this pool only so
 * nothing else in the process is affected.
 */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (text: string) => unknown {
  switch (oid) {
    case builtins.TIMESTAMPTZ: {
      const parseDate = pg.types.getTypeParser(oid, 'text') as (text: string) => Date;
      return (text) => parseDate(text).toISOString();
    }
    case builtins.DATE:
    case builtins.JSON:
      return (text) => text;
    case builtins.INT8:
      return parseSafeInteger;
    default:
      return pg.types.getTypeParser(oid, format);
  }
}

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${text} is too large for a JavaScript number`);
  return value;
}

/** Settles as `promise` does, or rejects after `ms`; a value that arrives too late goes to `discard`. */
function within<T>(promise: Promise<T>, ms: number, discard: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`PostgreSQL did not answer within ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) discard(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
