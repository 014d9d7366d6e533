/** "5 min ago" wording shared by the server render and the browser client, so both say the same thing. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long before `now` the instant `then` was, in words a reader scans quickly ("5 min ago"). */
export function relativeTime(then: number, now: number): string {
  const ago = now - then;
  // Clocks of reader and server disagree by a few seconds; a small negative age is still "just now".
  if (ago < 45_000) return 'just now';
  if (ago < HOUR) return `${Math.max(1, Math.round(ago / MINUTE))} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 2 * DAY) return 'yesterday';
  return `${Math.floor(ago / DAY)} days ago`;
}
