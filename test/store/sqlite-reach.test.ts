/** The read models of reach (search, archive) on SQLite. */
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runArchiveContract } from './archive-contract.ts';
import { runWebhookContract } from './webhook-contract.ts';
import { runSearchContract, type OpenWithClock } from './search-contract.ts';
import { runSearchEntitiesContract } from './search-entities-contract.ts';

const open: OpenWithClock = (now) => openSqliteStore({ filename: join(createTempDir(), 'dateline.db'), now });
runSearchContract('sqlite', open);
runArchiveContract('sqlite', open);
runWebhookContract('sqlite', open);
runSearchEntitiesContract('sqlite', open);
