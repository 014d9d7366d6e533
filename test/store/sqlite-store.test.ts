import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runNewsroomContract } from './newsroom-contract.ts';
import { runStoreContract } from './store-contract.ts';

runStoreContract('sqlite', () => openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }));
runNewsroomContract('sqlite', () => openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }));
