/** Calendar-day arithmetic on plain dates (no time zone): a day is a UTC midnight. */

/** A calendar day. */
export interface Day {
  y: number;
  m: number; // 1–12
  d: number;
}

const toUtc = (day: Day) => Date.UTC(day.y, day.m - 1, day.d);
const fromUtc = (ms: number): Day => {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};

/** The day `n` days after `day` (negative for before). */
export function addDays(day: Day, n: number): Day {
  return fromUtc(toUtc(day) + n * 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(toUtc(day)).getUTCDay();
}

/** The number of days in a month. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** YYYY-MM-DD. */
export function formatDay(day: Day): string {
  return `${String(day.y).padStart(4, '0')}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

/** Negative when a is before b. */
export function compareDays(a: Day, b: Day): number {
  return toUtc(a) - toUtc(b);
}

/** The calendar day of an instant at a UTC offset in minutes. */
export function dayAt(instant: Date, offsetMinutes: number): Day {
  return fromUtc(instant.getTime() + offsetMinutes * 60_000);
}
