/** Worker-thread entry of parseFeedOffThread: parses one feed document and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFeedItems, type FeedParseLimits } from './feed-parser.ts';

const { body, limits } = workerData as { body: string; limits: FeedParseLimits };
try {
  parentPort?.postMessage({ ok: true, parsed: parseFeedItems(body, limits) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
