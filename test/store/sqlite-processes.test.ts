/**
 * Several processes writing to one SQLite file, as `serve --workers` and the CLI beside a server do:
 * a write waits for the other process's transaction instead of failing with "database is locked".
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { content } from './store-contract.ts';

const LOOP = new URL('./fixtures/edit-loop.ts', import.meta.url).pathname;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', LOOP, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('SQLite shared by processes', () => {
  it('serialises concurrent read-then-write transactions from two processes without errors', async () => {
    const filename = join(createTempDir(), 'dateline.db');
    const store = await openSqliteStore({ filename });
    const story = await store.stories.create({
      deskId: null,
      slug: 'shared',
      date: null,
      headline: 'Shared',
      standfirst: '',
      body: '',
      bodyHtml: '',
      topPhoto: null,
      status: 'live',
    });
    const a = (await store.updates.create(story.id, content('a'), 'desk')).update;
    const b = (await store.updates.create(story.id, content('b'), 'desk')).update;
    await store.close();

    const edits = 80;
    const results = await Promise.all([
      run([filename, a.id, String(edits)]),
      run([filename, b.id, String(edits)]),
    ]);
    for (const result of results) {
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), { failures: 0 }, result.stderr);
    }
    const after = await openSqliteStore({ filename });
    try {
      assert.equal((await after.updates.getById(a.id))!.version, edits + 1);
      assert.equal((await after.updates.getById(b.id))!.version, edits + 1);
      // Every edit appended its live event: the story's sequence has no gaps.
      const events = await after.events.listAfter(story.id, 0, 1000);
      assert.deepEqual(
        events.map((e) => e.seq),
        Array.from({ length: 2 + 2 * edits }, (_, i) => i + 1),
      );
    } finally {
      await after.close();
    }
  });
});
