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

// Two processes (`serve --workers 2`, or the CLI beside a server) polling the same feed at once.
it('stores each feed item once when two processes ingest the same items at once: sqlite', async () => {
  const filename = join(createTempDir(), 'dateline.db');
  const store = await openSqliteStore({ filename });
  const feed = await store.statementFeeds.create({
    url: 'https://presidency.example/race.xml',
    issuer: 'Presidency of Valdoria',
    language: 'en',
    intervalSeconds: 600,
  });
  await store.close();
  const rounds = 40;
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
  // They did race: each process stored some items and found some stored by the other.
  for (const o of outcomes) assert.ok(o.created.length > 0 && o.found.length > 0, JSON.stringify(o));
  for (const o of outcomes) for (const id of o.found) assert.ok(created.includes(id));
  const after = await openSqliteStore({ filename });
  try {
    assert.equal(await after.statements.count(), rounds);
  } finally {
    await after.close();
  }
});
