/** Core records of Dateline: desks, stories (a day's live page), updates, revisions and live events. */
import type { z } from 'zod';
import type { UpdateContentSchema, UpdateSchema } from './update-schema.ts';

/** Claim statuses, from least to most settled; `false` means shown to be untrue. */
export const CLAIM_STATUSES = ['unverified', 'claimed', 'verified', 'disputed', 'false'] as const;
/** How far a reported claim has been checked. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Reader-facing wording of each claim status. */
export const CLAIM_LABELS: Record<ClaimStatus, string> = {
  unverified: 'Unverified',
  claimed: 'Claimed',
  verified: 'Verified',
  disputed: 'Disputed',
  false: 'False',
};

/** Lifecycle of a story: drafts are private, live ones take updates, ended ones are archived. */
export const STORY_STATUSES = ['draft', 'live', 'ended'] as const;
/** Lifecycle state of a story. */
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** Roles an API token or user can carry, weakest first. */
export const ROLES = ['contributor', 'editor', 'admin'] as const;
/**
 * A role. Contributors submit updates for an editor to approve; editors publish, edit, delete, approve
 * and set claims; admins can do everything editors can, plus desks, users and settings.
 */
export type Role = (typeof ROLES)[number];

/** A series of daily pages, e.g. "Syria Daily". */
export interface Desk {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** IANA time zone in which the desk's days begin and end. */
  timezone: string;
  createdAt: string;
  /** When an admin archived the desk: off reader listings, its pages still readable. */
  archivedAt: string | null;
}

/** One served size of an uploaded photo. */
export interface MediaVariant {
  width: number;
  url: string;
  type: 'image/webp' | 'image/jpeg';
}

/** An uploaded photo: orientation applied, every metadata block stripped, served in several sizes. */
export interface Media {
  id: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  /** The default (JPEG) rendition's URL, for clients that take one. */
  url: string;
  variants: MediaVariant[];
  uploadedBy: string;
  createdAt: string;
}

/** The names an update is bylined to: its `authors`, or whoever filed it. */
export function bylineOf(update: Pick<Update, 'author' | 'authors'>): string[] {
  if (update.authors && update.authors.length > 0) return update.authors;
  return update.author === '' ? [] : [update.author];
}

/** Names as a byline reads them: "A", "A and B", "A, B and C". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What an update or story keeps of a photo it shows: a snapshot, so pages render without a lookup. */
export type MediaRef = Omit<Media, 'uploadedBy' | 'createdAt'>;

/** Every photo an update shows, in order: its lead photo, then its gallery. */
export function photosOf(update: Pick<Update, 'media' | 'gallery'>): MediaRef[] {
  return update.media ? [update.media, ...(update.gallery ?? [])] : [];
}

/** Optional photo at the top of a story. */
export interface TopPhoto {
  url: string;
  alt: string;
  caption: string;
  credit: string;
  /** Set when the photo was uploaded here: its id and sizes for `srcset`. */
  mediaId?: string;
  width?: number;
  height?: number;
  variants?: MediaVariant[];
}

/** A live page: a desk's day (`date` set) or a standalone story. */
export interface Story {
  id: string;
  deskId: string | null;
  /** Unique within the desk; a daily page's slug is its date. */
  slug: string;
  /** Calendar date (YYYY-MM-DD, desk time zone) for daily pages; null for standalone stories. */
  date: string | null;
  headline: string;
  standfirst: string;
  /** Analysis body as Markdown, and rendered, sanitised HTML. */
  body: string;
  bodyHtml: string;
  topPhoto: TopPhoto | null;
  status: StoryStatus;
  openedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency version, bumped on each header change. */
  version: number;
  /** Sequence number of the story's newest live event. */
  lastEventSeq: number;
}

/** A source cited by an update. */
export interface Source {
  label: string;
  url: string;
}

/** One change of an update's claim status or evidence note: who, when, from → to, and why. */
export interface ClaimChange {
  at: string;
  by: string;
  /** Null for the status the update was published with. */
  from: ClaimStatus | null;
  to: ClaimStatus;
  note: string;
}

/**
 * One entry in a live page, as update-schema.ts declares it (each field is documented there): what its
 * author set (`UpdateContent`), its id, story, sequence, byline, times, claim history, corrections,
 * tombstone and version.
 */
export type Update = z.output<typeof UpdateSchema>;

/** A correction of a published update: when, and the editor's note to readers ('' when none). */
export interface Correction {
  at: string;
  note: string;
}

/** The fields of an update an author sets (update-schema.ts). */
export type UpdateContent = z.output<typeof UpdateContentSchema>;

/** What one change to an update did: `changes` maps a field to its value before and after. */
export interface Revision {
  id: number;
  updateId: string;
  version: number;
  kind: 'create' | 'edit' | 'delete';
  actor: string;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Types of live events pushed to readers. */
export const LIVE_EVENT_TYPES = ['update', 'edit', 'delete', 'story'] as const;
/** A live event type. */
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** Payload of a live event: the update as it now is, or the story header. */
export type LiveEventData =
  | { type: 'update' | 'edit'; update: Update }
  | { type: 'delete'; update: { id: string; sequence: number } }
  | { type: 'story'; story: Story };

/**
 * A change pushed to open pages. `seq` increases by one per story with every event; `globalId`
 * orders all events on the site. Both come from the database so every node agrees.
 */
export interface LiveEvent {
  globalId: number;
  storyId: string;
  seq: number;
  at: string;
  data: LiveEventData;
}

/**
 * A change only the newsroom sees, carried on the live bus beside the public events but never stored in
 * the EventLog, never given a reader sequence and never sent to a reader stream (see live/bus.ts):
 * - `enriched`: an update's people, places and events were stored (suggestions and map markers changed);
 *   `namesLinked` when the update's public article now links names to entity pages;
 * - `cited`: the statements an update cites changed (its public article did too);
 * - `submission`: a submission arrived, was edited or was decided;
 * - `reviewed`: an editor cleared an update's suggestions (other editors' open pages hide them too);
 * - `draft`: a held draft was saved, published or deleted (editors of the desk only, never contributors).
 */
export type PrivateEvent =
  | { kind: 'enriched'; storyId: string; updateId: string; updateVersion: number; namesLinked: boolean }
  | { kind: 'cited'; storyId: string; updateId: string }
  | { kind: 'reviewed'; storyId: string; updateId: string }
  /** A map layer of a desk was drawn, revised or deleted (layers belong to no story: storyId is ''). */
  | { kind: 'layer'; storyId: string; deskId: string; layerId: string }
  | {
      kind: 'draft';
      storyId: string;
      draftId: string;
      /** Saved (new or changed), published, scheduled (now in the queue) or deleted. */
      change: 'saved' | 'published' | 'scheduled' | 'deleted';
    }
  /**
   * Someone's access lessened (a token revoked, a role changed, an account disabled, sessions ended):
   * open newsroom streams on every node recheck their credentials at once.
   */
  | { kind: 'credentials'; storyId: '' }
  /**
   * A statement was added to the library (by a feed, an editor or the API): every node's enrichment
   * worker reads the contacts of statements not yet read. Statements belong to no story.
   */
  | { kind: 'statement'; storyId: ''; statementId: string }
  | {
      kind: 'submission';
      storyId: string;
      submissionId: string;
      status: SubmissionStatus;
      /** Whose it is, so a contributor's stream hears only of their own. */
      authorKey: string;
    };

/** The kinds of private events, for checking what arrives over a network bus. */
export const PRIVATE_EVENT_KINDS = [
  'enriched',
  'cited',
  'submission',
  'reviewed',
  'layer',
  'draft',
  'credentials',
  'statement',
] as const satisfies readonly PrivateEvent['kind'][];

/** An API token; only the SHA-256 of its secret is stored. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  /** After this instant the token is refused; null: it does not expire. */
  expiresAt: string | null;
  /** When it was revoked (refused from then on), or null. */
  revokedAt: string | null;
  /** Roughly when it was last used (written at most every ten minutes), or null if never. */
  lastUsedAt: string | null;
}

/**
 * States of an unpublished update: waiting for an editor (or its time), published, turned down, or an
 * editor's held draft (saved, not published, seen only by the desk's editors).
 */
export const SUBMISSION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'draft'] as const;
/** State of a submission. */
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * An update not yet on the page: a contributor's submission waiting for an editor. Its id becomes the
 * published update's id on approval, so links made while it waited keep working.
 */
export interface Submission {
  id: string;
  storyId: string;
  content: UpdateContent;
  author: string;
  /** Who submitted it ("token:ID" or "user:ID"), so contributors can see and withdraw only their own. */
  authorKey: string;
  status: SubmissionStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** Why it was rejected, for the contributor. */
  reason: string;
  /** Set when an editor scheduled it: it publishes itself at this time. */
  publishAt: string | null;
  /** A draft's last save and who made it (null for submissions, which are not drafts). */
  savedAt: string | null;
  savedBy: string | null;
}

/** A newsroom account. Passwords are kept only as argon2id hashes, never in this record. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Desk ids an admin limited the user to; null means every desk. */
  desks: string[] | null;
  disabledAt: string | null;
  createdAt: string;
  /** The password is one an admin handed over: its owner must set their own before working. */
  passwordTemporary: boolean;
}

/** A signed-in browser. Only the SHA-256 of the cookie's secret is stored. */
export interface Session {
  id: string;
  userId: string;
  /** Sent back in `x-csrf-token` on every write made with the cookie. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A page of a newest-first list; pass `nextCursor` back to get the next (older) page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
