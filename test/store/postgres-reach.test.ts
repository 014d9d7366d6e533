/**
 * The search and archive contracts against PostgreSQL at DATELINE_TEST_POSTGRES_URL, in a fresh schema dropped
 * afterwards. Skipped with the reason when PostgreSQL is unreachable, except in CI.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { runArchiveContract } from './archive-contract.ts';
import { runWebhookContract } from './webhook-contract.ts';
import { runSearchContract, type OpenWithClock } from './search-contract.ts';
import { runSearchEntitiesContract } from './search-entities-contract.ts';

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

const unreachable = await admin('select 1').then(
  () => null,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);

if (unreachable === null) {
  const open: OpenWithClock = async (now) => {
    const schema = `dl_test_${randomBytes(6).toString('hex')}`;
    await admin(`create schema ${schema}`);
    const store = await openPostgresStore({ url, schema, now });
    return {
      ...store,
      async close() {
        await store.close();
        await admin(`drop schema ${schema} cascade`);
      },
    };
  };
  runSearchContract('postgres', open);
  runSearchEntitiesContract('postgres', open);
  runArchiveContract('postgres', open);
  runWebhookContract('postgres', open);
} else if (process.env.CI === 'true') {
  it('reaches PostgreSQL (required in CI)', () => {
    assert.fail(`PostgreSQL at ${URL_ENV} is unreachable: ${unreachable}`);
  });
} else {
  it(
    'search contract: postgres',
    { skip: `PostgreSQL unreachable (${unreachable}); set ${URL_ENV}` },
    () => {},
  );
}
