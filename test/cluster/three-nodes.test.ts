/**
 * Three `dateline serve` processes on loopback sharing one PostgreSQL schema and one Redis bus, as an
 * operator runs them behind a load balancer. Skipped with the reason when PostgreSQL or Redis is not
 * reachable, except under CI=true, where that is a failure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { clusterUnavailable, postJson, startCluster, type Cluster } from '../support/cluster.ts';
import type { ServerProcess } from '../support/server-process.ts';

const missing = await clusterUnavailable();

if (missing !== null && process.env.CI === 'true') {
  it('reaches PostgreSQL and Redis for the cluster test (required in CI)', () => assert.fail(missing));
} else {
  describe('three nodes sharing PostgreSQL and Redis', { skip: missing ?? false }, () => {
    let cluster: Cluster;
    let nodes: ServerProcess[];
    const clients: SseTestClient[] = [];

    before(async () => {
      cluster = await startCluster(3);
      nodes = cluster.nodes;
    });

    after(async () => {
      for (const client of clients) await client.close();
      await cluster.close();
    });

    const post = <T>(node: ServerProcess, path: string, body: unknown): Promise<T> =>
      postJson<T>(node.url, cluster.headers, path, body);

    function reader(node: ServerProcess, storyId: string, lastEventId?: string): SseTestClient {
      const client = new SseTestClient(
        `${node.url}/api/v1/stories/${storyId}/live`,
        lastEventId === undefined ? {} : { lastEventId },
      );
      clients.push(client);
      return client;
    }

    it('delivers an update published on one node to readers on the others, and all report ready', async () => {
      const [a, b, c] = nodes as [ServerProcess, ServerProcess, ServerProcess];
      for (const node of nodes) {
        const ready = await fetch(`${node.url}/readyz`);
        assert.equal(ready.status, 200);
        assert.deepEqual(((await ready.json()) as { checks: unknown }).checks, { database: 'ok', bus: 'ok' });
      }
      const story = await post<{ id: string }>(a, '/stories', { headline: 'Three nodes' });
      const onB = reader(b, story.id);
      const onC = reader(c, story.id);
      await Promise.all([onB.connected(), onC.connected()]);
      const update = await post<{ id: string; sequence: number }>(a, `/stories/${story.id}/updates`, {
        body: 'published on A',
      });
      await Promise.all([onB.waitForEvents(1), onC.waitForEvents(1)]);
      for (const client of [onB, onC]) {
        assert.deepEqual(client.ids(), [1]);
        assert.match(client.events[0]!.data, new RegExp(update.id));
      }
      // The same story read through any node: one sequence, from the database.
      const list = (await (await fetch(`${c.url}/api/v1/stories/${story.id}/updates`)).json()) as {
        items: { id: string }[];
      };
      assert.deepEqual(
        list.items.map((item) => item.id),
        [update.id],
      );
    });

    it('loses nothing when a node is killed: its readers resume exactly on another node', async () => {
      const [a, b, c] = nodes as [ServerProcess, ServerProcess, ServerProcess];
      const story = await post<{ id: string }>(b, '/stories', { headline: 'Node killed' });
      const onA = reader(a, story.id);
      await onA.connected();
      for (let i = 1; i <= 3; i++) await post(b, `/stories/${story.id}/updates`, { body: `before ${i}` });
      await onA.waitForEvents(3);

      // B acknowledged a write and is killed at once; A's reader is cut off by killing A.
      await post(b, `/stories/${story.id}/updates`, { body: 'acknowledged, then B dies' });
      await b.stop('SIGKILL');
      await onA.waitForEvents(4);
      const seen = onA.ids();
      await a.stop('SIGKILL');
      await onA.waitForEnd();

      for (let i = 1; i <= 2; i++) await post(c, `/stories/${story.id}/updates`, { body: `after ${i}` });
      // The reader reconnects to the surviving node with the last id it saw.
      const resumed = reader(c, story.id, String(seen.at(-1)));
      await resumed.waitForEvents(2);
      assert.deepEqual(seen, [1, 2, 3, 4]);
      assert.deepEqual(resumed.ids(), [5, 6], 'exactly the missed events, no duplicates');
      assert.match(resumed.events[1]!.data, /after 2/);
    });
  });
}
