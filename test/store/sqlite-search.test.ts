import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runSearchContract } from './search-contract.ts';

runSearchContract('sqlite', (now) =>
  openSqliteStore({ filename: join(createTempDir(), 'dateline.db'), now }),
);
