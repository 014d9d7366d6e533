/** Chooses the storage engine from a database URL; only the chosen engine's driver is loaded. */
import { join } from 'node:path';
import type { QueryObserver } from './sql/query-log.ts';
import type { Store } from './store.ts';

/** What every engine may be given besides its URL. */
export interface OpenStoreOptions {
  /** Told the duration of every query, for /metrics. */
  onQuery?: QueryObserver;
}

/**
 * Opens the store `url` names: unset or empty means SQLite at `<dataDir>/dateline.db`, `sqlite:PATH` a
 * SQLite file elsewhere, `postgres://…` or `postgresql://…` PostgreSQL, where `?schema=NAME` keeps the
 * tables in that (existing) schema, so several deployments can share a database. Anything else is refused.
 */
export async function openStore(
  url: string | undefined,
  dataDir: string,
  options: OpenStoreOptions = {},
): Promise<Store> {
  if (url === undefined || url === '') return openSqlite(join(dataDir, 'dateline.db'), options);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const filename = url.slice('sqlite:'.length);
    if (filename === '') throw new Error('a sqlite: database URL needs a path, e.g. sqlite:/srv/dateline.db');
    return openSqlite(filename, options);
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    return openPostgresStore({ ...postgresTarget(url), ...options });
  }
  // Name only the scheme: the rest of the URL may carry a password.
  const given = scheme === undefined ? 'has no scheme' : `has scheme "${scheme}:"`;
  throw new Error(`database URL ${given}; use postgres://… or postgresql://…, or leave it unset for SQLite`);
}

/** A postgres:// URL split into what node-postgres takes and our `?schema=`. */
export function postgresTarget(url: string): { url: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  // node-postgres reads query parameters as connection options, so ours must not reach it.
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), ...(schema === null ? {} : { schema }) };
}

async function openSqlite(filename: string, options: OpenStoreOptions): Promise<Store> {
  const { openSqliteStore } = await import('./sqlite/sqlite-store.ts');
  return openSqliteStore({ filename, ...options });
}
