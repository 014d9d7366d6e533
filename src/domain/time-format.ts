/**
 * Times on reader pages and in the newsroom (its browser code too), in the desk's time zone with its
 * abbreviation ("09:51 EET", "10:00 BST"), or "Damascus time" where the zone has none in English (Intl
 * would say only "GMT+3"), so readers abroad and editors elsewhere are never misled. Machine-readable places carry the ISO instant (`<time datetime>`, JSON, feeds).
 */

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const longFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
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

// ICU still names Kyiv by its old spelling.
const CITY_SPELLINGS: Record<string, string> = { Kiev: 'Kyiv' };

/** "Kyiv time" for Europe/Kyiv: the zone's city, for zones English has no abbreviation for. */
export function cityTime(timezone: string): string {
  const city = (timezone.split('/').at(-1) ?? timezone).replace(/_/g, ' ');
  return `${CITY_SPELLINGS[city] ?? city} time`;
}

/** `format` applied to `iso`, its zone written as an abbreviation or "<City> time", never "GMT+3". */
function withZoneName(format: Intl.DateTimeFormat, iso: string, timezone: string): string {
  return format
    .formatToParts(new Date(iso))
    .map((part) =>
      part.type === 'timeZoneName' && /^GMT[+-]/.test(part.value) ? cityTime(timezone) : part.value,
    )
    .join('');
}

/** "14:05 EEST" (or "14:05 Damascus time"): the clock time of `iso` in `timezone`. */
export function formatClock(iso: string, timezone: string): string {
  const format = cached(clockFormats, timezone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return withZoneName(format, iso, timezone);
}

/** "27 May 2026 at 14:05 EEST": the full date and time of `iso` in `timezone`. */
export function formatDateTime(iso: string, timezone: string): string {
  const format = cached(longFormats, timezone, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return withZoneName(format, iso, timezone);
}

/** "27 May 2026": the calendar date of `iso` in `timezone` (a late-evening instant is the next day in Kyiv). */
export function formatDate(iso: string, timezone: string): string {
  return cached(dateFormats, timezone, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );
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
  return zonedInstant(`${date}T00:00:00`, timezone);
}

/** The instant (ISO) of wall-clock time `local` ("2026-05-27T14:05", seconds optional) in `timezone`. */
export function zonedInstant(local: string, timezone: string): string {
  const asUtc = Date.parse(`${local}Z`);
  // Two passes settle days on which the offset changes (DST); the second uses the offset at the result.
  let instant = asUtc - offsetMinutes(new Date(asUtc), timezone) * 60_000;
  instant = asUtc - offsetMinutes(new Date(instant), timezone) * 60_000;
  return new Date(instant).toISOString();
}

/** "EEST" (or "Kyiv time"): what the desk's clock is called at `iso`. */
export function zoneName(iso: string, timezone: string): string {
  const clock = formatClock(iso, timezone);
  return clock.slice(clock.indexOf(' ') + 1);
}

const localFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-05-27T14:05:00": the wall-clock time of `iso` in `timezone`, as a `datetime-local` input takes
 * it (the inverse of `zonedInstant`).
 */
export function zonedLocal(iso: string, timezone: string): string {
  const format = cached(localFormats, timezone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part['year']}-${part['month']}-${part['day']}T${part['hour']}:${part['minute']}:${part['second']}`;
}

/**
 * The zone of the newsroom's pages that belong to no one desk (audit log, API tokens, statements
 * library): the zone most of `desks` keep (the first listed on a tie), UTC when there are none. One
 * desk, or desks in one zone, is the common case, and then every newsroom page reads the same clock.
 */
export function newsroomZone(desks: readonly { timezone: string; archivedAt?: string | null }[]): string {
  const counts = new Map<string, number>();
  for (const desk of desks.filter((d) => !d.archivedAt))
    counts.set(desk.timezone, (counts.get(desk.timezone) ?? 0) + 1);
  let best = 'UTC';
  let most = 0;
  for (const [zone, count] of counts)
    if (count > most) {
      best = zone;
      most = count;
    }
  return best;
}
