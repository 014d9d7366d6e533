/** Times on reader pages, in the desk's time zone with its offset, so readers abroad are never misled. */

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const longFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one; pages format hundreds of times.
function cached(
  map: Map<string, Intl.DateTimeFormat>,
  timezone: string,
  options: Intl.DateTimeFormatOptions,
) {
  let format = map.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timezone });
    map.set(timezone, format);
  }
  return format;
}

function tidyOffset(text: string): string {
  return text.replace(/GMT\+0\b/, 'GMT');
}

/** "14:05 GMT+3": the clock time of `iso` in `timezone`. */
export function formatClock(iso: string, timezone: string): string {
  const format = cached(clockFormats, timezone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  });
  return tidyOffset(format.format(new Date(iso)));
}

/** "27 May 2026 at 14:05 GMT+3": the full date and time of `iso` in `timezone`. */
export function formatDateTime(iso: string, timezone: string): string {
  const format = cached(longFormats, timezone, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  });
  return tidyOffset(format.format(new Date(iso)));
}

/** "Wednesday 27 May 2026" for the calendar date 2026-05-27. */
export function formatLongDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Minutes east of UTC of `timezone` at `instant`. */
function offsetMinutes(instant: Date, timezone: string): number {
  const format = cached(offsetFormats, timezone, { timeZoneName: 'longOffset' });
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** The instant (ISO) at which calendar date `date` begins in `timezone`. */
export function startOfDay(date: string, timezone: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle days on which the offset changes (DST); the second uses the offset at the result.
  let instant = utcMidnight - offsetMinutes(new Date(utcMidnight), timezone) * 60_000;
  instant = utcMidnight - offsetMinutes(new Date(instant), timezone) * 60_000;
  return new Date(instant).toISOString();
}
