/** Plain text from already-sanitised HTML, for excerpts, announcements and structured data. */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Text content of sanitised HTML. A regex is enough here because the input came out of sanitize-html
 * (well-formed tags, no comments or scripts) and it is far cheaper than a parser on a 50-update page.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first words of `text`, at most `max` characters, cut at a word boundary with an ellipsis. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

/**
 * A story body's sanitised HTML with headings one level up. The renderer turns Markdown h1/h2 into h3
 * so update bodies sit under their h3 headline; a story body sits directly under the page's h1, so
 * its sections are h2. Safe on sanitiser output, whose heading tags carry no attributes.
 */
export function storyBodyHtml(bodyHtml: string): string {
  return bodyHtml.replace(
    /<(\/?)h([3-6])>/g,
    (_, slash: string, level: string) => `<${slash}h${Number(level) - 1}>`,
  );
}

/**
 * The link targets in sanitised HTML, in order, entities decoded. A regex suffices for the reason
 * htmlToText gives: sanitize-html writes every attribute double-quoted, with `"` escaped inside.
 */
export function linkHrefs(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'"),
  );
}
