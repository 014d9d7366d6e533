/**
 * The newsroom's live suggestions across nodes: two nodes share a database and a Redis bus; only one
 * of them enriches, and an editor whose suggestions stream is on the other node still gets the new
 * update's suggestions pushed, without reloading. Skipped without Redis, except under CI=true.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { Suggestions } from '../../src/enrich/suggestions.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const REDIS_URL = process.env.DATELINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function unreachable(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    client.disconnect();
  }
}
const reason = await unreachable();
if (reason !== undefined && process.env.CI === 'true') throw new Error(`${reason} (CI=true needs it)`);

/** Reads an SSE response until an event named `name` arrives; resolves to its data. */
async function nextEvent(response: Response, name: string): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before a ${name} event: ${text}`);
    text += decoder.decode(value, { stream: true });
    for (const frame of text.split('\n\n').slice(0, -1)) {
      const lines = frame.split('\n');
      if (lines.includes(`event: ${name}`))
        return lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
    }
  }
}

describe('live suggestions across nodes', { skip: reason ?? false }, () => {
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    const dataDir = createTempDir();
    const env = { DATELINE_BUS_URL: `${REDIS_URL}/?prefix=sugg-${randomBytes(6).toString('hex')}` };
    a = await createTestApp({ dataDir, env });
    b = await createTestApp({ dataDir, env });
    // Only A enriches: B's editor must learn of A's result.
    await b.enrichment.close();
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  it(
    'pushes suggestions to an editor on another node than the one that enriched the update',
    { timeout: 30_000 },
    async () => {
      const story = await a.app.inject({
        method: 'POST',
        url: '/api/v1/stories',
        headers: a.auth(a.editorToken),
        payload: { headline: 'Across nodes', status: 'live' },
      });
      const storyId = story.json().id as string;
      const baseB = await b.listen();
      const controller = new AbortController();
      const stream = await fetch(`${baseB}/api/v1/stories/${storyId}/suggestions/live`, {
        headers: { authorization: `Bearer ${b.editorToken}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      assert.equal(stream.status, 200);
      assert.match(String(stream.headers.get('content-type')), /text\/event-stream/);
      const refused = await fetch(`${baseB}/api/v1/stories/${storyId}/suggestions/live`, {
        headers: { authorization: `Bearer ${b.contributorToken}` },
      });
      assert.equal(refused.status, 403);
      try {
        const arrived = nextEvent(stream, 'suggestions');
        const published = await a.app.inject({
          method: 'POST',
          url: `/api/v1/stories/${storyId}/updates`,
          headers: a.auth(a.editorToken),
          payload: { body: 'RSF fighters shelled Kutum in Sudan on Saturday.' },
        });
        assert.equal(published.statusCode, 201, published.body);
        const suggestions = JSON.parse(await arrived) as Suggestions;
        assert.equal(suggestions.updateId, published.json().id);
        assert.ok(suggestions.items.some((i) => i.field === 'places' && i.label === 'Kutum'));
      } finally {
        controller.abort();
      }
    },
  );
});
