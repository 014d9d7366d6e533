/**
 * Three `dateline serve` processes on loopback sharing one PostgreSQL schema and one Redis bus, as an
 * operator runs them behind a load balancer. Skipped with the reason when PostgreSQL or Redis is not
 * reachable, except under CI=true, where that is a failure.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SseTestClient } from '../live/sse-client.ts';
import { runCli, startServer, type ServerProcess } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

const POSTGRES_URL = process.env.DATELINE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.DATELINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Why the cluster cannot be run here, or null. */
async function missingService(): Promise<string | null> {
  try {
    await adminQuery('select 1');
  } catch (error) {
    return `PostgreSQL unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis unreachable: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    redis.disconnect();
  }
  return null;
}

const missing = await missingService();

if (missing !== null && process.env.CI === 'true') {
  it('reaches PostgreSQL and Redis for the cluster test (required in CI)', () => assert.fail(missing));
} else {
  describe('three nodes sharing PostgreSQL and Redis', { skip: missing ?? false }, () => {
    const schema = `dl_cluster_${randomBytes(5).toString('hex')}`;
    const databaseUrl = `${POSTGRES_URL}?schema=${schema}`;
    const env = {
      DATABASE_URL: databaseUrl,
      DATELINE_BUS_URL: `${REDIS_URL}/?prefix=${schema}`,
    };
    const nodes: ServerProcess[] = [];
    const clients: SseTestClient[] = [];
    let headers: Record<string, string>;

    before(async () => {
      await adminQuery(`create schema ${schema}`);
      const dataDir = createTempDir();
      const created = runCli(
        ['token', 'create', '--name', 'cluster', '--role', 'admin', '--data-dir', dataDir],
        env,
      );
      assert.equal(created.status, 0, created.stderr);
      headers = { authorization: `Bearer ${created.stdout.trim()}`, 'content-type': 'application/json' };
      // One at a time: the first applies the migrations, the others find them applied.
      for (let i = 0; i < 3; i++) nodes.push(await startServer(createTempDir(), env));
    });

    after(async () => {
      for (const client of clients) await client.close();
      for (const node of nodes) await node.stop('SIGKILL');
      await adminQuery(`drop schema ${schema} cascade`);
    });

    async function post<T>(node: ServerProcess, path: string, body: unknown): Promise<T> {
      const res = await fetch(`${node.url}/api/v1${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as T;
    }

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
