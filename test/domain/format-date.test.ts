import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate } from '../../src/domain/time-format.ts';

describe('formatDate', () => {
  it('names the desk’s calendar day, not UTC’s, for a statement issued late in the evening', () => {
    // 22:30 UTC on 3 December is already 4 December in Kyiv, still 3 December in New York.
    assert.equal(formatDate('2026-12-03T22:30:00Z', 'Europe/Kyiv'), '4 December 2026');
    assert.equal(formatDate('2026-12-03T22:30:00Z', 'America/New_York'), '3 December 2026');
  });
});
