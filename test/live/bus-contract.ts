/**
 * The contract every LiveBus implementation keeps; run it from `<engine>-bus.test.ts`. Delivery may be
 * asynchronous (a network bus), so every assertion waits for the events to arrive.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import type { LiveEvent, PrivateEvent } from '../../src/domain/types.ts';
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

/** What an implementation offers the contract besides single buses. */
export interface BusContractOptions {
  /**
   * Two buses of one deployment, as two nodes would open them; for a network bus, so the contract
   * also covers what crosses the wire. Each call must give a pair isolated from every other pair.
   */
  makeNodes?: () => Promise<[LiveBus, LiveBus]>;
}

/** One event of each kind a bus carries, with text that trips naive serialisers. */
function awkwardEvents(storyId: string): LiveEvent[] {
  return [
    makeEvent(storyId, 1, 101, { body: 'Quotes " \\ \u2028 line\u2029sep, emoji 🛰️, RTL دمشق, NUL \u0000' }),
    makeEvent(storyId, 2, 102, { type: 'edit', body: 'x'.repeat(20_000) }),
    makeEvent(storyId, 3, 103, { type: 'delete' }),
  ];
}

/** Runs the LiveBus contract against buses made by `makeBus` (each test gets a fresh one). */
export function runBusContract(
  name: string,
  makeBus: () => LiveBus | Promise<LiveBus>,
  options: BusContractOptions = {},
): void {
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

    it('rejects publishing after close', async () => {
      const bus = await fresh();
      await bus.close();
      await assert.rejects(bus.publish(makeEvent('s1', 1, 1)), /closed/);
    });

    it('carries every event type and awkward text unchanged', async () => {
      const bus = await fresh();
      const waiter = new Waiter();
      const sub = collect(bus, waiter);
      const events = awkwardEvents('s1');
      for (const event of events) await bus.publish(event);
      await waiter.until('all events', () => sub.events.length === events.length);
      assert.deepEqual(sub.events, events);
    });

    it('delivers private events to private subscribers only, never to public ones', async () => {
      const bus = await fresh();
      const waiter = new Waiter();
      const pub = collect(bus, waiter);
      const priv: PrivateEvent[] = [];
      bus.subscribePrivate((event) => {
        priv.push(event);
        waiter.notify();
      });
      const event: PrivateEvent = {
        kind: 'submission',
        storyId: 's1',
        submissionId: 'x',
        status: 'pending',
        authorKey: 'user:1',
      };
      await bus.publishPrivate(event);
      await bus.publish(makeEvent('s1', 1, 1));
      await waiter.until('both', () => priv.length === 1 && pub.events.length === 1);
      assert.deepEqual(priv, [event]);
      assert.deepEqual(
        pub.events.map((e) => e.storyId),
        ['s1'],
      );
    });

    const makeNodes = options.makeNodes;
    if (makeNodes === undefined) return;

    describe('across nodes', () => {
      const nodes = async (): Promise<[LiveBus, LiveBus]> => {
        const pair = await makeNodes();
        open.push(...pair);
        return pair;
      };

      it('delivers each event once to subscribers on both nodes, unchanged', async () => {
        const [a, b] = await nodes();
        const waiter = new Waiter();
        const onA = collect(a, waiter);
        const onB = collect(b, waiter);
        const events = awkwardEvents('s1');
        for (const event of events) await a.publish(event);
        // A marker after the events: once it is in, any duplicate sent in order would be too.
        const marker = makeEvent('marker', 1, 200);
        await a.publish(marker);
        await b.publish(makeEvent('from-b', 1, 201));
        const done = (sub: { events: LiveEvent[] }): boolean =>
          sub.events.some((e) => e.storyId === 'marker') && sub.events.some((e) => e.storyId === 'from-b');
        await waiter.until('events on both nodes', () => done(onA) && done(onB));
        for (const sub of [onA, onB]) {
          assert.deepEqual(
            sub.events.filter((e) => e.storyId === 's1'),
            events,
          );
          assert.equal(sub.events.filter((e) => e.storyId === 'from-b').length, 1);
        }
      });

      it('keeps the order of events within a story from one node to the other', async () => {
        const [a, b] = await nodes();
        const waiter = new Waiter();
        const sub = collect(b, waiter);
        const count = 200;
        const published: Promise<void>[] = [];
        for (let seq = 1; seq <= count; seq++) {
          published.push(a.publish(makeEvent('a', seq, seq * 2 - 1)));
          published.push(a.publish(makeEvent('b', seq, seq * 2)));
        }
        await Promise.all(published);
        await waiter.until('all events', () => sub.events.length >= count * 2);
        for (const story of ['a', 'b']) {
          const seqs = sub.events.filter((e) => e.storyId === story).map((e) => e.seq);
          assert.deepEqual(
            seqs,
            Array.from({ length: count }, (_, i) => i + 1),
          );
        }
      });

      it('keeps delivering on the other node when one of its subscribers throws', async () => {
        const [a, b] = await nodes();
        const waiter = new Waiter();
        b.subscribe(() => {
          throw new Error('subscriber bug');
        });
        const healthy = collect(b, waiter);
        await a.publish(makeEvent('s1', 1, 1));
        await a.publish(makeEvent('s1', 2, 2));
        await waiter.until('healthy subscriber', () => healthy.events.length === 2);
      });

      it('carries private events to the other node, to its private subscribers only', async () => {
        const [a, b] = await nodes();
        const waiter = new Waiter();
        const pub = collect(b, waiter);
        const priv: PrivateEvent[] = [];
        b.subscribePrivate((event) => {
          priv.push(event);
          waiter.notify();
        });
        const event: PrivateEvent = {
          kind: 'enriched',
          storyId: 's1',
          updateId: 'u1',
          updateVersion: 2,
          namesLinked: true,
        };
        await a.publishPrivate(event);
        // A public event after it: once that is in, the private one would have reached `pub` too.
        await a.publish(makeEvent('s1', 1, 1));
        await waiter.until('both', () => priv.length === 1 && pub.events.length === 1);
        assert.deepEqual(priv, [event]);
        assert.equal(pub.events[0]?.storyId, 's1');
      });

      it('stops delivering across nodes once the receiving node unsubscribed', async () => {
        const [a, b] = await nodes();
        const waiter = new Waiter();
        const leaving = collect(b, waiter);
        const staying = collect(b, waiter);
        await a.publish(makeEvent('s1', 1, 1));
        await waiter.until('first event', () => leaving.events.length === 1 && staying.events.length === 1);
        leaving.unsubscribe();
        await a.publish(makeEvent('s1', 2, 2));
        await waiter.until('second event', () => staying.events.length === 2);
        assert.equal(leaving.events.length, 1);
      });
    });
  });
}
