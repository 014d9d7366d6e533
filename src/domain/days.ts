/** Calendar days of a desk: dates in the desk's time zone and the titles of daily pages. */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `timezone` is an IANA zone this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timezone`. */
export function dateInZone(instant: Date, timezone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Whether `date` is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(date: string): boolean {
  const m = DATE_PATTERN.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** The date `days` after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "27 May" for 2026-05-27. */
export function dayMonth(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Headline of a desk's daily page: "Syria Daily, 27 May". */
export function dailyHeadline(deskName: string, date: string): string {
  return `${deskName}, ${dayMonth(date)}`;
}
