/**
 * Bounds photo processing, so a burst of large uploads cannot take the CPU and libuv's thread pool
 * from everyone else (file reads for served photos wait in that same pool): a few photos at a time on
 * the whole node, a few per uploader, and a bounded queue behind them; past either bound the upload
 * is refused with `rate_limited` and a Retry-After. Hand-written because the limiter we have
 * (p-limit, indirectly) has neither a per-uploader bound nor a queue that refuses when full.
 */
import { DomainError } from '../domain/errors.ts';

/** The bounds of an ImageQueue. */
export interface ImageQueueLimits {
  /** Photos processed at once on this node. */
  concurrency: number;
  /** Photos one uploader may have processing or waiting. */
  perUploader: number;
  /** Photos waiting for a turn, from everyone. */
  maxWaiting: number;
  /** What Retry-After says to someone refused. */
  retryAfterSeconds: number;
}

/** Runs image jobs within the limits; `run` refuses what would exceed them. */
export class ImageQueue {
  readonly #limits: ImageQueueLimits;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #perUploader = new Map<string, number>();

  constructor(limits: ImageQueueLimits) {
    this.#limits = limits;
  }

  /**
   * Throws the refusal `run` would give `uploader` now: checked before an upload's body is read, so a
   * refused one costs no reading or parsing of up to 20 MB.
   */
  check(uploader: string): void {
    if ((this.#perUploader.get(uploader) ?? 0) >= this.#limits.perUploader)
      throw this.#refusal(`at most ${this.#limits.perUploader} photos per uploader are processed at a time`);
    if (this.#running >= this.#limits.concurrency && this.#waiting.length >= this.#limits.maxWaiting)
      throw this.#refusal('the server is processing as many photos as it can');
  }

  /** Runs `job` for `uploader` when a slot is free; `rate_limited` if a bound is reached. */
  async run<T>(uploader: string, job: () => Promise<T>): Promise<T> {
    this.check(uploader);
    this.#perUploader.set(uploader, (this.#perUploader.get(uploader) ?? 0) + 1);
    try {
      if (this.#running >= this.#limits.concurrency)
        await new Promise<void>((resolve) => this.#waiting.push(resolve));
      else this.#running++;
      try {
        return await job();
      } finally {
        // Hand the slot straight to the next in line, or give it back.
        const next = this.#waiting.shift();
        if (next) next();
        else this.#running--;
      }
    } finally {
      const left = (this.#perUploader.get(uploader) ?? 1) - 1;
      if (left === 0) this.#perUploader.delete(uploader);
      else this.#perUploader.set(uploader, left);
    }
  }

  /** Photos processing and waiting now (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  #refusal(message: string): DomainError {
    return new DomainError('rate_limited', `${message}; try again in a few seconds`, {
      field: 'file',
      retryAfter: this.#limits.retryAfterSeconds,
    });
  }
}
