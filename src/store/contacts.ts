/** Storage of contacts between actors, derived from updates by the enrichment worker. */
import type { Contact, ContactKind, ListedContact, StatementContact } from '../domain/contacts.ts';
import type { Update } from '../domain/types.ts';

/** A statement whose contacts are still to be extracted. */
export interface StatementToRead {
  id: string;
  text: string;
  publishedAt: string;
}

/** An editor's verdict on a statement's contact: a rejected one is listed nowhere. */
export const STATEMENT_CONTACT_VERDICTS = ['confirmed', 'rejected'] as const;
export type StatementContactVerdict = (typeof STATEMENT_CONTACT_VERDICTS)[number];

/** A statement's contact with the editors' verdict on it (null: nobody decided yet). */
export interface ReviewedStatementContact extends StatementContact {
  verdict: StatementContactVerdict | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/**
 * What a verdict did: `saved`; `changed` when the contact's verdict was no longer the one the editor
 * saw (a colleague decided meanwhile; nothing written); `missing` when the statement has no such
 * contact. `current` is the contact as it now stands.
 */
export interface StatementReviewOutcome {
  outcome: 'saved' | 'changed' | 'missing';
  current: ReviewedStatementContact | null;
}

/** Which public contacts to list; `from`/`to` are days (YYYY-MM-DD), both included. */
export interface ContactFilter {
  /** An actor's slug, on either side. */
  actor?: string;
  kind?: ContactKind;
  from?: string;
  to?: string;
  deskId?: string;
  /** Only contacts sharing this readout template. */
  template?: string;
}

/** A page of contacts, newest first; `cursor` continues after its last one. */
export interface ContactPage {
  items: ListedContact[];
  nextCursor: string | null;
}

/**
 * Contacts per update and per statement. Only those of undeleted updates of live and ended stories,
 * and of statements in the library, are ever listed, so a deleted update, an unpublished story or a
 * removed statement takes its contacts out of every answer at once.
 */
export interface ContactStore {
  /**
   * Replaces the contacts of one update with those of its version `updateVersion`; does nothing
   * (and says false) when contacts of a newer version are already stored.
   */
  replaceForUpdate(updateId: string, updateVersion: number, contacts: Contact[]): Promise<boolean>;
  /**
   * Undeleted updates whose current enrichment was stored before contacts were extracted (it has
   * no `contacts` field), oldest first, at most `limit`: enriching them again gives their contacts.
   */
  listUnextracted(limit: number): Promise<Update[]>;
  /** Removes an update's contacts (it was deleted). */
  removeForUpdate(updateId: string): Promise<void>;
  /**
   * Replaces the contacts of one statement and records that it was read (most statements name no
   * contact); does nothing when the statement is gone. Its contacts go when it goes (the keys cascade).
   */
  replaceForStatement(statementId: string, contacts: StatementContact[]): Promise<void>;
  /** Every contact of one statement, rejected ones too, with their verdicts, in order. */
  ofStatement(statementId: string): Promise<ReviewedStatementContact[]>;
  /**
   * Sets the verdict on contact `ordinal` of a statement (null: undecided again), only if its verdict
   * is still `seen` (what the editor was shown), atomically on both engines.
   */
  reviewStatementContact(review: {
    statementId: string;
    ordinal: number;
    verdict: StatementContactVerdict | null;
    seen: StatementContactVerdict | null;
    actor: string;
    at: string;
  }): Promise<StatementReviewOutcome>;
  /** Statements whose contacts were never extracted, oldest published first, at most `limit`. */
  listUnextractedStatements(limit: number): Promise<StatementToRead[]>;
  /**
   * Stored contacts of `kind` with one of `slugs` on either side, of updates and statements other
   * than `excludeSourceId` (of drafts too: a template is a matter of wording), newest first.
   */
  templateCandidates(query: {
    excludeSourceId: string;
    kind: ContactKind;
    slugs: string[];
    limit: number;
  }): Promise<{ templateId: string; sentence: string }[]>;
  /** Public contacts matching `filter`, by day then update, newest first. */
  list(filter: ContactFilter, page: { limit: number; cursor?: string }): Promise<ContactPage>;
}

/** A page's last contact by the listing's order: day, update or statement, ordinal. */
export type ContactCursor = [day: string, sourceId: string, ordinal: number];

/** The opaque cursor after `last`. */
export function encodeContactCursor(last: { day: string; update_id: string; ordinal: number }): string {
  return Buffer.from(JSON.stringify([last.day, last.update_id, last.ordinal])).toString('base64url');
}

/** The keyset in `cursor`, or undefined when it is not one `encodeContactCursor` wrote. */
export function decodeContactCursor(cursor: string): ContactCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      Number.isSafeInteger(value[2])
    )
      return value as ContactCursor;
  } catch {
    // Not base64url JSON: not a cursor of ours.
  }
  return undefined;
}
