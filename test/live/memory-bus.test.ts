import assert from 'node:assert/strict';
import { it } from 'node:test';

import { MemoryBus } from '../../src/live/memory/memory-bus.ts';
import { runBusContract } from './bus-contract.ts';
import { makeEvent } from './live-fixtures.ts';

runBusContract('memory', () => new MemoryBus({ onError: () => {} }));

it('MemoryBus reports a subscriber exception with the event that caused it', async () => {
  const reported: unknown[] = [];
  const bus = new MemoryBus({ onError: (error, event) => reported.push([error, event?.seq]) });
  const boom = new Error('boom');
  bus.subscribe(() => {
    throw boom;
  });
  await bus.publish(makeEvent('s1', 7, 7));
  assert.deepEqual(reported, [[boom, 7]]);
});

it('MemoryBus rejects publishing after close', async () => {
  const bus = new MemoryBus();
  await bus.close();
  await assert.rejects(bus.publish(makeEvent('s1', 1, 1)), /closed/);
});
