/**
 * The storage engines an API test runs against: SQLite always, PostgreSQL in a fresh schema when it
 * answers (skipped with the reason otherwise, except under CI=true, where that fails the suite).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { postgresAdmin, POSTGRES_URL } from './cluster.ts';

/** One engine: the env a test app needs for it, the skip reason, and a clean-up. */
export interface Engine {
  name: 'sqlite' | 'postgres';
  /** `skip` option for the suite: the reason, or false. */
  skip: string | false;
  /** Env for createTestApp (a fresh schema for PostgreSQL). */
  env(): Promise<Record<string, string>>;
  /** Drops what env() created. */
  cleanUp(): Promise<void>;
}

const postgresDown = await postgresAdmin('select 1').then(
  () => null,
  (error: unknown) => `PostgreSQL unreachable: ${error instanceof Error ? error.message : String(error)}`,
);

const schemas: string[] = [];

/** SQLite and PostgreSQL. */
export const ENGINES: Engine[] = [
  { name: 'sqlite', skip: false, env: async () => ({}), cleanUp: async () => {} },
  {
    name: 'postgres',
    skip: postgresDown !== null && process.env['CI'] !== 'true' ? postgresDown : false,
    async env() {
      if (postgresDown !== null) assert.fail(`${postgresDown}; with CI=true the PostgreSQL tests must run`);
      const schema = `dl_api_${randomBytes(6).toString('hex')}`;
      await postgresAdmin(`create schema ${schema}`);
      schemas.push(schema);
      return { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` };
    },
    async cleanUp() {
      for (const schema of schemas.splice(0)) await postgresAdmin(`drop schema ${schema} cascade`);
    },
  },
];
