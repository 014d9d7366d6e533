/** The claim workflow: every change recorded (who, when, from → to, evidence) and shown to readers live. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('claim workflow', () => {
  let t: TestApp;
  let base: string;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
  });
  after(() => t.close());

  it('records each change with who, when and the evidence, and pushes the history to open pages', async () => {
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Strike on a depot' },
    });
    const storyId: string = story.json().id;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: {
        body: 'Video shows a fire at a fuel depot.',
        claimStatus: 'claimed',
        claimNote: 'Posted by residents',
      },
    });
    const update = created.json();
    assert.deepEqual(
      update.claimHistory.map((c: { from: string | null; to: string; by: string; note: string }) => [
        c.from,
        c.to,
        c.by,
        c.note,
      ]),
      [[null, 'claimed', 'test-editor', 'Posted by residents']],
    );

    const live = new SseTestClient(`${base}/api/v1/stories/${storyId}/live`);
    await live.connected();
    const verified = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.adminToken),
      payload: { version: 1, claimStatus: 'verified', claimNote: 'Geolocated to the Hama bypass' },
    });
    assert.equal(verified.statusCode, 200, verified.body);
    const history = verified.json().claimHistory;
    assert.equal(history.length, 2);
    assert.deepEqual(
      { from: history[1].from, to: history[1].to, by: history[1].by, note: history[1].note },
      { from: 'claimed', to: 'verified', by: 'test-admin', note: 'Geolocated to the Hama bypass' },
    );
    assert.ok(Date.parse(history[1].at) >= Date.parse(history[0].at));

    // An edit that leaves the claim alone adds nothing.
    const retitled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: 2, headline: 'Depot fire' },
    });
    assert.equal(retitled.json().claimHistory.length, 2);

    await live.waitFor('the edit', () => live.events.some((e) => e.event === 'edit'));
    const frame = JSON.parse(live.events.find((e) => e.event === 'edit')?.data ?? '{}').html as string;
    assert.match(frame, /How this was checked/);
    assert.match(frame, /Verified<\/span> <time[^>]*>[^<]+<\/time> — Geolocated to the Hama bypass/);
    await live.close();

    const page = await t.app.inject({ url: '/stories/strike-on-a-depot' });
    assert.match(page.body, /Claimed<\/span> <time[^>]*>[^<]+<\/time> — Posted by residents/);
    assert.match(page.body, /Verified<\/span> <time[^>]*>[^<]+<\/time> — Geolocated to the Hama bypass/);
  });
});
