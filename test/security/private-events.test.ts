/**
 * Newsroom-private events (a contributor's submission, an enrichment, a citation) travel on the live bus
 * beside public ones: none of them may reach a reader stream, live or replayed, nor give readers an
 * event id of its own. Against a listening server (SQLite, in-process bus).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('private events never reach readers', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp();
    base = await t.listen();
  });
  after(async () => t?.close());

  it('keeps submissions off the story and site streams, live and on replay', async () => {
    const story = await t.liveBlog.createStory({ headline: 'Private kinds' });
    const storyUrl = `${base}/api/v1/stories/${story.id}/live`;
    const live = [new SseTestClient(storyUrl), new SseTestClient(`${base}/api/v1/live`)];
    await Promise.all(live.map((c) => c.connected()));

    const secret = 'contributor-draft-wording-never-public';
    const submission = await t.liveBlog.submitUpdate(
      story.id,
      { body: secret },
      { name: 'Stringer', key: 'user:stringer' },
    );
    await t.liveBlog.rejectSubmission(submission.id, 'not sourced', 'Editor');
    // A private event about a public update, published directly as another node's worker would.
    await t.bus.publishPrivate({
      kind: 'submission',
      storyId: story.id,
      submissionId: 'forged-submission-id',
      status: 'pending',
      authorKey: 'user:x',
    });
    // A public update after them: once readers have it, anything sent before it has arrived too.
    const published = await t.liveBlog.publishUpdate(story.id, { body: 'Public words' }, 'Desk');
    await t.enrichment.idle();
    const lastSeq = await t.store.events.lastSeq(story.id);
    const lastGlobal = await t.store.events.lastGlobalId();
    await live[0]!.waitFor('the public update', () => live[0]!.ids().includes(lastSeq));
    await live[1]!.waitFor('the public update on the site', () => live[1]!.ids().includes(lastGlobal));
    for (const c of live) await c.close();

    const replayed = new SseTestClient(`${storyUrl}?since=0`);
    await replayed.waitFor('replay', () => replayed.ids().includes(lastSeq));
    await replayed.close();

    for (const client of [...live, replayed]) {
      for (const needle of [secret, submission.id, 'forged-submission-id', 'not sourced', 'user:stringer'])
        assert.ok(!client.raw.includes(needle), `a reader stream carried "${needle}"`);
      assert.ok(
        client.events.every((e) => ['update', 'edit', 'delete', 'story'].includes(e.event)),
        client.events.map((e) => e.event).join(','),
      );
    }
    // Only public events have ids: the story's one update.
    assert.deepEqual(live[0]!.ids(), [lastSeq]);
    assert.ok(live[0]!.raw.includes(published.id));
  });

  it("never pushes a deleted or unpublished update's marker to an open map", async () => {
    const map = new SseTestClient(`${base}/map/live`);
    await map.connected();
    assert.equal(map.status, 200);
    const markerIds = () =>
      map.events.filter((e) => e.event === 'marker').map((e) => (JSON.parse(e.data) as { id: string }).id);

    const story = await t.liveBlog.createStory({ headline: 'Map privacy' });
    const gone = await t.liveBlog.publishUpdate(story.id, { body: 'Shelling hit Aleppo at dawn.' }, 'Desk');
    await map.waitFor('the public marker', () => markerIds().includes(gone.id));
    await t.liveBlog.deleteUpdate(gone.id, 'Desk');
    await map.waitFor('its removal', () => map.events.some((e) => e.event === 'unmark'));
    assert.deepEqual(JSON.parse(map.events.at(-1)!.data), { id: gone.id }, 'an unmark carries only the id');
    const sentBefore = map.events.length;
    // Another node's enrichment of the deleted update arriving late.
    await t.bus.publishPrivate({
      kind: 'enriched',
      storyId: story.id,
      updateId: gone.id,
      updateVersion: gone.version,
      namesLinked: false,
    });

    const secret = 'embargoed-idlib-wording';
    const draft = await t.liveBlog.createStory({ headline: 'Embargoed', status: 'draft' });
    const hidden = await t.liveBlog.publishUpdate(
      draft.id,
      { body: `Drones struck Idlib. ${secret}` },
      'Desk',
    );
    await t.enrichment.idle();
    // A public update after them: once its marker is here, anything sent before it has arrived too.
    const sentinel = await t.liveBlog.publishUpdate(
      story.id,
      { body: 'Explosions in Latakia overnight.' },
      'Desk',
    );
    await map.waitFor('the sentinel marker', () => markerIds().includes(sentinel.id));
    await map.close();

    assert.deepEqual(
      map.events.slice(sentBefore).map((e) => e.event),
      ['marker'],
      'only the sentinel after the deletion',
    );
    for (const needle of [secret, hidden.id, draft.id])
      assert.ok(!map.raw.includes(needle), `the map stream carried "${needle}"`);
  });
});
