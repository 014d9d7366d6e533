import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A time-ordered, URL-safe id (ULID layout in lower-case Crockford base32: 48-bit ms time + 80 random bits).
 * Monotonic within a process, as ULID's monotonic mode: an id made in the same millisecond as the last
 * one (or while the clock stepped back) increments the last one's random part, so sorting by id follows
 * creation order (lists ordered "newest first" by id depend on it). Written here because it is short.
 */
export function createId(): string {
  let now = Date.now();
  let random: number[];
  if (now <= lastTime) {
    random = [...lastRandom];
    let i = random.length - 1;
    while (i >= 0 && random[i] === 31) random[i--] = 0;
    if (i >= 0) random[i]! += 1;
    now = lastTime;
  } else {
    random = [...randomBytes(16)].map((b) => b % 32);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((d) => CROCKFORD[d]).join('');
}
