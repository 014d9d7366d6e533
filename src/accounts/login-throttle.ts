/**
 * Limits password guesses per account and per client address. An attempt is reserved before its
 * password is checked and counts against the limit while it runs, so a burst of simultaneous attempts
 * cannot all slip past a limit that only failures already finished would have counted; and only a few
 * attempts per account and per address may run at once. Kept in memory: written here rather than with
 * @fastify/rate-limit because what must be limited is guesses per account (one editor's password tried
 * from many addresses), which a request-rate limiter keyed on the route cannot express. On several
 * nodes each keeps its own counts, so an attacker gets at most the limit per node; the limits below
 * leave room for that.
 */
import { DomainError } from '../domain/errors.ts';

/** Limits of the throttle. */
export interface ThrottleLimits {
  /** Failed (and running) attempts allowed per account in the window. */
  perAccount: number;
  /** Failed (and running) attempts allowed per client address in the window (offices share one). */
  perAddress: number;
  /** Attempts at one account whose password is being checked at the same time. */
  inFlightPerAccount: number;
  /** Attempts from one address whose password is being checked at the same time. */
  inFlightPerAddress: number;
  windowMs: number;
}

/** Defaults: 5 guesses at one account, 30 from one address, per 15 minutes; 2 and 4 at once. */
export const DEFAULT_THROTTLE: ThrottleLimits = {
  perAccount: 5,
  perAddress: 30,
  inFlightPerAccount: 2,
  inFlightPerAddress: 4,
  windowMs: 15 * 60_000,
};

/** One reserved attempt: settle it exactly once with its outcome. */
export interface ThrottleAttempt {
  /** The password was wrong: the attempt stays counted for the window. */
  fail(): void;
  /** The password was right: the account's failures are forgiven (not the address's). */
  succeed(): void;
}

/** Failed and running attempts per key in a sliding window. */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #inFlight = new Map<string, number>();
  readonly #limits: ThrottleLimits;
  readonly #now: () => number;

  constructor(limits: Partial<ThrottleLimits> = {}, now: () => number = Date.now) {
    this.#limits = { ...DEFAULT_THROTTLE, ...limits };
    this.#now = now;
  }

  /**
   * Reserves an attempt at `account` from `address`, or throws `rate_limited` if either has used up its
   * guesses (finished failures plus attempts still running) or has too many running at once. Must be
   * called before the password is checked, and synchronously with the decision: no await in between.
   */
  begin(account: string, address: string): ThrottleAttempt {
    const keys = [`a:${account}`, `ip:${address}`] as const;
    const [accountRunning, addressRunning] = keys.map((k) => this.#inFlight.get(k) ?? 0) as [number, number];
    const limits = this.#limits;
    if (
      this.#recent(keys[0]).length + accountRunning >= limits.perAccount ||
      this.#recent(keys[1]).length + addressRunning >= limits.perAddress ||
      accountRunning >= limits.inFlightPerAccount ||
      addressRunning >= limits.inFlightPerAddress
    ) {
      const minutes = Math.ceil(limits.windowMs / 60_000);
      throw new DomainError(
        'rate_limited',
        `too many sign-in attempts; try again in up to ${minutes} minutes`,
      );
    }
    for (const key of keys) this.#inFlight.set(key, (this.#inFlight.get(key) ?? 0) + 1);
    let settled = false;
    const release = () => {
      if (settled) return false;
      settled = true;
      for (const key of keys) {
        const left = (this.#inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.#inFlight.set(key, left);
        else this.#inFlight.delete(key);
      }
      return true;
    };
    return {
      fail: () => {
        if (!release()) return;
        for (const key of keys) this.#failures.set(key, [...this.#recent(key), this.#now()]);
      },
      succeed: () => {
        if (release()) this.#failures.delete(keys[0]);
      },
    };
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#limits.windowMs;
    const list = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }
}
