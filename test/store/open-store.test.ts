import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { createTempDir } from '../support/temp-dir.ts';

const postgresUrl = process.env.DATELINE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('openStore', () => {
  it('opens SQLite in the data directory when no URL is given', async () => {
    for (const url of [undefined, '']) {
      const dataDir = createTempDir();
      const store = await openStore(url, dataDir);
      await store.desks.create({ slug: 'syria', name: 'Syria Daily', description: '', timezone: 'UTC' });
      await store.close();
      assert.ok(existsSync(join(dataDir, 'dateline.db')));
    }
  });

  it('opens a SQLite file named by a sqlite: URL', async () => {
    const filename = join(createTempDir(), 'elsewhere.db');
    const store = await openStore(`sqlite:${filename}`, createTempDir());
    await store.ping();
    await store.close();
    assert.ok(existsSync(filename));
  });

  it('refuses other schemes without repeating the URL, which may hold a password', async () => {
    for (const url of ['mysql://root:hunter2@db/dateline', 'root:hunter2@db/dateline', 'hunter2']) {
      await assert.rejects(openStore(url, createTempDir()), (error: Error) => {
        assert.match(error.message, /postgres:\/\//);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      });
    }
  });

  it('opens PostgreSQL for a postgres:// or postgresql:// URL', async (t) => {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 10_000 });
    try {
      await admin.connect();
    } catch (error) {
      if (process.env.CI === 'true') throw error;
      t.skip(`PostgreSQL unreachable (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    const schema = `dl_test_${process.pid}_${Date.now()}`;
    await admin.query(`create schema ${schema}`);
    try {
      for (const scheme of ['postgres', 'postgresql']) {
        const url = new URL(postgresUrl.replace(/^postgres(ql)?:/, `${scheme}:`));
        // Either our ?schema= or libpq's options, which the store keeps alongside its own settings.
        if (scheme === 'postgres') url.searchParams.set('options', `-c search_path=${schema}`);
        else url.searchParams.set('schema', schema);
        const store = await openStore(url.toString(), createTempDir());
        await store.desks.create({ slug: scheme, name: scheme, description: '', timezone: 'UTC' });
        await store.close();
      }
      const { rows } = await admin.query(`select slug from ${schema}.desks order by slug`);
      assert.deepEqual(
        rows.map((r: { slug: string }) => r.slug),
        ['postgres', 'postgresql'],
      );
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
});
