/**
 * Publishes scheduled updates when their time comes. Every node may run one: approving is a single
 * conditional write, so of several nodes racing for the same update exactly one publishes it.
 */
import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { PublishingService } from './publishing.ts';

/** Dependencies of the scheduler. */
export interface SchedulerDeps {
  store: Store;
  publishing: PublishingService;
  logger: Logger;
  /** How often to look for due updates (default 1 s: a scheduled update is at most this late). */
  intervalMs?: number;
  now?: () => Date;
}

/** Polls for due scheduled updates and publishes them. */
export class Scheduler {
  readonly #deps: SchedulerDeps;
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Starts polling. */
  start(): void {
    this.#timer = setInterval(() => {
      this.#running ??= this.tick()
        .then(() => {})
        .finally(() => (this.#running = null));
    }, this.#deps.intervalMs ?? 1000);
    this.#timer.unref();
  }

  /** Publishes everything due now; returns how many were published. */
  async tick(): Promise<number> {
    const now = (this.#deps.now ?? (() => new Date()))().toISOString();
    const due = await this.#deps.store.submissions.listDue(now, 50);
    let published = 0;
    for (const item of due) {
      try {
        if (await this.#deps.publishing.publishScheduled(item)) published += 1;
      } catch (error) {
        this.#deps.logger.error({ err: error, id: item.id }, 'scheduled update failed');
      }
    }
    return published;
  }

  /** Stops polling and waits for a tick in progress. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }
}
