/**
 * The live bus carries events from the node that wrote them to every node's SSE hub.
 * Implementations: memory/ (one process, the default); redis/ or nats/ for several nodes (later).
 *
 * Delivery is at-least-once and ordered per story within one bus connection; subscribers dedupe by
 * `(storyId, seq)` and fill gaps from the EventLog, which is the source of truth.
 */
import type { LiveEvent } from '../domain/types.ts';

/** Publish/subscribe of live events across the nodes of a deployment. */
export interface LiveBus {
  /** Sends an event already committed to the EventLog to every subscriber on every node. */
  publish(event: LiveEvent): Promise<void>;
  /** Calls `handler` for every event published from now on; returns a function that unsubscribes. */
  subscribe(handler: (event: LiveEvent) => void): () => void;
  /** Whether the bus is connected; for /readyz. */
  isReady(): boolean;
  close(): Promise<void>;
}
