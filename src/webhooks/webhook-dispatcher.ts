/**
 * Delivers webhooks off the request path. Publishing only writes the live event (as it always does);
 * this dispatcher tails the event log, turns each event into one delivery per subscriber in the
 * database queue, and POSTs them with a timeout, retrying with exponential backoff and jitter. Each
 * delivery runs on its own, so a hung subscriber holds one of `concurrency` slots until its timeout
 * and never delays publishing or the other subscribers.
 */
import type { Site } from '../domain/site.ts';
import type { Logger } from 'pino';
import { storyPath } from '../domain/paths.ts';
import type { LiveEvent } from '../domain/types.ts';
import { updateJson } from '../domain/api-json.ts';
import type { LiveBus } from '../live/bus.ts';
import { outboundFetch } from '../outbound/outbound-fetch.ts';
import { createOutboundPolicy, type OutboundPolicy } from '../outbound/outbound-policy.ts';
import type { Store } from '../store/store.ts';
import type { NewDelivery, WebhookDelivery } from '../store/webhooks.ts';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.ts';

/** Webhook event types. */
export const WEBHOOK_EVENTS = [
  'update.published',
  'update.edited',
  'update.deleted',
  'update.claim_changed',
] as const;
/** One webhook event type. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Tuning; the defaults suit production. */
export interface DispatcherOptions {
  /** How long a subscriber may take to answer (default 10 s). */
  timeoutMs: number;
  /** Delay before the first retry; doubles each time (default 5 s). */
  retryBaseMs: number;
  /** Longest delay between attempts (default 1 h). */
  retryMaxMs: number;
  /** Attempts before a delivery is marked failed (default 8: about 10 minutes of retries, then hourly). */
  maxAttempts: number;
  /** Deliveries in flight at once (default 8). */
  concurrency: number;
  /** How often to look for due retries when nothing wakes the dispatcher (default 1 s). */
  pollMs: number;
}

const DEFAULTS: DispatcherOptions = {
  timeoutMs: 10_000,
  retryBaseMs: 5_000,
  retryMaxMs: 3_600_000,
  maxAttempts: 8,
  concurrency: 8,
  pollMs: 1_000,
};
const ENQUEUE_BATCH = 200;

/** Dependencies of the dispatcher. */
export interface DispatcherDeps {
  store: Store;
  /** Wakes the dispatcher as soon as an event is published (it also polls). */
  bus?: LiveBus;
  logger: Logger;
  options?: Partial<DispatcherOptions>;
  /** Where absolute URLs in payloads point (DATELINE_SITE_URL, else the listening address). */
  site: Site;
  /** Which addresses subscribers may be reached at (default: public addresses only). */
  outbound?: OutboundPolicy;
}

/** Tails the event log into the queue and sends due deliveries; `start()` at boot, `close()` at shutdown. */
export class WebhookDispatcher {
  readonly #store: Store;
  readonly #log: Logger;
  readonly #options: DispatcherOptions;
  readonly #bus: LiveBus | undefined;
  readonly #site: Site;
  readonly #outbound: OutboundPolicy;
  /** One entry per attempt: two attempts of one delivery (its lease ran out) are both waited for. */
  readonly #inFlight = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closed = false;
  // Aborts requests in flight at shutdown; they are retried after a restart.
  readonly #shutdown = new AbortController();

  constructor(deps: DispatcherDeps) {
    this.#store = deps.store;
    this.#log = deps.logger;
    this.#bus = deps.bus;
    this.#options = { ...DEFAULTS, ...deps.options };
    this.#site = deps.site;
    this.#outbound = deps.outbound ?? createOutboundPolicy();
  }

  /** Starts polling and listening for new events. */
  start(): void {
    this.#unsubscribe = this.#bus?.subscribe(() => this.wake()) ?? null;
    this.#timer = setInterval(() => this.wake(), this.#options.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Runs a pass soon (coalesced with one already running). */
  wake(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((error: unknown) => this.#log.error({ err: error }, 'webhook dispatch pass failed'))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Stops taking work and waits for deliveries in flight (each ends by its timeout at the latest). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#unsubscribe?.();
    this.#shutdown.abort();
    await this.#running;
    await Promise.all(this.#inFlight);
  }

  async #pass(): Promise<void> {
    await this.#enqueueNewEvents();
    const free = this.#options.concurrency - this.#inFlight.size;
    const due = await this.#store.webhooks.takeDue(
      new Date().toISOString(),
      free,
      this.#options.timeoutMs * 2,
    );
    for (const delivery of due) {
      const sending: Promise<void> = this.#send(delivery)
        .catch((error: unknown) =>
          this.#log.error({ err: error, delivery: delivery.id }, 'webhook attempt not recorded'),
        )
        .finally(() => {
          this.#inFlight.delete(sending);
          this.wake();
        });
      this.#inFlight.add(sending);
    }
  }

  /** Turns events after the cursor into deliveries, one batch at a time. */
  async #enqueueNewEvents(): Promise<void> {
    const subscribers = await this.#store.webhooks.listSubscribers();
    // Without subscribers the cursor may lag: a new subscriber only takes events after it subscribed.
    if (subscribers.length === 0) return;
    for (;;) {
      const from = await this.#store.webhooks.readCursor();
      const events = await this.#store.events.listAfterGlobal(from, ENQUEUE_BATCH);
      const last = events.at(-1);
      if (!last) return;
      const deliveries: NewDelivery[] = [];
      for (const event of events) {
        const messages = subscribers.some((s) => event.globalId > s.afterEventId)
          ? await this.#messages(event)
          : [];
        for (const subscriber of subscribers) {
          if (event.globalId <= subscriber.afterEventId) continue;
          for (const { type, body } of messages) {
            deliveries.push({ subscriberId: subscriber.id, eventId: event.globalId, type, payload: body });
          }
        }
      }
      if (!(await this.#store.webhooks.enqueue(from, last.globalId, deliveries))) continue;
      if (events.length < ENQUEUE_BATCH) return;
    }
  }

  /** The webhook messages an event makes (an edit that changed the claim status makes two). */
  async #messages(event: LiveEvent): Promise<{ type: WebhookEvent; body: string }[]> {
    const { data } = event;
    if (data.type === 'story') return [];
    const story = await this.#store.stories.getById(event.storyId);
    if (!story || story.status === 'draft') return [];
    const desk = story.deskId === null ? null : await this.#store.desks.getById(story.deskId);
    const path = storyPath(desk?.slug ?? null, story.slug);
    const base = {
      eventId: event.globalId,
      occurredAt: event.at,
      story: {
        id: story.id,
        headline: story.headline,
        desk: desk?.slug ?? null,
        url: this.#site.url(path),
      },
    };
    const body = (type: WebhookEvent, extra: object) => ({
      type,
      body: JSON.stringify({ type, ...base, ...extra }),
    });
    if (data.type === 'delete') return [body('update.deleted', { update: { id: data.update.id } })];
    const update = updateJson(data.update, this.#site.url(path));
    if (data.type === 'update') return [body('update.published', { update })];
    const messages = [body('update.edited', { update })];
    const revisions = await this.#store.updates.listRevisions(data.update.id);
    const claim = revisions.find((r) => r.version === data.update.version)?.changes['claimStatus'];
    if (claim) {
      messages.push(
        body('update.claim_changed', {
          update,
          claim: { from: claim.from, to: claim.to, note: data.update.claimNote },
        }),
      );
    }
    return messages;
  }

  async #send(delivery: WebhookDelivery): Promise<void> {
    const subscriber = await this.#store.webhooks.getSubscriber(delivery.subscriberId);
    const at = new Date();
    if (!subscriber) {
      await this.#store.webhooks.recordAttempt(delivery.id, at.toISOString(), {
        ok: false,
        status: null,
        error: 'subscriber removed',
        nextAttemptAt: null,
      });
      return;
    }
    const timestamp = Math.floor(at.getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    // A timer of our own, not AbortSignal.timeout: inside AbortSignal.any, Node 20 lets a garbage
    // collection take that signal and its timer, and a hung subscriber was then never timed out.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.#options.timeoutMs);
    try {
      // Redirects are not followed (a 3xx is a failed delivery), so only this address is ever reached.
      const response = await outboundFetch(
        subscriber.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Dateline-Webhooks/1',
            [WEBHOOK_HEADERS.signature]: signWebhook(subscriber.secret, timestamp, delivery.payload),
            [WEBHOOK_HEADERS.timestamp]: String(timestamp),
            [WEBHOOK_HEADERS.delivery]: String(delivery.id),
            [WEBHOOK_HEADERS.event]: delivery.type,
          },
          body: delivery.payload,
          signal: AbortSignal.any([deadline.signal, this.#shutdown.signal]),
        },
        this.#outbound,
      );
      status = response.status;
      // The body is not needed; drain it so the connection can be reused or closed.
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (thrown) {
      error = deadline.signal.aborted
        ? `no answer within ${this.#options.timeoutMs} ms`
        : thrown instanceof Error
          ? thrown.message
          : String(thrown);
    } finally {
      clearTimeout(timer);
    }
    const ok = error === null;
    const attempts = delivery.attempts + 1;
    const nextAttemptAt =
      ok || attempts >= this.#options.maxAttempts
        ? null
        : new Date(Date.now() + this.#backoff(attempts)).toISOString();
    await this.#store.webhooks.recordAttempt(delivery.id, new Date().toISOString(), {
      ok,
      status,
      error,
      nextAttemptAt,
    });
    if (!ok) this.#log.warn({ delivery: delivery.id, attempts, error }, 'webhook delivery failed');
  }

  #backoff(attempts: number): number {
    return retryDelay(attempts, this.#options.retryBaseMs, this.#options.retryMaxMs, Math.random());
  }
}

/**
 * Delay before the next attempt after `attempts` failed ones: exponential (base × 2^(attempts−1),
 * capped at `max`), with jitter `random` ∈ [0, 1) taking it between half and all of that, so a
 * subscriber coming back is not hit by every queued delivery at once.
 */
export function retryDelay(attempts: number, base: number, max: number, random: number): number {
  const ceiling = Math.min(max, base * 2 ** (attempts - 1));
  return ceiling / 2 + random * (ceiling / 2);
}
