/**
 * Counts failed sign-ins per account and per client address and refuses more once either has too many
 * in the window. Kept in memory: written here rather than with @fastify/rate-limit because what must be
 * limited is failures per account (a guessed password for one editor from many addresses), which a
 * request-rate limiter keyed on the route cannot express. On several nodes each keeps its own counts,
 * so an attacker gets at most the limit per node; the limits below leave room for that.
 */
import { DomainError } from '../domain/errors.ts';

/** Limits of the throttle. */
export interface ThrottleLimits {
  /** Failures allowed per account in the window. */
  perAccount: number;
  /** Failures allowed per client address in the window (offices share one). */
  perAddress: number;
  windowMs: number;
}

/** Defaults: 5 guesses at one account, 30 from one address, per 15 minutes. */
export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

/** Failed sign-ins per key in a sliding window. */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #limits: ThrottleLimits;
  readonly #now: () => number;

  constructor(limits: ThrottleLimits = DEFAULT_THROTTLE, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Throws `rate_limited` if the account or the address has used up its failures. */
  check(account: string, address: string): void {
    const tooMany =
      this.#count(`a:${account}`) >= this.#limits.perAccount ||
      this.#count(`ip:${address}`) >= this.#limits.perAddress;
    if (tooMany) {
      const minutes = Math.ceil(this.#limits.windowMs / 60_000);
      throw new DomainError(
        'rate_limited',
        `too many failed sign-ins; try again in up to ${minutes} minutes`,
      );
    }
  }

  /** Records a failed attempt against both keys. */
  fail(account: string, address: string): void {
    for (const key of [`a:${account}`, `ip:${address}`]) {
      const list = this.#recent(key);
      list.push(this.#now());
      this.#failures.set(key, list);
    }
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  succeed(account: string): void {
    this.#failures.delete(`a:${account}`);
  }

  #count(key: string): number {
    return this.#recent(key).length;
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#limits.windowMs;
    const list = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.#failures.delete(key);
    return list;
  }
}
