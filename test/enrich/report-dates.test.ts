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
    assert.deepEqual(wednesday('Drones struck the port on the night of Saturday to Sunday.'), [
      ['on the night of Saturday to Sunday', '2026-05-23', '2026-05-23', 'day'],
    ]);
    assert.deepEqual(wednesday('Drones struck the port Monday-Tuesday night.'), [
      ['Monday-Tuesday night', '2026-05-25', '2026-05-25', 'day'],
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

  it('ends "earlier this week" and "the past month" today, and reads them at a sentence start too', () => {
    assert.deepEqual(wednesday('Five were killed earlier this week.'), [
      ['earlier this week', '2026-05-25', '2026-05-27', 'week'],
    ]);
    assert.deepEqual(wednesday('Clashes over the past week killed 20.'), [
      ['past week', '2026-05-21', '2026-05-27', 'week'],
    ]);
    assert.deepEqual(wednesday('Shelling in the past month displaced 900.'), [
      ['past month', '2026-04-28', '2026-05-27', 'month'],
    ]);
    assert.deepEqual(wednesday('Last week, the bridge was hit.'), [
      ['Last week', '2026-05-18', '2026-05-24', 'week'],
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

  it('reads the ranges and parts of years conflict reports use', () => {
    assert.deepEqual(wednesday('Shelling between 12 and 14 June 2025 killed nine.'), [
      ['between 12 and 14 June 2025', '2025-06-12', '2025-06-14', 'day'],
    ]);
    assert.deepEqual(wednesday('The camp was hit on the night of 5-6 May.'), [
      ['the night of 5-6 May', '2026-05-05', '2026-05-06', 'day'],
    ]);
    assert.deepEqual(wednesday('Fighting raged from 28 April to 2 May around the airport.'), [
      ['from 28 April to 2 May', '2026-04-28', '2026-05-02', 'day'],
    ]);
    assert.deepEqual(wednesday('Raids between December 30 and January 2 displaced thousands.'), [
      ['between December 30 and January 2', '2025-12-30', '2026-01-02', 'day'],
    ]);
    assert.deepEqual(wednesday('Curfews were imposed on May 12-14.'), [
      ['May 12-14', '2026-05-12', '2026-05-14', 'day'],
    ]);
    // Two days joined by "and": a range when they follow each other, else each day.
    assert.deepEqual(wednesday('Strikes on 12 and 13 May killed four.'), [
      ['12 and 13 May', '2026-05-12', '2026-05-13', 'day'],
    ]);
    assert.deepEqual(wednesday('Strikes on May 3 and 7 killed four.'), [
      ['May 3', '2026-05-03', '2026-05-03', 'day'],
      ['7', '2026-05-07', '2026-05-07', 'day'],
    ]);
    assert.deepEqual(wednesday('Strikes on 3 and 7 March 2025 killed four.'), [
      ['3', '2025-03-03', '2025-03-03', 'day'],
      ['7 March 2025', '2025-03-07', '2025-03-07', 'day'],
    ]);
    assert.deepEqual(wednesday('Arrests rose in the first week of March.'), [
      ['the first week of March', '2026-03-01', '2026-03-07', 'week'],
    ]);
    assert.deepEqual(wednesday('Killings from April to July 1994 were recorded.'), [
      ['from April to July 1994', '1994-04-01', '1994-07-31', 'month'],
    ]);
    assert.deepEqual(wednesday('The group emerged in late 2019 and split in early 2021.'), [
      ['late 2019', '2019-09-01', '2019-12-31', 'part-of-year'],
      ['early 2021', '2021-01-01', '2021-04-30', 'part-of-year'],
    ]);
  });

  it('reads day-only, ordinal, numeric and approximate dates', () => {
    assert.deepEqual(wednesday('The convoy was ambushed on the 15th.'), [
      ['the 15th', '2026-05-15', '2026-05-15', 'day'],
    ]);
    // the 29th has not come yet this month: last month's
    assert.deepEqual(wednesday('The convoy was ambushed on the 29th.'), [
      ['the 29th', '2026-04-29', '2026-04-29', 'day'],
    ]);
    assert.deepEqual(wednesday('On or about 3 March the village was shelled.'), [
      ['3 March', '2026-03-03', '2026-03-03', 'day'],
    ]);
    assert.deepEqual(wednesday('Gunmen struck on 3rd March.'), [
      ['on 3rd March', '2026-03-03', '2026-03-03', 'day'],
    ]);
    assert.deepEqual(wednesday('The report is dated 2026-04-30.'), [
      ['2026-04-30', '2026-04-30', '2026-04-30', 'day'],
    ]);
    assert.deepEqual(wednesday('Logged 23/04/2026 by the mission.'), [
      ['23/04/2026', '2026-04-23', '2026-04-23', 'day'],
    ]);
    // 04/05 could be April or May: no guess
    assert.deepEqual(wednesday('Logged 04/05/2026 by the mission.'), []);
    // unless a weekday says which: 4 May 2026 was a Monday, 5 April a Sunday
    assert.deepEqual(wednesday('Logged on Monday 04/05/2026 by the mission.'), [
      ['04/05/2026', '2026-05-04', '2026-05-04', 'day'],
    ]);
    assert.deepEqual(wednesday('Logged on Sunday, 04/05/2026 by the mission.'), [
      ['04/05/2026', '2026-04-05', '2026-04-05', 'day'],
    ]);
    assert.deepEqual(wednesday('Sirens sounded in mid-April.'), [
      ['mid-April', '2026-04-11', '2026-04-20', 'part-of-month'],
    ]);
    assert.deepEqual(wednesday('Strikes resumed early this morning.'), [
      ['early this morning', '2026-05-27', '2026-05-27', 'day'],
    ]);
  });

  it('reads weekdays the way headlines write them', () => {
    assert.deepEqual(wednesday('Bomb kills 12 early on Tuesday in market'), [
      ['early on Tuesday', '2026-05-26', '2026-05-26', 'day'],
    ]);
    assert.deepEqual(wednesday('Troops kill 5 militants Thurs.'), [
      ['Thurs.', '2026-05-21', '2026-05-21', 'day'],
    ]);
    assert.deepEqual(wednesday('Clashes on Mon. left 3 dead'), [
      ['on Mon.', '2026-05-25', '2026-05-25', 'day'],
    ]);
    // a count after the weekday is not a day of the month
    assert.deepEqual(wednesday('Gunmen attacked on Sunday, 12 people were killed.'), [
      ['on Sunday', '2026-05-24', '2026-05-24', 'day'],
    ]);
    assert.deepEqual(wednesday('Drones hit the depot Saturday overnight.'), [
      ['Saturday overnight', '2026-05-23', '2026-05-23', 'day'],
    ]);
    // the last Friday, not the coming one
    assert.deepEqual(wednesday('The strike came Friday 14:00 GMT.')[0]?.[1], '2026-05-22T14:00:00.000Z');
    // words that only look like weekdays
    assert.deepEqual(wednesday('A couple wed in Kabul; Mon State militias clashed with the army.'), []);
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
