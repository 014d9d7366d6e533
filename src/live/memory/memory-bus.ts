/** The in-process live bus: the default for a single node. */
import type { LiveEvent, PrivateEvent } from '../../domain/types.ts';
import type { LiveBus } from '../bus.ts';

/** Where a subscriber's exception is reported; the default writes to stderr. */
export type BusErrorHandler = (error: unknown, event: LiveEvent | undefined) => void;

/**
 * Delivers each published event synchronously to every subscriber in the order of `publish` calls,
 * so events of a story keep their order. A throwing subscriber is reported and does not stop the others.
 */
export class MemoryBus implements LiveBus {
  readonly #handlers = new Set<(event: LiveEvent) => void>();
  readonly #privateHandlers = new Set<(event: PrivateEvent) => void>();
  readonly #onError: BusErrorHandler;
  #closed = false;

  /** `onError` receives exceptions thrown by subscribers. */
  constructor(deps: { onError?: BusErrorHandler } = {}) {
    this.#onError = deps.onError ?? ((error) => console.error('live bus subscriber failed', error));
  }

  /** Calls every current subscriber before resolving; rejects once the bus is closed. */
  publish(event: LiveEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('live bus is closed'));
    // A snapshot, so a handler that unsubscribes (or subscribes) mid-delivery does not skip anyone.
    for (const handler of [...this.#handlers]) {
      try {
        handler(event);
      } catch (error) {
        this.#onError(error, event);
      }
    }
    return Promise.resolve();
  }

  /** Adds `handler`; the returned function removes it and is safe to call twice. */
  subscribe(handler: (event: LiveEvent) => void): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry = (event: LiveEvent): void => handler(event);
    this.#handlers.add(entry);
    return () => {
      this.#handlers.delete(entry);
    };
  }

  /** Calls every current private subscriber before resolving; rejects once the bus is closed. */
  publishPrivate(event: PrivateEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('live bus is closed'));
    for (const handler of [...this.#privateHandlers]) {
      try {
        handler(event);
      } catch (error) {
        this.#onError(error, undefined);
      }
    }
    return Promise.resolve();
  }

  /** Adds a private subscriber; the returned function removes it and is safe to call twice. */
  subscribePrivate(handler: (event: PrivateEvent) => void): () => void {
    const entry = (event: PrivateEvent): void => handler(event);
    this.#privateHandlers.add(entry);
    return () => {
      this.#privateHandlers.delete(entry);
    };
  }

  /** True until `close()`. */
  isReady(): boolean {
    return !this.#closed;
  }

  /** Drops all subscribers; later publishes reject. */
  close(): Promise<void> {
    this.#closed = true;
    this.#handlers.clear();
    this.#privateHandlers.clear();
    return Promise.resolve();
  }
}
