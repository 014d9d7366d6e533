/**
 * The live bus carries events from the node that wrote them to every node's SSE hub.
 * Implementations: memory/ (one process, the default); redis/ (Redis Streams) for several nodes.
 *
 * Delivery is at-least-once and ordered per story within one bus connection; subscribers dedupe by
 * `(storyId, seq)` and fill gaps from the EventLog, which is the source of truth.
 *
 * Newsroom-private events (PrivateEvent) travel the same way but on their own subscription, so a
 * reader-facing subscriber cannot receive one by mistake. They are not in the EventLog: delivery is
 * best-effort, and what they announce can always be re-read from the store.
 */
import type { LiveEvent, PrivateEvent } from '../domain/types.ts';

/** Publish/subscribe of live events across the nodes of a deployment. */
export interface LiveBus {
  /** Sends an event already committed to the EventLog to every subscriber on every node. */
  publish(event: LiveEvent): Promise<void>;
  /** Calls `handler` for every event published from now on; returns a function that unsubscribes. */
  subscribe(handler: (event: LiveEvent) => void): () => void;
  /** Sends a newsroom-private event to every private subscriber on every node (best-effort). */
  publishPrivate(event: PrivateEvent): Promise<void>;
  /** Calls `handler` for every private event published from now on; returns a function that unsubscribes. */
  subscribePrivate(handler: (event: PrivateEvent) => void): () => void;
  /** Whether the bus is connected; for /readyz. */
  isReady(): boolean;
  /**
   * Calls `handler` after the bus reconnected and may have missed events it cannot replay itself,
   * so the subscriber can re-read the EventLog; returns a function that stops it. In-process buses
   * never lose events and omit it.
   */
  onReconnect?(handler: () => void): () => void;
  close(): Promise<void>;
}
