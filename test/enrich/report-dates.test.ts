import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDates, parseReference } from '../../src/enrich/dates/report-dates.ts';

const at = (iso: string) => {
  const reference = parseReference(iso);
  assert.ok(reference);
  return (text: string) => extractDates(text, reference).map((d) => [d.text, d.start, d.end, d.granularity]);
};
// Wednesday 27 May 2026, 10:00 in Damascus.
const wednesday = at('2026-05-27T10:00:00+03:00');

describe('dates for reporting', () => {
  it('dates a night the report names by its weekdays from the evening it began', () => {
    assert.deepEqual(wednesday('Drones struck the port overnight Sunday to Monday.'), [
      ['overnight Sunday to Monday', '2026-05-24', '2026-05-24', 'day'],
    ]);
    assert.deepEqual(wednesday('Drones struck the port overnight into Tuesday.'), [
      ['overnight into Tuesday', '2026-05-25', '2026-05-25', 'day'],
    ]);
    assert.deepEqual(wednesday('Drones struck the port overnight.'), [
      ['overnight', '2026-05-26', '2026-05-26', 'day'],
    ]);
  });

  it('reads a bare weekday as the most recent one, never a future one', () => {
    assert.deepEqual(wednesday('Shelling on Friday killed three.'), [
      ['on Friday', '2026-05-22', '2026-05-22', 'day'],
    ]);
    assert.deepEqual(wednesday('Talks resumed on Wednesday.'), [
      ['on Wednesday', '2026-05-27', '2026-05-27', 'day'],
    ]);
    assert.deepEqual(wednesday('It started last Wednesday.'), [
      ['last Wednesday', '2026-05-20', '2026-05-20', 'day'],
    ]);
  });

  it('reads a bare month as the most recent one, last year if need be', () => {
    assert.deepEqual(wednesday('Aid has been blocked since March.'), [
      ['March', '2026-03-01', '2026-03-31', 'month'],
    ]);
    assert.deepEqual(at('2026-01-06T10:00:00Z')('Deliveries fell in December.'), [
      ['December', '2025-12-01', '2025-12-31', 'month'],
    ]);
  });

  it('looks ahead only where the text does ("by late September", "until Friday")', () => {
    assert.deepEqual(wednesday('Europe will act by late September.'), [
      ['late September', '2026-09-21', '2026-09-30', 'part-of-month'],
    ]);
    assert.deepEqual(wednesday('The truce holds until Friday.'), [
      ['Friday', '2026-05-29', '2026-05-29', 'day'],
    ]);
    assert.deepEqual(wednesday('Aid was cut in late September.'), [
      ['late September', '2025-09-21', '2025-09-30', 'part-of-month'],
    ]);
  });

  it('gives early, mid and late months and weekends as ranges', () => {
    assert.deepEqual(wednesday('in early May, mid-April and late February'), [
      ['early May', '2026-05-01', '2026-05-10', 'part-of-month'],
      ['mid-April', '2026-04-11', '2026-04-20', 'part-of-month'],
      ['late February', '2026-02-21', '2026-02-28', 'part-of-month'],
    ]);
    assert.deepEqual(wednesday('Fighting flared over the weekend.'), [
      ['over the weekend', '2026-05-23', '2026-05-24', 'weekend'],
    ]);
  });

  it('keeps chrono for explicit and relative dates, with the granularity the text gave', () => {
    assert.deepEqual(wednesday('Talks on 12 May failed; two days ago a convoy was hit.'), [
      ['on 12 May', '2026-05-12', '2026-05-12', 'day'],
      ['two days ago', '2026-05-25', '2026-05-25', 'day'],
    ]);
    assert.deepEqual(wednesday('At least 12 people died at 5pm.'), [
      ['at 5pm', '2026-05-27T14:00:00.000Z', '2026-05-27T14:00:00.000Z', 'time'],
    ]);
    assert.deepEqual(wednesday('The strike came on the night of 24 May.'), [
      ['night of 24 May', '2026-05-24', '2026-05-24', 'day'],
    ]);
  });

  it('does not read casualty counts or the verb "may" as dates', () => {
    assert.deepEqual(wednesday('Officials said at least 10 were killed and more may die.'), []);
  });

  it('counts calendar days in the publication time zone', () => {
    // 23:30 UTC on Saturday is already Sunday in Damascus.
    const sunday = at('2026-05-23T23:30:00Z');
    const damascus = at('2026-05-24T02:30:00+03:00');
    assert.deepEqual(sunday('on Saturday')[0]?.[1], '2026-05-23');
    assert.deepEqual(damascus('on Saturday')[0]?.[1], '2026-05-23');
    assert.deepEqual(damascus('on Sunday')[0]?.[1], '2026-05-24');
    assert.deepEqual(sunday('on Sunday')[0]?.[1], '2026-05-17');
  });
});
