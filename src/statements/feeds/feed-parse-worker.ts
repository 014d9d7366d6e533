/** Worker-thread entry of parseFeedOffThread: parses one feed document and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedParseLimits } from './feed-items.ts';
import { parseFeedItems } from './feed-parser.ts';

const { body, limits } = workerData as { body: string; limits: FeedParseLimits };
try {
  parentPort?.postMessage({ ok: true, parsed: parseFeedItems(body, limits) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
