/**
 * `dateline serve --workers 2`: an update is enriched by one worker, and readers' maps open on either
 * worker get its marker (the private `enriched` event crosses the IPC bus).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { runCliProcess, startServer } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

describe('dateline serve --workers and the map', () => {
  it('pushes a marker to maps open on every worker, whichever worker enriched it', async () => {
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
    const server = await startServer(dataDir, { DATELINE_WORKERS: '2' });
    const maps: SseTestClient[] = [];
    try {
      // The primary hands connections to the workers in turn: four streams reach both.
      for (let i = 0; i < 4; i++) maps.push(new SseTestClient(`${server.url}/map/live`));
      await Promise.all(maps.map((m) => m.connected()));
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${server.url}/api/v1${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
        assert.equal(res.status, 201);
        return (await res.json()) as { id: string };
      };
      const story = await post('/stories', { headline: 'Map on two workers', status: 'live' });
      const update = await post(`/stories/${story.id}/updates`, { body: 'RSF fighters shelled Kutum.' });
      for (const map of maps) {
        await map.waitFor('the marker', () => map.events.some((e) => e.event === 'marker'));
        assert.equal((JSON.parse(map.events[0]!.data) as { id: string }).id, update.id);
      }
    } finally {
      for (const map of maps) await map.close();
      await server.stop('SIGTERM');
    }
  });
});
