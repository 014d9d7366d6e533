import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('live streams and story access', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp();
    base = await t.listen();
  });
  after(async () => t.close());

  it('ends open streams of a story taken back to draft; anonymous readers cannot come back', async () => {
    const story = await t.liveBlog.createStory({ headline: 'Published too early' });
    const reader = new SseTestClient(`${base}/api/v1/stories/${story.id}/live`);
    await reader.connected();
    await t.liveBlog.publishUpdate(story.id, { body: 'public' }, 'Desk');
    await reader.waitForEvents(1);

    const res = await fetch(`${base}/api/v1/stories/${story.id}`, {
      method: 'PATCH',
      headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
      body: JSON.stringify({ version: story.version, status: 'draft' }),
    });
    assert.equal(res.status, 200);
    await reader.waitForEnd();
    await t.liveBlog.publishUpdate(story.id, { body: 'embargoed' }, 'Desk');
    assert.ok(!reader.events.some((e) => e.data.includes('embargoed')));

    const again = new SseTestClient(`${base}/api/v1/stories/${story.id}/live`, {
      lastEventId: reader.events.at(-1)!.id,
    });
    await again.connected();
    assert.equal(again.status, 404);
    await again.close();
  });
});
