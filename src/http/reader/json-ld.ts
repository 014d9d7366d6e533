/** schema.org structured data for live pages, serialised safely for an inline script element. */
import { bylineOf, type Story, type Update } from '../../domain/types.ts';
import { excerpt, htmlToText } from './html-text.ts';

/**
 * JSON for `<script type="application/ld+json">`. `<` is escaped so author text can never close the
 * element ("</script>") or open a comment; U+2028/9 for old parsers that treat them as line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c] ?? c);
}

const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** What the LiveBlogPosting describes beyond the story itself. */
export interface LiveBlogContext {
  canonicalUrl: string;
  siteName: string;
  /** Absolute URL of the top photo, if any. */
  imageUrl: string | null;
  /** When coverage ends if the story does not say: the end of a daily page's day. */
  plannedEnd: string | null;
  updates: Update[];
  /** Plain text of an update's body (callers may cache it). */
  textOf?: (update: Update) => string;
}

/** A schema.org LiveBlogPosting with its updates as BlogPosting items. */
export function liveBlogPosting(story: Story, context: LiveBlogContext): Record<string, unknown> {
  const start = story.openedAt ?? story.createdAt;
  let modified = story.updatedAt;
  for (const update of context.updates) if (update.updatedAt > modified) modified = update.updatedAt;
  const end = story.endedAt ?? context.plannedEnd;
  const publisher = { '@type': 'Organization', name: context.siteName };
  const textOf = context.textOf ?? ((update: Update) => htmlToText(update.bodyHtml));
  return {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    '@id': context.canonicalUrl,
    url: context.canonicalUrl,
    mainEntityOfPage: context.canonicalUrl,
    headline: story.headline,
    ...(story.standfirst !== '' && { description: story.standfirst }),
    ...(context.imageUrl !== null && { image: context.imageUrl }),
    datePublished: start,
    dateModified: modified,
    coverageStartTime: start,
    ...(end !== null && { coverageEndTime: end }),
    publisher,
    liveBlogUpdate: context.updates.map((update) => {
      const text = textOf(update);
      return {
        '@type': 'BlogPosting',
        '@id': `${context.canonicalUrl}#update-${update.id}`,
        url: `${context.canonicalUrl}#update-${update.id}`,
        headline: update.headline ?? excerpt(text, 110),
        datePublished: update.publishedAt,
        dateModified: update.updatedAt,
        articleBody: text,
        ...(bylineOf(update).length > 0 && {
          author: bylineOf(update).map((name) => ({ '@type': 'Person', name })),
        }),
        publisher,
      };
    }),
  };
}
