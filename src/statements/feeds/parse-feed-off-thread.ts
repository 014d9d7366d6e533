/**
 * Parses a feed document on a worker thread. Parsing is synchronous and a feed may be 5 MB: 20,000 items
 * took about 2 s of XML parsing on this project's 2-core machine (bench/abuse/feed.ts), a freeze of every
 * reader's request if done on the main thread. A worker per poll (polls are minutes apart) also bounds
 * what one document can take: its memory (`resourceLimits`) and its time (terminated at the deadline),
 * and a crash in the parser ends that worker, never the server.
 */
import { Worker } from 'node:worker_threads';
import { FeedParseError, type FeedParseLimits, type ParsedFeed } from './feed-items.ts';

/** How long one document may take to parse, and how much memory. */
export interface ParseBudget {
  timeoutMs: number;
  maxHeapMb: number;
}

/** Defaults: a legitimate feed parses in well under a second; a hostile one is stopped. */
export const DEFAULT_PARSE_BUDGET: ParseBudget = { timeoutMs: 20_000, maxHeapMb: 256 };

// Sources are TypeScript run through tsx, which bin/dateline.js registers in the main thread only, and
// Node 20 will not start a worker from a .ts file even with tsx in its execArgv; so the worker starts
// from this small script, which registers tsx and then imports the real entry.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./feed-parse-worker.ts', import.meta.url).href)}); })`;

/** The items of the feed in `body` (see parseFeedItems), parsed off the main thread. */
export function parseFeedOffThread(
  body: string,
  limits: FeedParseLimits,
  budget: ParseBudget = DEFAULT_PARSE_BUDGET,
): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { body, limits },
      resourceLimits: { maxOldGenerationSizeMb: budget.maxHeapMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new FeedParseError(`the feed took more than ${budget.timeoutMs / 1000} s to parse`)),
        ),
      budget.timeoutMs,
    );
    worker.on('message', (message: { ok: true; parsed: ParsedFeed } | { ok: false; message: string }) =>
      settle(() => (message.ok ? resolve(message.parsed) : reject(new FeedParseError(message.message)))),
    );
    worker.on('error', (error) =>
      settle(() =>
        reject(
          new FeedParseError(
            (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `the feed needed more than ${budget.maxHeapMb} MB to parse`
              : `the feed could not be parsed: ${error.message}`,
          ),
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new FeedParseError(`the feed parser stopped (exit code ${code})`))),
    );
  });
}
