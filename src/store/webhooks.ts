/**
 * Outbound webhooks: subscribers, and the durable delivery queue the dispatcher (src/webhooks/) works
 * from. Implemented once over the shared SQL repositories (sql/sql-webhook-store.ts) and held to
 * test/store/webhook-contract.ts on every engine.
 *
 * Guarantees: the queue is filled from the live event log (never on the request path), each event is
 * enqueued for each subscriber at most once even with several nodes, and a delivery is leased to one
 * sender at a time. Delivery is at-least-once: subscribers dedupe by delivery id.
 */

/** A subscriber: where to POST and the secret to sign with (kept in clear: HMAC needs it). */
export interface WebhookSubscriber {
  id: string;
  url: string;
  secret: string;
  /** Events with a globalId above this are the subscriber's (those before it subscribed are not). */
  afterEventId: number;
  createdAt: string;
}

/** States of a delivery. */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
/** One delivery state: pending (due now or later), delivered, or failed after the last attempt. */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One POST to make (or made) to a subscriber. */
export interface WebhookDelivery {
  id: number;
  subscriberId: string;
  eventId: number;
  type: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
}

/** A delivery to enqueue. */
export interface NewDelivery {
  subscriberId: string;
  eventId: number;
  type: string;
  payload: string;
}

/** The outcome of one attempt. */
export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** When to try again; null to stop (delivered, or failed for good). */
  nextAttemptAt: string | null;
}

/** Subscribers and the delivery queue. */
export interface WebhookStore {
  /** Adds a subscriber that receives events committed after now. */
  addSubscriber(subscriber: { url: string; secret: string }): Promise<WebhookSubscriber>;
  /** Active subscribers, oldest first. */
  listSubscribers(): Promise<WebhookSubscriber[]>;
  getSubscriber(id: string): Promise<WebhookSubscriber | null>;
  /** Removes a subscriber and abandons its pending deliveries; false if there was none. */
  removeSubscriber(id: string): Promise<boolean>;
  /** The id of the last event turned into deliveries. */
  readCursor(): Promise<number>;
  /**
   * Moves the cursor from `from` to `to` and enqueues `deliveries`, atomically; false (nothing written)
   * if another node moved the cursor first.
   */
  enqueue(from: number, to: number, deliveries: NewDelivery[]): Promise<boolean>;
  /** Up to `limit` pending deliveries due at `now`, leased for `leaseMs` so no other sender takes them. */
  takeDue(now: string, limit: number, leaseMs: number): Promise<WebhookDelivery[]>;
  /** Records an attempt; the delivery becomes delivered, pending again, or failed. */
  recordAttempt(id: number, at: string, result: AttemptResult): Promise<void>;
  /** The delivery log, newest first; of one subscriber if given. */
  listDeliveries(opts: { subscriberId?: string; limit: number }): Promise<WebhookDelivery[]>;
}
