/**
 * `dateline migrate-data`: an embedded deployment copied into PostgreSQL keeps every update, revision,
 * live event and token, and carries on where it stopped. Skipped without PostgreSQL, except in CI.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp } from '../support/test-app.ts';

const POSTGRES_URL = process.env.DATELINE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 10_000 });
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

if (unreachable !== null && process.env.CI === 'true') {
  it('reaches PostgreSQL for migrate-data (required in CI)', () => assert.fail(unreachable));
} else {
  describe('dateline migrate-data', { skip: unreachable ?? false }, () => {
    it('copies SQLite into PostgreSQL, verified, and the deployment carries on from where it was', async () => {
      const dataDir = createTempDir();
      const embedded = await createTestApp({ sample: true, dataDir });
      const [story] = await embedded.store.stories.listByStatus(['live'], 1);
      assert.ok(story, 'the sample story');
      const page = await embedded.store.updates.listByStory(story.id, { limit: 100 });
      const [newest, second] = page.items;
      await embedded.liveBlog.editUpdate(newest!.id, newest!.version, { claimStatus: 'verified' }, 'Ed');
      await embedded.liveBlog.deleteUpdate(second!.id, 'Ed');
      const before = await embedded.app.inject({ url: `/api/v1/stories/${story.id}/updates?limit=100` });
      const lastEvent = await embedded.store.events.lastGlobalId();
      const eventsBefore = await embedded.store.events.listAfter(story.id, 0, 1000);
      const editorToken = embedded.editorToken;
      const tokens = (await embedded.store.tokens.list()).length;
      await embedded.close();

      const schema = `dl_migrate_${randomBytes(5).toString('hex')}`;
      await admin(`create schema ${schema}`);
      const target = `${POSTGRES_URL}?schema=${schema}`;
      try {
        const run = await runCli([
          'migrate-data',
          '--from',
          `sqlite:${join(dataDir, 'dateline.db')}`,
          '--to',
          target,
        ]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^verified: \d+ rows in \d+ tables match in SQLite and PostgreSQL$/m);
        const counts = Object.fromEntries(
          [...run.stdout.matchAll(/^(\w+)\s+(\d+)\s+[0-9a-f]{64}$/gm)].map((m) => [m[1], Number(m[2])]),
        );
        assert.equal(counts.desks, 1);
        assert.equal(counts.updates, page.items.length);
        assert.equal(counts.events, lastEvent);
        assert.ok((counts.revisions ?? 0) > page.items.length, 'creates plus the edit and the delete');
        assert.equal(counts.api_tokens, tokens);

        const moved = await createTestApp({ env: { DATABASE_URL: target } });
        try {
          const after = await moved.app.inject({ url: `/api/v1/stories/${story.id}/updates?limit=100` });
          assert.deepEqual(after.json(), before.json(), 'the same updates, edits and tombstones');
          assert.deepEqual(await moved.store.events.listAfter(story.id, 0, 1000), eventsBefore);
          // The old token still works, and new writes continue the story's sequence and the event log.
          const res = await moved.app.inject({
            method: 'POST',
            url: `/api/v1/stories/${story.id}/updates`,
            headers: { authorization: `Bearer ${editorToken}` },
            payload: { body: 'First update after the move' },
          });
          assert.equal(res.statusCode, 201, res.body);
          assert.equal(res.json<{ sequence: number }>().sequence, newest!.sequence + 1);
          const appended = await moved.store.events.listAfter(story.id, eventsBefore.at(-1)!.seq, 10);
          assert.equal(appended.length, 1);
          assert.ok(appended[0]!.globalId > lastEvent);
        } finally {
          await moved.close();
        }

        const again = await runCli([
          'migrate-data',
          '--from',
          `sqlite:${join(dataDir, 'dateline.db')}`,
          '--to',
          target,
        ]);
        assert.equal(again.status, 1);
        assert.match(
          again.stderr,
          /^dateline: the target already has rows in "\w+"; migrate into an empty database\n$/,
        );
      } finally {
        await admin(`drop schema ${schema} cascade`);
      }
    });

    it('names what is wrong with its arguments in one line', async () => {
      const missing = await runCli([
        'migrate-data',
        '--from',
        'sqlite:/nowhere/dateline.db',
        '--to',
        POSTGRES_URL,
      ]);
      assert.equal(missing.status, 1);
      assert.equal(missing.stderr, 'dateline: no SQLite database at /nowhere/dateline.db\n');
      const wrong = await runCli(['migrate-data', '--from', '/data/dateline.db', '--to', POSTGRES_URL]);
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /--from must be sqlite:PATH/);
    });
  });
}
