/**
 * Turns an RSS 2.0, Atom or JSON Feed document into plain items, with feedsmith (a maintained parser for
 * all three). feedsmith is lenient with broken XML, so XML is first checked for well-formedness with
 * fast-xml-parser's validator (which feedsmith itself parses with): a malformed feed then gets an error
 * naming the line instead of a silently partial list.
 */
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import sanitizeHtml from 'sanitize-html';

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

/** The items of the feed in `body`, in document order. */
export function parseFeedItems(body: string): FeedItem[] {
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
        title: plain(item.title ?? ''),
        publishedAt: instant(item.pubDate),
        text: plain(item.content?.encoded ?? item.description ?? ''),
      }));
    case 'atom':
      return (parsed.feed.entries ?? []).map((entry) => ({
        guid: textOf(entry.id),
        url: textOf(
          (entry.links ?? []).find((link) => link.rel === undefined || link.rel === 'alternate')?.href,
        ),
        title: plain(entry.title?.value ?? ''),
        publishedAt: instant(entry.published ?? entry.updated),
        text: plain(entry.content?.value ?? entry.summary?.value ?? ''),
      }));
    case 'json':
      return (parsed.feed.items ?? []).map((item) => ({
        guid: textOf(item.id),
        url: textOf(item.url),
        title: plain(item.title ?? ''),
        publishedAt: instant(item.date_published ?? item.date_modified),
        text:
          item.content_text !== undefined
            ? tidy(item.content_text)
            : plain(item.content_html ?? item.summary ?? ''),
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

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of untrusted HTML: block ends become paragraph breaks, scripts and styles vanish. */
export function plain(html: string): string {
  const marked = html.replace(/<\/(p|div|li|h[1-6]|blockquote|tr)>|<br\s*\/?>/gi, '$&\n\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} }).replace(
    /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,
    (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
  return tidy(text);
}

function tidy(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
