/**
 * The statements contract against PostgreSQL at DATELINE_TEST_POSTGRES_URL, in a fresh schema per store.
 * Skipped with the reason when PostgreSQL is unreachable, except in CI.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Store } from '../../src/store/store.ts';
import { runCrossNodeDedupe, runStatementStoreContract } from './statement-store-contract.ts';

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

async function openFresh(): Promise<Store> {
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
}

const unreachable = await admin('select 1').then(
  () => null,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);

if (unreachable === null) {
  runStatementStoreContract('postgres', openFresh);
  // Two connection pools on one schema, as two nodes behind a load balancer have.
  runCrossNodeDedupe('postgres', async () => {
    const schema = `dl_test_${randomBytes(6).toString('hex')}`;
    await admin(`create schema ${schema}`);
    const one = await openPostgresStore({ url, schema });
    const two = await openPostgresStore({ url, schema });
    return [
      one,
      two,
      async () => {
        await one.close();
        await two.close();
        await admin(`drop schema ${schema} cascade`);
      },
    ];
  });
} else if (process.env.CI === 'true') {
  it('reaches PostgreSQL (required in CI)', () => {
    assert.fail(`PostgreSQL at ${URL_ENV} is unreachable: ${unreachable}`);
  });
} else {
  it(
    'statement store contract: postgres',
    { skip: `PostgreSQL unreachable (${unreachable}); set ${URL_ENV}` },
    () => {},
  );
}
