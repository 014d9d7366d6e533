/**
 * Turns an RSS 2.0, Atom or JSON Feed document into plain items, with feedsmith (a maintained parser for
 * all three). feedsmith is lenient with broken XML, so XML is first checked for well-formedness with
 * fast-xml-parser's validator (which feedsmith itself parses with): a malformed feed then gets an error
 * naming the line instead of a silently partial list. A feed is untrusted input of up to the fetch limit:
 * only the first `maxItems` items are turned into text, and an item whose HTML is too large or nests too
 * deep is skipped with a note, so one hostile item costs bounded work and the feed's status says why.
 */
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import {
  DEFAULT_PARSE_LIMITS,
  FeedParseError,
  type FeedItem,
  type FeedParseLimits,
  type ParsedFeed,
} from './feed-items.ts';
import { htmlToText, tidy } from './html-to-text.ts';

/** The items of the feed in `body`, in document order, within `limits`. */
export function parseFeedItems(body: string, limits: FeedParseLimits = DEFAULT_PARSE_LIMITS): ParsedFeed {
  const notes: string[] = [];
  const raw = rawItems(body);
  if (raw.length > limits.maxItems) {
    notes.push(`too many items (${raw.length}): the first ${limits.maxItems} taken`);
  }
  const items: FeedItem[] = [];
  for (const item of raw.slice(0, limits.maxItems)) {
    const name = item.guid ?? item.url ?? 'untitled item';
    if (Math.max(item.html.length, item.title.length, item.text?.length ?? 0) > limits.maxItemHtml) {
      notes.push(`item ${name} skipped: its HTML is over ${limits.maxItemHtml} characters`);
      continue;
    }
    const text = item.text ?? htmlToText(item.html, limits.maxDepth);
    const title = htmlToText(item.title, limits.maxDepth);
    if (text === null || title === null) {
      notes.push(`item ${name} skipped: too deeply nested (over ${limits.maxDepth} elements)`);
      continue;
    }
    items.push({ guid: item.guid, url: item.url, title, publishedAt: item.publishedAt, text });
  }
  return { items, notes };
}

/** An item as the feed gave it: HTML not yet turned into text (`text` when the feed gave plain text). */
interface RawItem {
  guid: string | null;
  url: string | null;
  title: string;
  publishedAt: string | null;
  html: string;
  text: string | null;
}

function rawItems(body: string): RawItem[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('<')) {
    const valid = XMLValidator.validate(trimmed);
    if (valid !== true) {
      throw new FeedParseError(`not well-formed XML at line ${valid.err.line}: ${valid.err.msg}`);
    }
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(trimmed);
  } catch (error) {
    throw new FeedParseError(
      `not an RSS, Atom or JSON feed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  switch (parsed.format) {
    case 'rss':
      return (parsed.feed.items ?? []).map((item) => ({
        guid: textOf(item.guid?.value),
        url: textOf(item.link),
        title: item.title ?? '',
        publishedAt: instant(item.pubDate),
        html: item.content?.encoded ?? item.description ?? '',
        text: null,
      }));
    case 'atom':
      return (parsed.feed.entries ?? []).map((entry) => ({
        guid: textOf(entry.id),
        url: textOf(
          (entry.links ?? []).find((link) => link.rel === undefined || link.rel === 'alternate')?.href,
        ),
        title: entry.title?.value ?? '',
        publishedAt: instant(entry.published ?? entry.updated),
        html: entry.content?.value ?? entry.summary?.value ?? '',
        text: null,
      }));
    case 'json':
      return (parsed.feed.items ?? []).map((item) => ({
        guid: textOf(item.id),
        url: textOf(item.url),
        title: item.title ?? '',
        publishedAt: instant(item.date_published ?? item.date_modified),
        html: item.content_html ?? item.summary ?? '',
        text: item.content_text !== undefined ? tidy(item.content_text) : null,
      }));
    default:
      throw new FeedParseError(
        `feeds in ${parsed.format} format are not supported; use RSS 2.0, Atom or JSON Feed`,
      );
  }
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
