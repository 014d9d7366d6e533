/** Worker-thread handler of FeedParseWorkers: parses one feed document and returns the outcome. */
import type { FeedParseLimits, ParsedFeed } from './feed-items.ts';
import { parseFeedItems } from './feed-parser.ts';

/** What a parse sends back: the feed's items, or why the document is not a feed we can read. */
export type FeedParseOutcome = { ok: true; parsed: ParsedFeed } | { ok: false; message: string };

/**
 * The document's problems come back as a value, so that a rejected task always means the worker
 * itself failed (out of memory, crashed, stopped at the deadline).
 */
export function parseFeedDocument({
  body,
  limits,
}: {
  body: string;
  limits: FeedParseLimits;
}): FeedParseOutcome {
  try {
    return { ok: true, parsed: parseFeedItems(body, limits) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
