/**
 * The enrichment store contract on SQLite, and on PostgreSQL at DATELINE_TEST_POSTGRES_URL in a
 * fresh schema (skipped with the reason when unreachable, except in CI).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { it } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runEnrichmentStoreContract } from './enrichment-store-contract.ts';

const URL_ENV = 'DATELINE_TEST_POSTGRES_URL';
const url = process.env[URL_ENV] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

runEnrichmentStoreContract('sqlite', () =>
  openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }),
);

const unreachable = await admin('select 1').then(
  () => null,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unreachable === null) {
  runEnrichmentStoreContract('postgres', async () => {
    const schema = `dl_test_${randomBytes(6).toString('hex')}`;
    await admin(`create schema ${schema}`);
    const store = await openPostgresStore({ url, schema });
    return {
      ...store,
      async close() {
        await store.close();
        await admin(`drop schema ${schema} cascade`);
      },
    };
  });
} else if (process.env.CI === 'true') {
  it('reaches PostgreSQL (required in CI)', () => {
    assert.fail(`PostgreSQL at ${URL_ENV} is unreachable: ${unreachable}`);
  });
} else {
  it(
    'enrichment store contract: postgres',
    { skip: `PostgreSQL unreachable (${unreachable}); set ${URL_ENV}` },
    () => {},
  );
}
