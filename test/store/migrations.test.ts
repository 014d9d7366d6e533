/**
 * Upgrading a deployment made before migrations were written once: its Kysely record names them by
 * feature number (0001, 0010, …, 0041), in the order they sorted then. The schema those migrations
 * made is byte-identical to what the time-ordered ones make up to 20261129-1725 (compared with pg_dump
 * and sqlite_master when they were rewritten), so a legacy database is the current schema, less what
 * later migrations added, plus that legacy record.
 * Opening it must rename the record, apply nothing twice, apply what it lacks, and keep every row.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { migrationsFor } from '../../src/store/migrations/migration-list.ts';
import { SQLITE_SCHEMA } from '../../src/store/sqlite/sqlite-schema.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { postgresAdmin, POSTGRES_URL } from '../support/cluster.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { content } from './store-contract.ts';

/** The migration record of a database last migrated by main at 56dfbcc, in the order it applied them. */
const LEGACY_RECORD = [
  '0001-initial',
  '0010-statements',
  '0011-statements-dedupe-keys',
  '0012-statements-citations',
  '0013-statements-feed-disabled',
  '0020-search',
  '0020-webhooks',
  '0021-search-statements',
  '0030-newsroom-1-submissions',
  '0030-newsroom-2-claim-history',
  '0030-newsroom-3-accounts',
  '0030-newsroom-4-media',
  '0030-newsroom-5-schedule-audit',
  '0031-newsroom-temporary-passwords',
  '0040-update-enrichments',
  '0041-enrichment-corrections',
];

/** How a test reaches one engine's database behind the store's back. */
interface Engine {
  name: string;
  skip: string | false;
  /** A fresh, empty database (file or schema), with a way to open the store on it. */
  create(): Promise<{
    open(): Promise<Store>;
    /** Runs SQL directly (the migration table is unqualified: the database is the deployment's own). */
    exec(statement: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
    drop(): Promise<void>;
  }>;
}

const postgresDown = await postgresAdmin('select 1').then(
  () => null,
  (error: unknown) => `PostgreSQL unreachable: ${error instanceof Error ? error.message : String(error)}`,
);

const ENGINES: Engine[] = [
  {
    name: 'sqlite',
    skip: false,
    async create() {
      const filename = join(createTempDir(), 'dateline.db');
      return {
        open: () => openSqliteStore({ filename }),
        async exec(statement, params = []) {
          const db = new BetterSqlite3(filename);
          try {
            const prepared = db.prepare(statement);
            return prepared.reader
              ? (prepared.all(...params) as Record<string, unknown>[])
              : (prepared.run(...params), []);
          } finally {
            db.close();
          }
        },
        drop: async () => {},
      };
    },
  },
  {
    name: 'postgres',
    skip: postgresDown !== null && process.env['CI'] !== 'true' ? postgresDown : false,
    async create() {
      const schema = `dl_mig_${randomBytes(6).toString('hex')}`;
      await postgresAdmin(`create schema ${schema}`);
      return {
        open: () => openPostgresStore({ url: POSTGRES_URL, schema }),
        async exec(statement, params = []) {
          const client = new pg.Client({
            connectionString: POSTGRES_URL,
            options: `-c search_path=${schema}`,
          });
          await client.connect();
          try {
            return (await client.query(statement, params)).rows as Record<string, unknown>[];
          } finally {
            await client.end();
          }
        },
        drop: () => postgresAdmin(`drop schema ${schema} cascade`),
      };
    },
  },
];

/** Rewrites the migration record as main at 56dfbcc left it: legacy names, a second apart, in that order. */
async function writeLegacyRecord(
  exec: (statement: string, params?: unknown[]) => Promise<unknown>,
  names: string[],
): Promise<void> {
  // Undo what migrations written since 56dfbcc added, so the schema is that release's again.
  await exec('alter table api_tokens drop column expires_at');
  await exec('alter table api_tokens drop column last_used_at');
  await exec('alter table updates drop column corrections');
  await exec('alter table updates drop column authors');
  await exec('alter table updates drop column gallery');
  await exec('alter table desks drop column archived_at');
  await exec('alter table submissions drop column saved_at');
  await exec('alter table submissions drop column saved_by');
  for (const table of [
    'statement_contact_reviews',
    'statement_contact_runs',
    'statement_contacts',
    'map_layer_revisions',
    'map_layers',
    'map_forces',
    'update_bylines',
    'author_profiles',
    'contacts',
    'gazetteer_names',
    'gazetteer_places',
    'gazetteer_admin_codes',
    'gazetteer_imports',
    'gazetteer_state',
  ])
    await exec(`drop table ${table}`);
  await exec('delete from kysely_migration');
  for (const [index, name] of names.entries()) {
    const timestamp = new Date(Date.UTC(2026, 10, 29, 12, 0, index)).toISOString();
    await exec('insert into kysely_migration (name, timestamp) values (?, ?)', [name, timestamp]);
  }
}

for (const engine of ENGINES) {
  describe(`migrations on ${engine.name}`, { skip: engine.skip }, () => {
    it('upgrades a database migrated under the legacy names, keeping its rows and search', async () => {
      const database = await engine.create();
      const exec = (statement: string, params?: unknown[]) =>
        database.exec(engine.name === 'postgres' ? toDollarParams(statement) : statement, params);
      try {
        let store = await database.open();
        const desk = await store.desks.create({
          slug: 'kyiv',
          name: 'Kyiv Live',
          description: '',
          timezone: 'Europe/Kyiv',
        });
        const story = await store.stories.create({
          deskId: desk.id,
          slug: 'live',
          date: '2026-11-30',
          headline: 'Air raid alert over the capital',
          standfirst: '',
          body: '',
          bodyHtml: '',
          topPhoto: null,
          status: 'live',
        });
        const { update } = await store.updates.create(
          story.id,
          content('Drones downed near Bila Tserkva'),
          'ed',
        );
        await store.close();

        await writeLegacyRecord(exec, LEGACY_RECORD);
        store = await database.open();
        try {
          assert.equal((await store.updates.getById(update.id))?.body, 'Drones downed near Bila Tserkva');
          assert.equal((await store.desks.list())[0]?.name, 'Kyiv Live');
          const hits = await store.search.search({ text: 'Tserkva', limit: 10, offset: 0 });
          assert.deepEqual(
            hits.hits.map((hit) => hit.id),
            [update.id],
          );
        } finally {
          await store.close();
        }
        const record = (await exec('select name from kysely_migration order by name')).map(
          (row) => row['name'],
        );
        // Every legacy migration, renamed, and the ones written since, applied once.
        assert.equal(record.length, Object.keys(await migrationsFor(SQLITE_SCHEMA)).length);
        assert.ok(
          record.every((name) => typeof name === 'string' && /^\d{8}-\d{4}-[a-z-]+$/.test(name)),
          `every legacy name renamed: ${record.join(', ')}`,
        );
      } finally {
        await database.drop();
      }
    });

    it('applies, in order, what a legacy database had not applied yet', async () => {
      const database = await engine.create();
      const exec = (statement: string, params?: unknown[]) =>
        database.exec(engine.name === 'postgres' ? toDollarParams(statement) : statement, params);
      try {
        await (await database.open()).close();
        // A deployment from before the temporary-password migration: the column is not there yet.
        await exec('alter table users drop column password_temporary');
        await writeLegacyRecord(
          exec,
          LEGACY_RECORD.filter((name) => name !== '0031-newsroom-temporary-passwords'),
        );
        const store = await database.open();
        await store.close();
        const columns = await exec(
          engine.name === 'postgres'
            ? "select column_name as name from information_schema.columns where table_name = 'users' and table_schema = current_schema()"
            : "select name from pragma_table_info('users')",
        );
        assert.ok(columns.some((column) => column['name'] === 'password_temporary'));
      } finally {
        await database.drop();
      }
    });

    it('refuses a database migrated by a newer release, naming the unknown migration', async () => {
      const database = await engine.create();
      try {
        await (await database.open()).close();
        await database.exec(
          engine.name === 'postgres'
            ? 'insert into kysely_migration (name, timestamp) values ($1, $2)'
            : 'insert into kysely_migration (name, timestamp) values (?, ?)',
          ['29990101-0000-from-the-future', new Date().toISOString()],
        );
        await assert.rejects(database.open(), /29990101-0000-from-the-future/);
      } finally {
        await database.drop();
      }
    });
  });
}

/** `?` placeholders as PostgreSQL's `$1, $2…`. */
function toDollarParams(statement: string): string {
  let index = 0;
  return statement.replaceAll('?', () => `$${++index}`);
}
