/** Worker-thread handler of FeedParseWorkers: parses one feed document and returns the outcome. */
import type { FeedParseLimits, ParsedFeed } from './feed-items.ts';
import { parseFeedItems } from './feed-parser.ts';

/** One document and the bounds on the items taken from it. */
export interface FeedParseTask {
  body: string;
  limits: FeedParseLimits;
}

/** What a parse sends back: the feed's items, or why the document is not a feed we can read. */
export type FeedParseOutcome = { ok: true; parsed: ParsedFeed } | { ok: false; message: string };

/**
 * The document's problems come back as a value, so that a rejected task always means the worker
 * itself failed (out of memory, crashed, stopped at the deadline). An empty task (null) only shows
 * that the worker has started.
 */
export function parseFeedDocument(task: FeedParseTask | null): FeedParseOutcome | null {
  if (task === null) return null;
  try {
    return { ok: true, parsed: parseFeedItems(task.body, task.limits) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
