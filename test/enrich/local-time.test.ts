import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localIso } from '../../src/enrich/local-time.ts';

describe('local time for enrichment', () => {
  it("writes the publication time in the desk's zone, so dates fall on the desk's calendar day", () => {
    assert.equal(
      localIso(new Date('2026-05-23T22:30:00.000Z'), 'Asia/Damascus'),
      '2026-05-24T01:30:00+03:00',
    );
    assert.equal(
      localIso(new Date('2026-01-10T03:00:00.000Z'), 'America/New_York'),
      '2026-01-09T22:00:00-05:00',
    );
    assert.equal(localIso(new Date('2026-01-10T03:00:00.000Z'), 'UTC'), '2026-01-10T03:00:00+00:00');
  });
});
