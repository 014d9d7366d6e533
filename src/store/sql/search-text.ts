/** Engine-independent parts of search: reading the reader's query, and turning snippets into safe HTML. */

/** A parsed search: words and phrases to find, and words to exclude. */
export interface ParsedQuery {
  /** Each entry is one word or a phrase (several words in order). */
  include: string[][];
  exclude: string[];
}

// Private-use characters mark where a match starts and ends; engines wrap matches in them, and they
// cannot occur in text an author typed through the API (the Markdown renderer keeps them, but
// `snippetHtml` is the only reader of them and escapes everything else).
/** Start-of-match marker engines put around matches. */
export const MARK_START = '\uE000';
/** End-of-match marker. */
export const MARK_END = '\uE001';

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).slice(0, 16);
}

/**
 * Reads a query the way search boxes do: words must all match, "quoted phrases" match in order,
 * -word excludes. Punctuation is not syntax, so no input is an error.
 */
export function parseQuery(text: string): ParsedQuery {
  const include: string[][] = [];
  const exclude: string[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (const match of text.slice(0, 500).matchAll(pattern)) {
    const negated = (match[1] ?? match[3]) === '-';
    const found = words(match[2] ?? match[4] ?? '');
    if (found.length === 0) continue;
    if (negated) exclude.push(...found);
    else if (match[2] !== undefined) include.push(found);
    else include.push(...found.map((w) => [w]));
  }
  return { include: include.slice(0, 16), exclude: exclude.slice(0, 8) };
}

/** The FTS5 MATCH expression for a parsed query; every word is quoted, so nothing is FTS syntax. */
export function toFts5(query: ParsedQuery, match: 'all' | 'any' = 'all'): string {
  const quote = (phrase: string[]) => `"${phrase.join(' ')}"`;
  const positive = query.include.map(quote).join(match === 'all' ? ' AND ' : ' OR ');
  return query.exclude.length === 0
    ? positive
    : `(${positive}) NOT (${query.exclude.map((w) => quote([w])).join(' OR ')})`;
}

/** The PostgreSQL tsquery text for a parsed query (input to `to_tsquery`, words already plain). */
export function toTsquery(query: ParsedQuery, match: 'all' | 'any' = 'all'): string {
  const phrase = (p: string[]) => (p.length === 1 ? p[0]! : `(${p.join(' <-> ')})`);
  const positive = query.include.map(phrase).join(match === 'all' ? ' & ' : ' | ');
  return [`(${positive})`, ...query.exclude.map((w) => `!${w}`)].join(' & ');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * HTML of an engine's snippet: Markdown punctuation dropped (the index holds the Markdown source, so
 * `**Idlib**` reads as Idlib and a quoted readout loses its `>`), everything escaped, then the match markers turned into `<mark>`.
 */
export function snippetHtml(raw: string): string {
  const text = raw
    // Block markers at line starts: quotes ("> "), list items ("- ", "1. ").
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/^[ \t]*(?:[-+*]|\d+[.)])[ \t]+/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)?/g, '$1')
    .replace(/[*_`~]+|^#+\s*|\s#+\s/gm, (m) => (m.trim() === '' || /^\s/.test(m) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
  return text
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>')
    .replace(/<mark><\/mark>/g, '');
}
