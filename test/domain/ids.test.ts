import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/domain/ids.ts';

describe('createId', () => {
  it('sorts in creation order even for ids made in the same millisecond', () => {
    // Thousands within a few milliseconds: many share one; "newest first" lists rely on the order.
    const ids = Array.from({ length: 5000 }, () => createId());
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length, 'no two alike');
    for (const id of ids) assert.match(id, /^[0-9a-hjkmnp-tv-z]{26}$/);
  });
});
