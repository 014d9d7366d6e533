/**
 * What a parsed feed is made of, and the bounds on parsing one: apart from the parser (feed-parser.ts),
 * which loads feedsmith and runs only on a worker thread (parse-feed-off-thread.ts).
 */
import { MAX_HTML_DEPTH } from './html-to-text.ts';

/** One entry of a feed, normalised across formats. */
export interface FeedItem {
  guid: string | null;
  url: string | null;
  title: string;
  /** ISO instant, or null when the feed gave none (or an unreadable one). */
  publishedAt: string | null;
  /** Plain text of the item's content (or summary). */
  text: string;
}

/** A document that is not a feed we can read. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/** Bounds on the work one feed document may cause. */
export interface FeedParseLimits {
  /** Items taken from one document, in document order (feeds list the newest first). */
  maxItems: number;
  /** Largest HTML content of one item, in characters. */
  maxItemHtml: number;
  /** Deepest nesting of one item's HTML. */
  maxDepth: number;
}

/** Defaults: official feeds carry tens of items of a few KB; these leave room and bound the worst case. */
export const DEFAULT_PARSE_LIMITS: FeedParseLimits = {
  maxItems: 200,
  maxItemHtml: 500_000,
  maxDepth: MAX_HTML_DEPTH,
};

/** The items taken from a feed, and what was left out and why (for the feed's status). */
export interface ParsedFeed {
  items: FeedItem[];
  notes: string[];
}
