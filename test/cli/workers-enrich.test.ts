/**
 * `dateline serve --workers 2`: every worker hears every published update (and both catch up on what
 * was published while none ran), but each update version is enriched by exactly one of them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { pollUntil } from '../live/live-fixtures.ts';
import { runCliProcess, startServer } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

interface LogLine {
  msg?: string;
  pid?: number;
  updateId?: string;
  version?: number;
}

describe('dateline serve --workers and enrichment', () => {
  it('enriches each update once, not once per worker', async () => {
    const dataDir = createTempDir();
    const token = runCliProcess([
      'token',
      'create',
      '--name',
      'w',
      '--role',
      'editor',
      '--data-dir',
      dataDir,
    ]).stdout.trim();
    // The primary seeds the sample with no enrichment worker running: both workers find it stale at start.
    const server = await startServer(dataDir, {
      DATELINE_WORKERS: '2',
      DATELINE_SAMPLE: 'on',
      LOG_LEVEL: 'debug',
    });
    try {
      const logs = (): LogLine[] =>
        server.output.flatMap((line) => {
          try {
            return [JSON.parse(line) as LogLine];
          } catch {
            return [];
          }
        });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const story = (await (
        await fetch(`${server.url}/api/v1/stories`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ headline: 'Enrich once', status: 'live' }),
        })
      ).json()) as { id: string };
      const ids: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await fetch(`${server.url}/api/v1/stories/${story.id}/updates`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ body: `RSF fighters shelled Kutum in Sudan, report ${i}.` }),
        });
        assert.equal(res.status, 201);
        ids.push(((await res.json()) as { id: string }).id);
      }
      // Each update is handled by both workers: one enriches it, the other finds it claimed.
      const handled = (id: string) =>
        logs().filter(
          (l) =>
            l.updateId === id &&
            (l.msg === 'enriched update' || l.msg === 'enrichment claimed by another process'),
        ).length;
      await pollUntil(
        'both workers handled every update',
        () => ids.every((id) => handled(id) === 2),
        30_000,
      );
      for (const id of ids) {
        const enriched = logs().filter((l) => l.updateId === id && l.msg === 'enriched update');
        assert.equal(enriched.length, 1, `update ${id} enriched ${enriched.length} times`);
        const response = await fetch(`${server.url}/api/v1/updates/${id}/enrichment`);
        assert.equal(response.status, 200);
        assert.equal(((await response.json()) as { places: { name: string }[] }).places[0]?.name, 'Kutum');
      }
      const pids = new Set(
        logs()
          .filter((l) => l.msg === 'enriched update')
          .map((l) => l.pid),
      );
      assert.ok(pids.size >= 1);

      // The sample's updates were caught up at start by both workers, each enriched once too.
      const store = await openSqliteStore({ filename: join(dataDir, 'dateline.db') });
      try {
        let stale = await store.enrichments.listStale(100);
        for (const deadline = Date.now() + 30_000; stale.length > 0 && Date.now() < deadline;)
          stale = await new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
            store.enrichments.listStale(100),
          );
        assert.deepEqual(stale, [], 'every update enriched');
      } finally {
        await store.close();
      }
      const sampleRuns = new Map<string, number>();
      for (const l of logs())
        if (l.msg === 'enriched update' && l.updateId !== undefined && !ids.includes(l.updateId))
          sampleRuns.set(l.updateId, (sampleRuns.get(l.updateId) ?? 0) + 1);
      assert.ok(sampleRuns.size >= 5, `sample updates enriched: ${sampleRuns.size}`);
      assert.deepEqual([...new Set(sampleRuns.values())], [1]);
    } finally {
      await server.stop('SIGTERM');
    }
  });
});
