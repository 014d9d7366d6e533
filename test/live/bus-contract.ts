/**
 * The contract every LiveBus implementation keeps; run it from `<engine>-bus.test.ts`. Delivery may be
 * asynchronous (a network bus), so every assertion waits for the events to arrive.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import type { LiveEvent } from '../../src/domain/types.ts';
import type { LiveBus } from '../../src/live/bus.ts';
import { makeEvent, Waiter } from './live-fixtures.ts';

/** Collects what one subscriber receives. */
function collect(bus: LiveBus, waiter: Waiter): { events: LiveEvent[]; unsubscribe: () => void } {
  const events: LiveEvent[] = [];
  const unsubscribe = bus.subscribe((event) => {
    events.push(event);
    waiter.notify();
  });
  return { events, unsubscribe };
}

/** Runs the LiveBus contract against buses made by `makeBus` (each test gets a fresh one). */
export function runBusContract(name: string, makeBus: () => LiveBus | Promise<LiveBus>): void {
  describe(`LiveBus contract: ${name}`, () => {
    const open: LiveBus[] = [];
    const fresh = async (): Promise<LiveBus> => {
      const bus = await makeBus();
      open.push(bus);
      return bus;
    };
    after(async () => {
      await Promise.all(open.map((bus) => bus.close()));
    });

    it('is ready once made', async () => {
      const bus = await fresh();
      assert.equal(bus.isReady(), true);
    });

    it('delivers a published event to every subscriber, unchanged', async () => {
      const bus = await fresh();
      const waiter = new Waiter();
      const a = collect(bus, waiter);
      const b = collect(bus, waiter);
      const event = makeEvent('s1', 1, 1, { body: 'Strikes reported near "Kharkiv"\nsecond line' });
      await bus.publish(event);
      await waiter.until('both subscribers', () => a.events.length === 1 && b.events.length === 1);
      assert.deepEqual(a.events[0], event);
      assert.deepEqual(b.events[0], event);
    });

    it('stops delivering to a subscriber that unsubscribed, and keeps delivering to others', async () => {
      const bus = await fresh();
      const waiter = new Waiter();
      const leaving = collect(bus, waiter);
      const staying = collect(bus, waiter);
      await bus.publish(makeEvent('s1', 1, 1));
      await waiter.until('first event', () => leaving.events.length === 1 && staying.events.length === 1);
      leaving.unsubscribe();
      leaving.unsubscribe();
      await bus.publish(makeEvent('s1', 2, 2));
      await bus.publish(makeEvent('s1', 3, 3));
      await waiter.until('later events', () => staying.events.length === 3);
      assert.equal(leaving.events.length, 1);
    });

    it('keeps the order of events within a story', async () => {
      const bus = await fresh();
      const waiter = new Waiter();
      const sub = collect(bus, waiter);
      const count = 200;
      let globalId = 0;
      const published: Promise<void>[] = [];
      for (let seq = 1; seq <= count; seq++) {
        published.push(bus.publish(makeEvent('a', seq, ++globalId)));
        published.push(bus.publish(makeEvent('b', seq, ++globalId)));
      }
      await Promise.all(published);
      await waiter.until('all events', () => sub.events.length === count * 2);
      for (const story of ['a', 'b']) {
        const seqs = sub.events.filter((e) => e.storyId === story).map((e) => e.seq);
        assert.deepEqual(
          seqs,
          Array.from({ length: count }, (_, i) => i + 1),
        );
      }
    });

    it('keeps delivering to other subscribers when one throws', async () => {
      const bus = await fresh();
      const waiter = new Waiter();
      bus.subscribe(() => {
        throw new Error('subscriber bug');
      });
      const healthy = collect(bus, waiter);
      await bus.publish(makeEvent('s1', 1, 1));
      await bus.publish(makeEvent('s1', 2, 2));
      await waiter.until('healthy subscriber', () => healthy.events.length === 2);
    });

    it('is not ready after close', async () => {
      const bus = await fresh();
      await bus.close();
      assert.equal(bus.isReady(), false);
    });
  });
}
