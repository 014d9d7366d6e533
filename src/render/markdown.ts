/** Author Markdown → sanitised HTML. Everything an author writes passes through here before storage. */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML is allowed in Markdown (authors paste it) but the result is always sanitised.
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });

// Site paths of a story page or an update permalink: /desk/slug, /stories/slug, …/updates/id.
const CROSS_LINK = /^\/[a-z0-9-]+\/[a-z0-9-]+(\/updates\/[0-9a-z]+)?(#[\w-]+)?$/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'del',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'code',
    'pre',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'sup',
    'sub',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'abbr',
    'q',
    'cite',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'class'],
    abbr: ['title'],
    th: ['scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedClasses: { a: ['cross-link'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // Headings in an update body must sit below the update's own heading.
    h1: 'h3',
    h2: 'h3',
    // A link to one of the site's own stories or updates is a cross-link to earlier coverage
    // ("See Iran Daily, 24 May: …"), styled as such; any class an author wrote is dropped.
    a: (tagName, { class: _class, ...attribs }) =>
      attribs['href'] !== undefined && CROSS_LINK.test(attribs['href'])
        ? { tagName, attribs: { ...attribs, class: 'cross-link' } }
        : { tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } },
  },
  allowedSchemesAppliedToAttributes: ['href'],
};

const TEXT_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

/** Renders author Markdown (which may contain raw HTML) to HTML safe to embed in a page. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE).trim();
}

/** Where a rendered block ends: the plain text for enrichment keeps blocks apart, as sentences end. */
const BLOCK_END = /<\/(?:p|li|h[1-6]|blockquote|pre|td|th)>|<br\s*\/?>/g;

/**
 * Plain text of author Markdown, as the renderer shows it: one line for meta descriptions, feeds,
 * notifications and the map's list; one paragraph per block (`blocks`) for enrichment, so a list
 * item or a heading ends a sentence.
 */
export function markdownToText(source: string, { blocks = false } = {}): string {
  const html = markdown.render(source).replace(BLOCK_END, '$&\n\n');
  // sanitize-html entity-encodes its output; undo that, since callers escape when they render.
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, name: string) => TEXT_ENTITIES[name] ?? '',
  );
  const line = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (!blocks) return line(text);
  return text
    .split(/\n\s*\n/)
    .map(line)
    .filter((block) => block !== '')
    .join('\n\n');
}
