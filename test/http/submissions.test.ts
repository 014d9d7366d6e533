/** A contributor's update is a submission: invisible to readers until an editor approves it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('submissions', () => {
  let t: TestApp;
  let base: string;
  let storyId: string;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Front line' },
    });
    storyId = story.json().id;
  });
  after(() => t.close());

  it('stays out of the list, the page and the live stream until approved, then arrives live', async () => {
    const live = new SseTestClient(`${base}/api/v1/stories/${storyId}/live`);
    await live.connected();
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.contributorToken),
      payload: { body: 'Convoy seen on the **M5** road', claimStatus: 'claimed' },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { id, status, sequence } = submitted.json();
    assert.equal(status, 'pending');
    assert.equal(sequence, null);

    const list = await t.app.inject({ url: `/api/v1/stories/${storyId}/updates` });
    assert.deepEqual(list.json().items, []);
    const page = await t.app.inject({ url: '/stories/front-line' });
    assert.doesNotMatch(page.body, /Convoy seen/);
    assert.equal((await t.app.inject({ url: `/api/v1/updates/${id}` })).statusCode, 404);
    const queue = await t.app.inject({
      url: `/api/v1/stories/${storyId}/submissions`,
      headers: t.auth(t.editorToken),
    });
    assert.deepEqual(
      queue.json().items.map((s: { id: string }) => s.id),
      [id],
    );

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${id}/approve`,
      headers: t.auth(t.editorToken),
      payload: { headline: 'Convoy on the M5' },
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().id, id);
    assert.equal(approved.json().sequence, 1);
    assert.equal(approved.json().status, 'published');

    await live.waitFor('the approved update', () => live.events.some((e) => e.event === 'update'));
    assert.match(live.events.find((e) => e.event === 'update')?.data ?? '', /Convoy on the M5/);
    await live.close();
    const after = await t.app.inject({ url: `/api/v1/stories/${storyId}/updates` });
    assert.deepEqual(
      after.json().items.map((u: { id: string }) => u.id),
      [id],
    );
    assert.match((await t.app.inject({ url: '/stories/front-line' })).body, /Convoy on the M5/);
  });

  it('shows a rejected submission to its author with the reason, and never publishes it', async () => {
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.contributorToken),
      payload: { body: 'Rumour from a chat group' },
    });
    const { id } = submitted.json();
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${id}/reject`,
      headers: t.auth(t.editorToken),
      payload: { reason: 'Needs a second source' },
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const seen = await t.app.inject({ url: `/api/v1/updates/${id}`, headers: t.auth(t.contributorToken) });
    assert.equal(seen.json().status, 'rejected');
    assert.equal(seen.json().reason, 'Needs a second source');
    const missingReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${id}/reject`,
      headers: t.auth(t.editorToken),
      payload: {},
    });
    assert.equal(missingReason.statusCode, 400);
    assert.equal(missingReason.json().field, 'reason');
  });
});
