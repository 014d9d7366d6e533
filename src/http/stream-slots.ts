/**
 * Caps on concurrent live streams (issue 12, finding 2): each open stream holds a socket, a file
 * descriptor, for as long as the reader stays. Without a cap one client could open streams until the
 * process runs out of descriptors and nobody else gets served. Per client address (an IPv6 client by
 * its /64, which one host usually controls whole), and in total, so a reserve of descriptors is always
 * left for ordinary requests, the database and media files. And the rate of new streams per address:
 * each accepted stream costs the main thread a request, a story lookup and the hub's first write
 * (about 3 ms on a loaded 2-core machine, bench/abuse/stream-flood.ts), so a client that opens and
 * retries streams as fast as it can would starve ordinary readers long before reaching a cap. Both are
 * checked in an onRequest hook, before the query is parsed or the story looked up.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { problemFromDomainError } from './problem.ts';

/** How many streams may be open at once. */
export interface StreamCaps {
  /** Per client address (request.ip, so the reader's address behind a trusted proxy). */
  perAddress: number;
  /** In this process. */
  total: number;
  /** New streams per address per minute, all of which may come at once (a token bucket). */
  opensPerMinute: number;
}

/** Why a stream is refused. */
type Refusal = 'address' | 'total' | 'rate';

// Addresses whose bucket is full again are forgotten once this many are remembered.
const BUCKETS_SWEPT_AT = 10_000;

// Seconds a refused reader is asked to wait; the reader page backs off further on its own.
const RETRY_AFTER_S = 10;

/** The key a client's streams are counted under: its address, or its /64 for IPv6. */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4?.[1] !== undefined) return v4[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Counts open streams per address and in total. */
export class StreamSlots {
  readonly #caps: StreamCaps;
  readonly #byAddress = new Map<string, number>();
  /** Tokens left per address for new streams, and when they were counted (ms). */
  readonly #opens = new Map<string, { tokens: number; at: number }>();
  #total = 0;
  #refused = 0;
  /** The problem+json body of each refusal, made once: a flood is answered with many of them. */
  readonly #bodies: Record<Refusal, string>;

  /** `caps` must be positive integers (config validates them). */
  constructor(caps: StreamCaps) {
    this.#caps = caps;
    const body = (detail: string) =>
      JSON.stringify(problemFromDomainError(new DomainError('rate_limited', detail)));
    this.#bodies = {
      address: body(`too many live streams are open from your address (at most ${caps.perAddress})`),
      total: body('the server has as many live streams open as it can hold'),
      rate: body(
        `too many live streams were opened from your address (at most ${caps.opensPerMinute} a minute)`,
      ),
    };
  }

  /** Takes one of `ip`'s new-stream tokens; false when it has none left. */
  #takeOpening(key: string, now: number): boolean {
    const { opensPerMinute } = this.#caps;
    const bucket = this.#opens.get(key);
    const tokens = bucket
      ? Math.min(opensPerMinute, bucket.tokens + ((now - bucket.at) * opensPerMinute) / 60_000)
      : opensPerMinute;
    if (tokens < 1) return false;
    if (!bucket && this.#opens.size >= BUCKETS_SWEPT_AT) this.#sweep(now);
    this.#opens.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  /** Forgets the addresses whose bucket has refilled: they are back where a new address starts. */
  #sweep(now: number): void {
    const { opensPerMinute } = this.#caps;
    for (const [key, { tokens, at }] of this.#opens)
      if (tokens + ((now - at) * opensPerMinute) / 60_000 >= opensPerMinute) this.#opens.delete(key);
  }

  /**
   * Why a new stream from `ip` is refused now (too many new ones, or a cap reached), or null; takes a
   * new-stream token when it is not. The slot itself is taken later by `open`, which checks the caps
   * again.
   */
  #refusal(ip: string, now: number): Refusal | null {
    const key = addressKey(ip);
    if ((this.#byAddress.get(key) ?? 0) >= this.#caps.perAddress) return 'address';
    if (this.#total >= this.#caps.total) return 'total';
    if (!this.#takeOpening(key, now)) return 'rate';
    return null;
  }

  /**
   * An onRequest hook for the stream routes: refuses with 429 before any other work when `#refusal`
   * says so. Refusals count in `stats().refused`.
   */
  readonly admit = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const why = this.#refusal(request.ip, Date.now());
    if (why === null) return;
    this.#refused++;
    return this.#refuse(reply, why);
  };

  /** Takes a slot for a stream from `ip`: a function that gives it back (once), or null over a cap. */
  acquire(ip: string): (() => void) | null {
    const key = addressKey(ip);
    const held = this.#byAddress.get(key) ?? 0;
    if (held >= this.#caps.perAddress || this.#total >= this.#caps.total) {
      this.#refused++;
      return null;
    }
    this.#byAddress.set(key, held + 1);
    this.#total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total--;
      const left = (this.#byAddress.get(key) ?? 1) - 1;
      if (left === 0) this.#byAddress.delete(key);
      else this.#byAddress.set(key, left);
    };
  }

  /** Streams open now, addresses holding them, and streams refused since start. */
  stats(): { open: number; addresses: number; refused: number } {
    return { open: this.#total, addresses: this.#byAddress.size, refused: this.#refused };
  }

  /** Answers 429 with Retry-After and closes the connection, so a refused client holds no descriptor. */
  #refuse(reply: FastifyReply, why: Refusal): FastifyReply {
    return reply
      .code(429)
      .type('application/problem+json')
      .header('retry-after', String(RETRY_AFTER_S))
      .header('connection', 'close')
      .send(this.#bodies[why]);
  }

  /** Which cap refused `ip`. */
  #capReached(ip: string): Refusal {
    return (this.#byAddress.get(addressKey(ip)) ?? 0) >= this.#caps.perAddress ? 'address' : 'total';
  }

  /**
   * Hands the raw response to `start` (which takes over the socket) if a slot is free, and gives the
   * slot back when the stream's connection closes; else (a cap was reached since `admit`) refuses.
   */
  open(request: FastifyRequest, reply: FastifyReply, start: () => void): FastifyReply {
    const release = this.acquire(request.ip);
    if (release === null) return this.#refuse(reply, this.#capReached(request.ip));
    const res = reply.raw;
    // The hub writes straight to the socket; Fastify must not touch the reply afterwards.
    // The hub ends a stream by closing its socket; a refusal it answers itself (503) ends the response.
    res.socket?.once('close', release);
    res.once('close', release);
    reply.hijack();
    start();
    return reply;
  }
}
