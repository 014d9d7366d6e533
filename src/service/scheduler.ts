/**
 * Publishes scheduled updates when their time comes. Every node may run one: approving is a single
 * conditional write, so of several nodes racing for the same update exactly one publishes it.
 */
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import type { LiveBlogService } from './live-blog.ts';

/** Dependencies of the scheduler. */
export interface SchedulerDeps {
  store: Store;
  liveBlog: LiveBlogService;
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
        await this.#deps.liveBlog.approveSubmission(item.id, {}, item.author);
        published += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) {
          this.#deps.logger.error({ err: error, id: item.id }, 'scheduled update failed');
        } else if (error.code !== 'conflict' || (await this.#stillPending(item.id))) {
          // The story ended or was removed: the update cannot go out; say why instead of retrying for ever.
          await this.#deps.liveBlog
            .rejectSubmission(item.id, `not published: ${error.message}`, 'scheduler')
            .catch(() => {});
        }
      }
    }
    return published;
  }

  /** Stops polling and waits for a tick in progress. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }

  async #stillPending(id: string): Promise<boolean> {
    return (await this.#deps.store.submissions.getById(id))?.status === 'pending';
  }
}
