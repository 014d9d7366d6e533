import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { runStatementStoreContract } from './statement-store-contract.ts';

runStatementStoreContract('sqlite', () =>
  openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }),
);

const RACE = new URL('./fixtures/ingest-race.ts', import.meta.url).pathname;

/** Starts a racer; `ready` resolves once it is waiting for `go()`, `done` when it has exited. */
function racer(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', RACE, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.includes('ready\n')) markReady();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      markReady();
      resolve({ code, stdout, stderr });
    }),
  );
  return { ready, done, go: () => child.stdin.end('go\n') };
}

/** Two racers ingest the same `rounds` items into a fresh file; every item must be stored exactly once. */
async function raceOnce(rounds: number): Promise<{ overlapped: boolean }> {
  const filename = join(createTempDir(), 'dateline.db');
  const store = await openSqliteStore({ filename });
  const feed = await store.statementFeeds.create({
    url: 'https://presidency.example/race.xml',
    issuer: 'Presidency of Valdoria',
    language: 'en',
    intervalSeconds: 600,
  });
  await store.close();
  const racers = ['forward', 'reverse'].map((order) => racer([filename, feed.id, String(rounds), order]));
  await Promise.all(racers.map((r) => r.ready));
  for (const r of racers) r.go();
  const results = await Promise.all(racers.map((r) => r.done));
  const outcomes = results.map((result) => {
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as { created: string[]; found: string[] };
  });
  const created = outcomes.flatMap((o) => o.created);
  // Every item was stored by exactly one of the two; the other found that one.
  assert.equal(created.length, rounds);
  assert.equal(new Set(created).size, rounds);
  for (const o of outcomes) for (const id of o.found) assert.ok(created.includes(id));
  const after = await openSqliteStore({ filename });
  try {
    assert.equal(await after.statements.count(), rounds);
  } finally {
    await after.close();
  }
  return { overlapped: outcomes.every((o) => o.created.length > 0) };
}

// Two processes (`serve --workers 2`, or the CLI beside a server) polling the same feed at once.
it('stores each feed item once when two processes ingest the same items at once: sqlite', async () => {
  // On a loaded machine one process can finish before the other is scheduled at all; the guarantee is
  // checked every time, and the test insists on seeing the two overlap (each storing some) within
  // three tries.
  let overlapped = false;
  for (let attempt = 0; attempt < 3 && !overlapped; attempt++) ({ overlapped } = await raceOnce(100));
  assert.ok(overlapped, 'the two processes never ran at the same time in three tries');
});
