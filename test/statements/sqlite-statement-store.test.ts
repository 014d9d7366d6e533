import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runStatementStoreContract } from './statement-store-contract.ts';

runStatementStoreContract('sqlite', () =>
  openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }),
);
