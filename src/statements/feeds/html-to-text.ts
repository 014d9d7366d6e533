/**
 * Plain text of untrusted HTML from a feed, in one pass of htmlparser2's tokenizer (the parser
 * sanitize-html is built on): block ends become paragraph breaks, scripts and styles vanish, entities
 * are decoded. The work is linear in the input, and nesting is bounded: htmlparser2 keeps its open
 * elements in an array it grows at the front, so a document of N nested tags costs N² (200,000 took
 * minutes); past `maxDepth` open elements the parse stops and the item is refused.
 */
import { Parser } from 'htmlparser2';

/** Elements whose end closes a paragraph of the text. */
const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'br']);
/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math']);

/** Open elements an item may nest; official statements use a handful, a page builder a few dozen. */
export const MAX_HTML_DEPTH = 256;

/** The text of `html`, or null when it nests deeper than `maxDepth`. */
export function htmlToText(html: string, maxDepth = MAX_HTML_DEPTH): string | null {
  const parts: string[] = [];
  let depth = 0;
  let hidden = 0;
  let tooDeep = false;
  const parser = new Parser(
    {
      onopentag(name) {
        depth++;
        if (HIDDEN.has(name)) hidden++;
        if (depth > maxDepth) {
          tooDeep = true;
          parser.pause();
        }
      },
      onclosetag(name) {
        depth--;
        if (HIDDEN.has(name)) hidden--;
        else if (BLOCKS.has(name)) parts.push('\n\n');
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  if (tooDeep) return null;
  parser.end();
  return tidy(parts.join(''));
}

/** Paragraphs (split at blank lines) with their white space collapsed. */
export function tidy(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
