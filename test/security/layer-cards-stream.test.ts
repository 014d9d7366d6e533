/**
 * Map cards reach open story pages as a `cards` frame when a layer of the desk changes. A deleted
 * layer's card must leave open pages the same way (the next frame no longer carries its source or
 * label), the frame must carry no event id (nothing of it is replayed to a later reader), and a draft
 * story's stream (which readers cannot open) gets nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SECRET = 'withdrawn-source-never-again';

describe('map cards on story streams', () => {
  let t: TestApp;
  let base: string;
  let storyId: string;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Idlib' });
    storyId = story.id;
  });
  after(() => t.close());

  const post = (url: string, payload?: object, method: 'POST' | 'DELETE' = 'POST') =>
    t.app.inject({ method, url, headers: t.auth(t.editorToken), ...(payload && { payload }) });

  it('takes a deleted layer’s card off open pages and replays no card', async () => {
    const live = new SseTestClient(`${base}/api/v1/stories/${storyId}/live`);
    await live.connected();
    const cardsFrames = () => live.events.filter((e) => e.event === 'cards');
    const drawn = await post('/api/v1/desks/syria-daily/layers', {
      kind: 'front',
      label: 'Front south of Idlib',
      geometry: {
        type: 'LineString',
        coordinates: [
          [36.5, 35.7],
          [36.9, 35.8],
        ],
      },
      validFrom: '2026-12-01',
      source: SECRET,
      claimStatus: 'claimed',
    });
    assert.equal(drawn.statusCode, 201, drawn.body);
    await live.waitFor('the card', () => cardsFrames().some((e) => e.data.includes(SECRET)));
    const seen = cardsFrames().length;
    const removed = await post(`/api/v1/desks/syria-daily/layers/${drawn.json().id}`, undefined, 'DELETE');
    assert.equal(removed.statusCode, 204);
    await live.waitFor('the cards after the deletion', () => cardsFrames().length > seen);
    await live.close();
    assert.ok(!cardsFrames().at(-1)!.data.includes(SECRET), 'the last frame drops the deleted card');
    assert.ok(
      cardsFrames().every((e) => e.id === undefined || e.id === ''),
      'cards frames have no id',
    );

    // A reader arriving later and replaying from the start gets no card frame and no secret.
    await t.liveBlog.publishUpdate(storyId, { body: 'Sentinel update.' }, 'Desk');
    const replay = new SseTestClient(`${base}/api/v1/stories/${storyId}/live?since=0`);
    await replay.waitFor('the sentinel', () => replay.raw.includes('Sentinel update.'));
    await replay.close();
    assert.ok(!replay.raw.includes(SECRET));
  });
});
