/**
 * Open maps on every node hear of markers: two `dateline serve` processes sharing PostgreSQL and a
 * Redis bus; whichever node enriches the update, readers' maps on the other get the marker and its
 * removal. Skipped with the reason when PostgreSQL or Redis is not reachable, except under CI=true.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { clusterUnavailable, postJson, startCluster, type Cluster } from '../support/cluster.ts';
import type { ServerProcess } from '../support/server-process.ts';

const missing = await clusterUnavailable();

if (missing !== null && process.env.CI === 'true') {
  it('reaches PostgreSQL and Redis for the map cluster test (required in CI)', () => assert.fail(missing));
} else {
  describe('maps on two nodes sharing PostgreSQL and Redis', { skip: missing ?? false }, () => {
    let cluster: Cluster;
    before(async () => {
      cluster = await startCluster(2);
    });
    after(async () => cluster?.close());

    it('pushes a marker published on one node to maps open on both, and its removal', async () => {
      const [a, b] = cluster.nodes as [ServerProcess, ServerProcess];
      const maps = [new SseTestClient(`${a.url}/map/live`), new SseTestClient(`${b.url}/map/live`)];
      await Promise.all(maps.map((m) => m.connected()));
      const story = await postJson<{ id: string }>(a.url, cluster.headers, '/stories', {
        headline: 'Map on two nodes',
        status: 'live',
      });
      const update = await postJson<{ id: string }>(a.url, cluster.headers, `/stories/${story.id}/updates`, {
        body: 'Shelling hit Aleppo overnight.',
      });
      for (const map of maps) {
        await map.waitFor('the marker', () => map.events.some((e) => e.event === 'marker'));
        assert.equal((JSON.parse(map.events[0]!.data) as { id: string }).id, update.id);
      }
      const res = await fetch(`${a.url}/api/v1/updates/${update.id}`, {
        method: 'DELETE',
        headers: { authorization: String(cluster.headers['authorization']) },
      });
      assert.equal(res.status, 204);
      for (const map of maps) {
        await map.waitFor('the removal', () => map.events.some((e) => e.event === 'unmark'));
        await map.close();
      }
    });
  });
}
