import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LiveEvent } from '../../src/domain/types.ts';
import type { LiveBus } from '../../src/live/bus.ts';
import { seedSampleContent } from '../../src/sample/sample-content.ts';
import { LiveBlogService } from '../../src/service/live-blog.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createTempDir } from '../support/temp-dir.ts';

/** A bus that records what it is given and delivers nothing. */
function recordingBus(published: LiveEvent[]): LiveBus {
  return {
    async publish(event) {
      published.push(event);
    },
    subscribe: () => () => {},
    publishPrivate: async () => {},
    subscribePrivate: () => () => {},
    isReady: () => true,
    async close() {},
  };
}

describe('seedSampleContent', () => {
  let store: Store;
  let liveBlog: LiveBlogService;
  const published: LiveEvent[] = [];
  const now = () => new Date('2026-05-27T09:30:00Z');

  before(async () => {
    store = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db'), now });
    liveBlog = new LiveBlogService({ store, bus: recordingBus(published), now });
  });
  after(async () => {
    await store.close();
  });

  it('seeds a fresh store with one clearly marked sample desk and a live day', async () => {
    assert.deepEqual(await seedSampleContent({ store, liveBlog, now }), { seeded: true });

    const desks = await store.desks.list();
    assert.equal(desks.length, 1);
    const desk = desks[0]!;
    assert.match(`${desk.name} ${desk.description}`, /Sample/);
    assert.match(desk.description, /not real reporting/);

    const stories = await store.stories.listByDesk(desk.id, { limit: 10, publicOnly: false });
    assert.equal(stories.items.length, 1);
    const story = stories.items[0]!;
    assert.equal(story.status, 'live');
    assert.equal(story.date, '2026-05-27');
    assert.match(story.standfirst, /Sample content written for the Dateline demo/);
    assert.notEqual(story.headline, '');
    assert.notEqual(story.bodyHtml, '');

    const updates = (await store.updates.listByStory(story.id, { limit: 50 })).items;
    assert.ok(
      updates.length >= 8 && updates.length <= 12,
      `expected about ten updates, got ${updates.length}`,
    );
    assert.ok(updates.every((u) => u.author === 'Sample Desk'));

    const { pinned, keyEvents } = await store.updates.listHighlights(story.id);
    assert.equal(pinned.length, 1);
    assert.ok(keyEvents.length >= 2);

    const statuses = new Set(updates.map((u) => u.claimStatus));
    assert.deepEqual([...statuses].sort(), ['claimed', 'disputed', 'false', 'unverified', 'verified']);
    const verified = updates.filter((u) => u.claimStatus === 'verified');
    assert.ok(verified.some((u) => /Geolocated/.test(u.claimNote)));

    assert.ok(updates.some((u) => u.headline !== null));
    assert.ok(updates.some((u) => u.videoUrl?.startsWith('https://www.youtube.com/watch?v=')));
    assert.ok(updates.some((u) => /<(ul|blockquote)>/.test(u.bodyHtml)));
    const sourceUrls = updates.flatMap((u) => u.sources.map((s) => new URL(s.url)));
    assert.ok(sourceUrls.length > 0);
    for (const url of sourceUrls) {
      assert.equal(url.protocol, 'https:');
      assert.match(url.hostname, /^example\.(org|com)$/);
    }

    // The false claim was first published as unverified, so its history shows the change.
    const falseUpdate = updates.find((u) => u.claimStatus === 'false')!;
    const revisions = await store.updates.listRevisions(falseUpdate.id);
    assert.deepEqual(
      revisions.map((r) => r.kind),
      ['create', 'edit'],
    );
    assert.deepEqual(revisions[1]!.changes['claimStatus'], { from: 'unverified', to: 'false' });

    // Every write reached the bus.
    assert.equal(published.length, await store.events.lastGlobalId());
    assert.ok(published.length > updates.length);

    // And the audit log, like any other publishing: admins see the seed wrote it.
    const audit = await store.audit.list({ limit: 100, actor: 'sample' });
    assert.equal(audit.filter((e) => e.action === 'update.publish').length, updates.length);
    assert.deepEqual(
      audit.filter((e) => e.action === 'update.claim').map((e) => [e.target, e.detail['to']]),
      [[falseUpdate.id, 'false']],
    );
  });

  it('does nothing once any desk exists', async () => {
    const eventsBefore = await store.events.lastGlobalId();
    assert.deepEqual(await seedSampleContent({ store, liveBlog, now }), { seeded: false });
    assert.equal((await store.desks.list()).length, 1);
    assert.equal(await store.events.lastGlobalId(), eventsBefore);
  });

  it('leaves a store alone whose only desk is not the sample', async () => {
    const other = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db'), now });
    try {
      const service = new LiveBlogService({ store: other, bus: recordingBus([]), now });
      await service.createDesk({ name: 'Syria Daily' });
      assert.deepEqual(await seedSampleContent({ store: other, liveBlog: service }), { seeded: false });
      const desks = await other.desks.list();
      assert.deepEqual(
        desks.map((d) => d.name),
        ['Syria Daily'],
      );
    } finally {
      await other.close();
    }
  });
});
