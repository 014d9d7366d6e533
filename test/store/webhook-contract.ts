/** The webhook queue contract, on every engine: once-only enqueueing, leases, attempts, removal. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.ts';
import type { OpenWithClock } from './search-contract.ts';
import { content } from './store-contract.ts';

/** Runs the webhook contract against stores made by `open`. */
export function runWebhookContract(name: string, open: OpenWithClock): void {
  describe(`webhook contract: ${name}`, () => {
    let store: Store;
    const clock = new Date('2026-05-20T09:00:00.000Z');
    const at = (seconds: number) => new Date(clock.getTime() + seconds * 1000).toISOString();

    before(async () => {
      store = await open(() => clock);
    });
    after(async () => {
      await store.close();
    });

    it('gives a subscriber only events after it subscribed, and enqueues each once', async () => {
      const story = await store.stories.create({
        deskId: null,
        slug: 'hooks',
        date: null,
        headline: 'Hooks',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      const before = await store.updates.create(story.id, content('before'), 'desk');
      const sub = await store.webhooks.addSubscriber({
        url: 'https://a.example/hook',
        secret: 'x'.repeat(16),
      });
      assert.equal(sub.afterEventId, before.event.globalId);
      assert.deepEqual(
        (await store.webhooks.listSubscribers()).map((s) => s.id),
        [sub.id],
      );
      const from = await store.webhooks.readCursor();
      const after = await store.updates.create(story.id, content('after'), 'desk');
      const delivery = {
        subscriberId: sub.id,
        eventId: after.event.globalId,
        type: 'update.published',
        payload: '{}',
      };
      assert.equal(await store.webhooks.enqueue(from, after.event.globalId, [delivery]), true);
      assert.equal(
        await store.webhooks.enqueue(from, after.event.globalId, [delivery]),
        false,
        'a stale cursor writes nothing',
      );
      assert.equal(await store.webhooks.readCursor(), after.event.globalId);
      const log = await store.webhooks.listDeliveries({ subscriberId: sub.id, limit: 10 });
      assert.equal(log.length, 1);
      assert.equal(log[0]?.state, 'pending');
      assert.equal(log[0]?.attempts, 0);
    });

    it('leases due deliveries to one sender and records attempts', async () => {
      const [first] = await store.webhooks.takeDue(at(0), 10, 30_000);
      assert.ok(first, 'the pending delivery is due');
      assert.deepEqual(await store.webhooks.takeDue(at(1), 10, 30_000), [], 'leased to the first sender');
      await store.webhooks.recordAttempt(first.id, at(2), {
        ok: false,
        status: 503,
        error: 'HTTP 503',
        nextAttemptAt: at(60),
      });
      assert.deepEqual(await store.webhooks.takeDue(at(3), 10, 30_000), [], 'not due before its retry time');
      const [again] = await store.webhooks.takeDue(at(61), 10, 30_000);
      assert.equal(again?.id, first.id);
      assert.equal(again?.attempts, 1);
      assert.equal(again?.lastStatus, 503);
      await store.webhooks.recordAttempt(first.id, at(62), {
        ok: true,
        status: 200,
        error: null,
        nextAttemptAt: null,
      });
      const [done] = await store.webhooks.listDeliveries({ limit: 1 });
      assert.equal(done?.state, 'delivered');
      assert.equal(done?.attempts, 2);
      assert.equal(done?.lastAttemptAt, at(62));
    });

    it('abandons pending deliveries when a subscriber is removed', async () => {
      const sub = await store.webhooks.addSubscriber({
        url: 'https://b.example/hook',
        secret: 'y'.repeat(16),
      });
      const from = await store.webhooks.readCursor();
      await store.webhooks.enqueue(from, from, [
        { subscriberId: sub.id, eventId: from + 1000, type: 'update.deleted', payload: '{}' },
      ]);
      assert.equal(await store.webhooks.removeSubscriber(sub.id), true);
      assert.equal(await store.webhooks.removeSubscriber(sub.id), false);
      assert.equal(await store.webhooks.getSubscriber(sub.id), null);
      const [abandoned] = await store.webhooks.listDeliveries({ subscriberId: sub.id, limit: 1 });
      assert.equal(abandoned?.state, 'failed');
      assert.deepEqual(await store.webhooks.takeDue(at(1000), 10, 1000), []);
    });
  });
}
