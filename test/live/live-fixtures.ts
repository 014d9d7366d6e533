/** Live events for tests, and a waiter that resolves when a condition becomes true. */
import type { LiveEvent, Update } from '../../src/domain/types.ts';

/** A published update as the store would return it. */
export function makeUpdate(storyId: string, sequence: number, body: string): Update {
  const at = new Date(Date.UTC(2025, 4, 27, 9, 0, sequence)).toISOString();
  return {
    id: `u-${storyId}-${sequence}`,
    storyId,
    sequence,
    headline: null,
    body,
    bodyHtml: `<p>${body}</p>`,
    author: 'Test Editor',
    publishedAt: at,
    updatedAt: at,
    pinned: false,
    keyEvent: false,
    claimStatus: 'unverified',
    claimNote: '',
    claimHistory: [],
    sources: [],
    videoUrl: null,
    deletedAt: null,
    version: 1,
  };
}

/** An `update`, `edit` or `delete` event at the given story sequence and site-wide id. */
export function makeEvent(
  storyId: string,
  seq: number,
  globalId: number,
  opts: { type?: 'update' | 'edit' | 'delete'; body?: string } = {},
): LiveEvent {
  const type = opts.type ?? 'update';
  const update = makeUpdate(storyId, seq, opts.body ?? `${storyId} event ${seq}`);
  return {
    globalId,
    storyId,
    seq,
    at: update.publishedAt,
    data: type === 'delete' ? { type, update: { id: update.id, sequence: seq } } : { type, update },
  };
}

/**
 * Resolves once `check()` returns true, re-checking each time `notify()` is called; rejects after
 * `timeoutMs` with `what` in the message. Tests call `notify()` from the callbacks that change state.
 */
export class Waiter {
  readonly #waits = new Set<() => void>();

  /** Re-evaluates every pending wait. */
  notify(): void {
    for (const wake of [...this.#waits]) wake();
  }

  /** Waits until `check()` is true. */
  until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waits.delete(wake);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const wake = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.#waits.delete(wake);
        resolve();
      };
      this.#waits.add(wake);
    });
  }
}

/** Resolves once `check()` holds, checking every few milliseconds; for state nothing announces. */
export async function pollUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
