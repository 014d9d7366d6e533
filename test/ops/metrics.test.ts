import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** The value of one sample line of the exposition text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp();
    base = await t.listen();
  });
  after(async () => t.close());

  it('counts open streams, delivered events, their latency and database queries in Prometheus format', async () => {
    const story = await t.liveBlog.createStory({ headline: 'Metered' });
    const readers = [1, 2].map(() => new SseTestClient(`${base}/api/v1/stories/${story.id}/live`));
    await Promise.all(readers.map((r) => r.connected()));

    const before = await (await fetch(`${base}/metrics`)).text();
    assert.equal(sample(before, 'dateline_sse_connections{channel="story"}'), 2);
    assert.equal(sample(before, 'dateline_live_delivery_seconds_count'), 0);

    const res = await fetch(`${base}/api/v1/stories/${story.id}/updates`, {
      method: 'POST',
      headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'counted' }),
    });
    assert.equal(res.status, 201);
    await Promise.all(readers.map((r) => r.waitForEvents(1)));

    const metrics = await fetch(`${base}/metrics`);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    assert.equal(sample(text, 'dateline_live_events_total{channel="story",type="update"}'), 1);
    assert.equal(sample(text, 'dateline_sse_deliveries_total{channel="story"}'), 2);
    assert.equal(sample(text, 'dateline_live_delivery_seconds_count'), 1);
    assert.ok((sample(text, 'dateline_db_query_seconds_count{kind="insert",outcome="ok"}') ?? 0) >= 1);
    assert.ok((sample(text, 'process_resident_memory_bytes') ?? 0) > 0, 'process metrics too');

    for (const r of readers) await r.close();
  });
});
