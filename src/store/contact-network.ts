/**
 * Read-only sums over the contacts table for the network pages (actor pages, `/{desk}/contacts`):
 * pairs with their counts, an actor's roles over time, a pair's last contact. Kept apart from
 * ContactStore, which writes and lists contacts one by one. Same visibility rule: only contacts of
 * undeleted updates of live and ended stories count.
 */
import type { ContactActorKind, ContactKind, ListedContact } from '../domain/contacts.ts';

/** An actor as the network addresses it. */
export interface NetworkActor {
  kind: ContactActorKind;
  slug: string;
  name: string;
}

/** Which contacts to sum; `from`/`to` are days (YYYY-MM-DD), both included. */
export interface NetworkFilter {
  deskId?: string;
  kind?: ContactKind;
  from?: string;
  to?: string;
  /** Only pairs whose both sides are among these slugs (at most a few hundred). */
  among?: string[];
}

/** One unordered pair of actors and their contacts in the filter. */
export interface PairTotal {
  a: NetworkActor;
  b: NetworkActor;
  contacts: number;
  /** First and last day of contact (YYYY-MM-DD). */
  first: string;
  last: string;
}

/** One role an actor was given in contacts, with when it was first and last seen. */
export interface RoleSpan {
  role: string;
  first: string;
  last: string;
  contacts: number;
}

/** Sums over public contacts. */
export interface ContactNetworkStore {
  /** Every pair in `filter`, most contacts first. */
  pairs(filter: NetworkFilter): Promise<PairTotal[]>;
  /** Pairs (of `deskId`'s contacts when given) whose first contact ever is on or after `since`. */
  firstSeenSince(since: string, deskId?: string): Promise<PairTotal[]>;
  /** The roles contacts gave `actor`, the most recently seen first. */
  rolesOf(actor: { kind: ContactActorKind; slug: string }): Promise<RoleSpan[]>;
  /** The newest contact between `actor` and any actor slugged `other`, or null when there is none. */
  lastBetween(
    actor: { kind: ContactActorKind; slug: string },
    other: string,
  ): Promise<Omit<ListedContact, 'templateSize'> | null>;
}
