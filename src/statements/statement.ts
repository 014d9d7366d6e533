/** Official statements: readouts and communiqués kept in a library and compared with each other. */
import { createHash } from 'node:crypto';

/** An official statement as stored. */
export interface Statement {
  id: string;
  /** Who issued it, e.g. "Presidency of Ruritania" or "Ministry of Foreign Affairs of Elbonia". */
  issuer: string;
  /** Empty when the source gave none; pages then show the first words of `text`. */
  title: string;
  /** ISO-8601 instant with milliseconds. */
  publishedAt: string;
  url: string | null;
  /** BCP 47 language tag, e.g. "en". */
  language: string;
  /** Plain text of the statement. */
  text: string;
  /** People, organisations and countries it names. */
  parties: string[];
  tags: string[];
  /** The feed it was ingested from, if any, and the item's GUID there. */
  feedId: string | null;
  guid: string | null;
  /** SHA-256 of the normalised text, for deduplication. */
  contentHash: string;
  createdAt: string;
}

/** Fields of a new statement, already validated. */
export type NewStatement = Omit<Statement, 'id' | 'createdAt' | 'contentHash'>;

/** Largest statement text accepted, in characters: long communiqués fit, whole reports do not. */
export const MAX_STATEMENT_TEXT = 50_000;

/** SHA-256 of a statement's text with whitespace and case normalised: the same text pasted twice matches. */
export function contentHashOf(text: string): string {
  return createHash('sha256')
    .update(text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase())
    .digest('hex');
}
