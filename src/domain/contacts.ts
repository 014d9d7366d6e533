/**
 * Contacts between actors, as the desks' published updates report them: who talked to whom, how,
 * where and when. Kinds follow the enrichment's event types (CAMEO 04 consult, 05/06 agree, 13
 * threaten) at the grain analysts ask about.
 */
import type { ClaimStatus } from './types.ts';

/** What kind of contact: a call, a meeting, a visit with a meeting, talks, a letter, an agreement, a threat. */
export const CONTACT_KINDS = ['call', 'meeting', 'visit', 'talks', 'letter', 'agreement', 'threat'] as const;
/** One kind of contact. */
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** How the parties were in contact, when the text says. */
export const CONTACT_CHANNELS = ['phone', 'video', 'in-person', 'envoy', 'letter', 'statement'] as const;
/** One channel of contact. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Whether a contact is as extracted, or an editor confirmed it beside its update. */
export const CONTACT_SOURCES = ['extracted', 'confirmed'] as const;
/** How a contact stands. */
export type ContactSource = (typeof CONTACT_SOURCES)[number];

/** Kinds of actor a contact joins (the entity pages' kinds). */
export const CONTACT_ACTOR_KINDS = ['person', 'organization'] as const;
/** A person or an organisation. */
export type ContactActorKind = (typeof CONTACT_ACTOR_KINDS)[number];

/** One side of a contact; `slug` addresses its entity page, `role` is the one the text gave then. */
export interface ContactActor {
  kind: ContactActorKind;
  slug: string;
  name: string;
  role: string | null;
}

/** A stored contact: one pair of actors from one sentence of one update. */
export interface Contact {
  updateId: string;
  storyId: string;
  /** Order within the update, from 1. */
  ordinal: number;
  kind: ContactKind;
  channel: ContactChannel | null;
  a: ContactActor;
  b: ContactActor;
  place: string | null;
  /** ISO2 of the place's country, when known. */
  country: string | null;
  /** The day of the contact (YYYY-MM-DD): the date the text gives, else the update's reporting day. */
  date: string;
  dateSource: 'text' | 'reported';
  /** When the update was published. */
  reportedAt: string;
  sentence: string;
  source: ContactSource;
  /**
   * The readout template its sentence shares with contacts of other updates (src/service/contacts.ts):
   * the id of the first contact found with that wording, its own id (`{updateId}-{ordinal}`) if none.
   */
  templateId: string;
}

/** The id a contact gives its template when it is the first with that wording. */
export function contactId(contact: Pick<Contact, 'updateId' | 'ordinal'>): string {
  return `${contact.updateId}-${contact.ordinal}`;
}

/** The id of the update or statement a contact was found in. */
export function sourceIdOf(contact: Contact | StatementContact): string {
  return 'statementId' in contact ? contact.statementId : contact.updateId;
}

/** Where a contact was reported: a published update, or an official statement of the library. */
export const CONTACT_SOURCE_TYPES = ['update', 'statement'] as const;
/** Where a contact was reported. */
export type ContactSourceType = (typeof CONTACT_SOURCE_TYPES)[number];

/** A contact found in an official statement; the statement is its source (`templateId` as for updates). */
export interface StatementContact extends Omit<Contact, 'updateId' | 'storyId' | 'source'> {
  statementId: string;
}

/**
 * A contact as listed publicly, with its source for links: an update with its current claim status,
 * desk and story slug, or a statement. A statement's contact has `updateId`, `storyId` and `storySlug`
 * empty, `claimStatus` and `deskSlug` null (statements belong to no desk and carry no claim status),
 * and `source` 'extracted'.
 */
export interface ListedContact extends Contact {
  sourceType: ContactSourceType;
  /** The statement it was found in, and the statement's own link (null when it gave none). */
  statementId: string | null;
  statementUrl: string | null;
  claimStatus: ClaimStatus | null;
  deskSlug: string | null;
  storySlug: string;
  /** Public contacts sharing its template, itself included (1: its wording is its own). */
  templateSize: number;
}
