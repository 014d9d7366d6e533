/**
 * Parses feed documents on worker threads. Parsing is synchronous and a feed may be 5 MB: 20,000 items
 * took about 2 s of XML parsing on this project's 2-core machine (bench/abuse/feed.ts), a freeze of every
 * reader's request if done on the main thread. A worker also bounds what one document can take: its
 * memory (`resourceLimits`) and its time (the worker is terminated at the deadline), and a crash in the
 * parser ends that worker, never the server.
 *
 * The workers are kept warm between documents (Piscina): starting one registers tsx and compiles the
 * parser, ~0.6 s of CPU, which a worker per document paid at every poll (bench/feed-parse.ts). A worker
 * that is terminated, runs out of memory or crashes is replaced at the next document; an idle one ends
 * after a while and never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import { FeedParseError, type FeedParseLimits, type ParsedFeed } from './feed-items.ts';
import type { FeedParseOutcome, FeedParseTask } from './feed-parse-worker.ts';

/** How long one document may take to parse, and how much memory. */
export interface ParseBudget {
  timeoutMs: number;
  maxHeapMb: number;
}

/** Defaults: a legitimate feed parses in well under a second; a hostile one is stopped. */
export const DEFAULT_PARSE_BUDGET: ParseBudget = { timeoutMs: 20_000, maxHeapMb: 256 };

// The worker's entry is a small JavaScript file that registers tsx, then imports feed-parse-worker.ts.
const BOOT = fileURLToPath(new URL('./feed-parse-worker-boot.mjs', import.meta.url));

// Parsing is CPU work: threads beyond the cores would only share them. Two, so that one hostile document
// held to its deadline does not stop every other feed's parse meanwhile.
const THREADS = Math.max(2, Math.min(4, availableParallelism()));

// Loaded at the first parse: most processes (the CLI's, a reader-only node) never parse a feed.
let loadPiscina: Promise<typeof PiscinaPool> | undefined;

// A worker's start is not the document's time, but it has a limit of its own.
const STARTUP_TIMEOUT_MS = 60_000;

/** The workers, and the signal that they failed outside any document (see #workers). */
interface Pool {
  workers: PiscinaPool<FeedParseTask | null, FeedParseOutcome | null>;
  failed: AbortController;
}

// An idle worker ends after this long (its heap given back); polls of a desk's feeds come minutes apart.
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** Feed parsing off the main thread, on warm workers within a budget per document. */
export class FeedParseWorkers {
  #pool: Pool | null = null;
  #busy = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly budget: ParseBudget = DEFAULT_PARSE_BUDGET) {}

  /** The items of the feed in `body` (see parseFeedItems); a FeedParseError says why there are none. */
  async parse(body: string, limits: FeedParseLimits): Promise<ParsedFeed> {
    // A document is handed to the pool only when a thread is free, so its deadline counts its own
    // parse, never the time spent queued behind another feed's.
    await this.#takeThread();
    try {
      loadPiscina ??= import('piscina').then((module) => module.Piscina);
      const pool = this.#workers(await loadPiscina);
      // Nor a worker's start (registering tsx, compiling the parser: ~0.7 s of CPU, seconds on a loaded
      // machine): an empty task waits for a started worker first, within its own limit.
      await this.#run(pool, null, STARTUP_TIMEOUT_MS, 'the feed parser did not start in time');
      const outcome = await this.#run(
        pool,
        { body, limits },
        this.budget.timeoutMs,
        `the feed took more than ${this.budget.timeoutMs / 1000} s to parse`,
      );
      if (outcome === null || !outcome.ok) throw new FeedParseError(outcome?.message ?? 'nothing parsed');
      return outcome.parsed;
    } finally {
      this.#releaseThread();
    }
  }

  /** Ends the workers; a later parse starts new ones. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    await pool?.workers.destroy();
  }

  #workers(Piscina: typeof PiscinaPool) {
    if (this.#pool) return this.#pool;
    const pool = {
      workers: new Piscina<FeedParseTask | null, FeedParseOutcome | null>({
        filename: BOOT,
        // The worker needs none of the process's flags (a test runner's --import hooks would fail in it):
        // its entry registers tsx itself.
        execArgv: [],
        minThreads: 0,
        maxThreads: THREADS,
        idleTimeout: IDLE_TIMEOUT_MS,
        resourceLimits: { maxOldGenerationSizeMb: this.budget.maxHeapMb },
      }),
      failed: new AbortController(),
    };
    // A worker that fails outside a document (while starting, say) is reported here, not to a parse, and
    // Piscina then stops starting workers: the parses waiting on this pool fail now, naming the error,
    // and the next parse starts a new pool.
    pool.workers.on('error', (error: unknown) => {
      if (this.#pool === pool) this.#pool = null;
      pool.failed.abort(error);
      void pool.workers.destroy();
    });
    this.#pool = pool;
    return pool;
  }

  /** Runs `task` on a worker, which is terminated if it is not done in `timeoutMs`. */
  async #run(pool: Pool, task: FeedParseTask | null, timeoutMs: number, late: string) {
    // A timer of our own rather than AbortSignal.timeout: this one is not unref'd, so a process waiting
    // on a parse stays alive while Piscina's (unref'd) worker is starting.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      return await pool.workers.run(task, { signal: AbortSignal.any([deadline.signal, pool.failed.signal]) });
    } catch (error) {
      if (pool.failed.signal.aborted) throw new FeedParseError(this.#failure(pool.failed.signal.reason));
      throw new FeedParseError(deadline.signal.aborted ? late : this.#failure(error));
    } finally {
      clearTimeout(timer);
    }
  }

  async #takeThread(): Promise<void> {
    if (this.#busy < THREADS) {
      this.#busy++;
      return;
    }
    // #releaseThread hands its thread over directly, so a newcomer cannot take it first.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #releaseThread(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy--;
  }

  #failure(error: unknown): string {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return `the feed needed more than ${this.budget.maxHeapMb} MB to parse`;
    }
    return `the feed could not be parsed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
