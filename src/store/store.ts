/**
 * Storage interfaces, shaped by what Dateline does rather than by tables. Every implementation
 * (sqlite/ and postgres/, sharing the repositories in sql/) passes the contract suite in
 * test/store/store-contract.ts; open-store.ts picks one from the database URL.
 *
 * Guarantees every implementation keeps:
 * - A method that resolves has committed durably: the write survives a crash of the process.
 * - Each write to an update or story appends exactly one live event in the same transaction, with the
 *   story's next `seq`; events are never lost or reordered within a story.
 * - Event `globalId`s become visible in increasing order, so a reader resuming the site-wide log from
 *   the last id it saw misses nothing.
 * - Concurrent writes to one record serialise: of edits based on the same version exactly one wins.
 * - Optimistic concurrency: edits name the version they were based on and fail with a `conflict`
 *   DomainError carrying the current record if it has moved on.
 */
import type {
  ApiToken,
  Desk,
  LiveEvent,
  Page,
  Media,
  Revision,
  Role,
  Session,
  Story,
  StoryStatus,
  Submission,
  SubmissionStatus,
  TopPhoto,
  Update,
  UpdateContent,
  User,
} from '../domain/types.ts';
import type { AuthorProfile } from '../domain/authors.ts';
import type { ArchiveStore } from './archive.ts';
import type { ContactStore } from './contacts.ts';
import type { ContactNetworkStore } from './contact-network.ts';
import type { MapLayerStore } from './map-layers.ts';
import type { CorrectionStore } from './corrections.ts';
import type { GazetteerStore } from '../enrich/places/gazetteer-store.ts';
import type { EntityKind } from '../enrich/entities.ts';
import type { Enrichment } from '../enrich/types.ts';
import type { StatementFeedStore } from '../statements/feeds/feed-store.ts';
import type { StatementStore } from '../statements/statement-store.ts';
import type { SearchStore } from './search.ts';
import type { WebhookStore } from './webhooks.ts';

export type { Page } from '../domain/types.ts';

/** Which of a story's updates to list. */
export interface ListUpdatesOptions {
  limit: number;
  cursor?: string | null;
  /** Only updates whose headline or body contains this text (case-insensitive for ASCII letters). */
  contains?: string | null;
  /** Only updates before this sequence number. */
  beforeSequence?: number;
}

/** Fields of a new desk. */
export interface NewDesk {
  slug: string;
  name: string;
  description: string;
  timezone: string;
}

/** Desks: the series of daily pages. */
export interface DeskStore {
  /** Creates a desk; a taken slug is a `conflict`. */
  create(desk: NewDesk): Promise<Desk>;
  getById(id: string): Promise<Desk | null>;
  getBySlug(slug: string): Promise<Desk | null>;
  /** Desks in use, by name; with `includeArchived`, archived ones too. */
  list(options?: { includeArchived?: boolean }): Promise<Desk[]>;
  /** Changes a desk's name, description, time zone or archived state; null if there is no such desk. */
  update(id: string, change: DeskChange): Promise<Desk | null>;
}

/** What an admin may change about a desk (its slug is its address and stays). */
export interface DeskChange {
  name?: string;
  description?: string;
  timezone?: string;
  /** An instant to archive, null to bring back. */
  archivedAt?: string | null;
}

/** Fields of a new story. */
export interface NewStory {
  deskId: string | null;
  slug: string;
  date: string | null;
  headline: string;
  standfirst: string;
  body: string;
  bodyHtml: string;
  topPhoto: TopPhoto | null;
  status: StoryStatus;
}

/** Header fields an editor may change; absent ones stay as they are. */
export type StoryPatch = Partial<
  Pick<Story, 'headline' | 'standfirst' | 'body' | 'bodyHtml' | 'topPhoto' | 'status'>
>;

/** Stories: live pages and their headers. */
export interface StoryStore {
  /** Creates a story; a slug taken within the desk is a `conflict`. */
  create(story: NewStory): Promise<Story>;
  getById(id: string): Promise<Story | null>;
  getBySlug(deskId: string | null, slug: string): Promise<Story | null>;
  /** The desk's daily page for `date`, created with `story` if missing (safe against concurrent callers). */
  getOrCreateDaily(
    deskId: string,
    date: string,
    story: Omit<NewStory, 'deskId' | 'slug' | 'date'>,
  ): Promise<Story>;
  /** The desk's stories, newest day first. Cursor-paginated. */
  listByDesk(
    deskId: string,
    opts: { limit: number; cursor?: string | null; publicOnly: boolean },
  ): Promise<Page<Story>>;
  /** Stories in one of `statuses`, most recently opened first. */
  listByStatus(statuses: StoryStatus[], limit: number): Promise<Story[]>;
  /** Changes header fields if `baseVersion` is current; appends a `story` event. */
  patch(id: string, baseVersion: number, patch: StoryPatch): Promise<{ story: Story; event: LiveEvent }>;
}

/** An update and the story it belongs to, for lists that span stories. */
export interface UpdateInStory {
  update: Update;
  story: Story;
}

/**
 * What a write to an update or submission carries into its own transaction, so that none of it is
 * seen without the rest: the statements it cites and the audit entries saying who did it.
 */
export interface WriteAlong<T> {
  /** Statement ids the record cites, in order, replacing any earlier ones; absent leaves them as they are. */
  citations?: readonly string[] | undefined;
  /** The audit entries for the write, from the record as written and (for a change) as it was before. */
  audit?: ((written: T, before: T | null) => NewAuditEntry[]) | undefined;
}

/** Updates, their revisions and tombstones. */
export interface UpdateStore {
  /** Publishes an update at the story's next sequence; records a `create` revision and an `update` event. */
  create(
    storyId: string,
    content: UpdateContent,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<{ update: Update; event: LiveEvent }>;
  /**
   * Changes fields if `baseVersion` is current; records an `edit` revision and event. A changed headline
   * or body, or a `correctionNote`, adds a correction (with that note) readers are shown.
   */
  edit(
    id: string,
    baseVersion: number,
    patch: Partial<UpdateContent>,
    actor: string,
    along?: WriteAlong<Update>,
    correctionNote?: string,
  ): Promise<{ update: Update; event: LiveEvent }>;
  /** Turns the update into a tombstone; records a `delete` revision and event. Deleting twice is `not_found`. */
  delete(
    id: string,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<{ update: Update; event: LiveEvent }>;
  /** The update, including tombstones. */
  getById(id: string): Promise<Update | null>;
  /** Live (not deleted) updates of a story, newest first by sequence; cursor-paginated. */
  listByStory(storyId: string, opts: ListUpdatesOptions): Promise<Page<Update>>;
  /** The story's pinned and key-event updates (not deleted), newest first. */
  listHighlights(storyId: string): Promise<{ pinned: Update[]; keyEvents: Update[] }>;
  /** Newest updates across stories with one of `statuses`. */
  listLatest(statuses: StoryStatus[], limit: number): Promise<UpdateInStory[]>;
  /** Number of live (not deleted) updates in a story. */
  countByStory(storyId: string): Promise<number>;
  /** Every change of the update, oldest first. */
  listRevisions(id: string): Promise<Revision[]>;
}

/** The durable log of live events: what a reader who reconnects missed. */
export interface EventLog {
  /** Events of a story with `seq > afterSeq`, oldest first, at most `limit`. */
  listAfter(storyId: string, afterSeq: number, limit: number): Promise<LiveEvent[]>;
  /** Events of all stories with `globalId > afterId`, oldest first, at most `limit`. */
  listAfterGlobal(afterId: number, limit: number): Promise<LiveEvent[]>;
  /** The newest `seq` of a story's events (0 when it has none). */
  lastSeq(storyId: string): Promise<number>;
  /** The newest event id across the site (0 when there are none). */
  lastGlobalId(): Promise<number>;
}

/** API tokens: only a hash of each secret is kept. */
export interface TokenStore {
  create(token: {
    name: string;
    role: Role;
    secretHash: string;
    expiresAt?: string | null;
  }): Promise<ApiToken>;
  /** The token whose secret hashes to `secretHash`, unless revoked or expired at `now` (default: the clock). */
  findBySecretHash(secretHash: string, now?: string): Promise<ApiToken | null>;
  getById(id: string): Promise<ApiToken | null>;
  /** Every token, revoked and expired ones too, oldest first. */
  list(): Promise<ApiToken[]>;
  /** Marks the token revoked at `at` (a revoked one keeps its first time); null if there is none. */
  revoke(id: string, at: string): Promise<ApiToken | null>;
  /** Records that the token was used at `at`. */
  touch(id: string, at: string): Promise<void>;
}

/** Fields of a new submission. */
export interface NewSubmission {
  storyId: string;
  content: UpdateContent;
  author: string;
  authorKey: string;
  /** An editor's scheduled update: published by itself at this time (a draft's: when it is published). */
  publishAt?: string | null;
  /** An editor's held draft: saved, not published, seen only by the desk's editors. */
  draft?: boolean;
}

/** Contributors' updates waiting for an editor; nothing here is public until approved. */
export interface SubmissionStore {
  create(submission: NewSubmission, along?: WriteAlong<Submission>): Promise<Submission>;
  getById(id: string): Promise<Submission | null>;
  /** The story's pending submissions and scheduled updates, oldest first (scheduled ones by time). */
  listPending(storyId: string): Promise<Submission[]>;
  /** Scheduled updates whose time has come (`publishAt <= now`), across stories, soonest first. */
  listDue(now: string, limit: number): Promise<Submission[]>;
  /**
   * Publishes a pending submission or a draft as an update with the same id and `content` (the editor
   * may have changed it), published now, in one transaction. Neither: `conflict` with the current
   * record; unknown: `not_found`.
   */
  approve(
    id: string,
    content: UpdateContent,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<{ submission: Submission; update: Update; event: LiveEvent }>;
  /**
   * Replaces the content of a pending submission (its author correcting it before an editor decides).
   * Not pending: `conflict` with the current record; unknown: `not_found`.
   */
  edit(id: string, content: UpdateContent, along?: WriteAlong<Submission>): Promise<Submission>;
  /** The story's held drafts, last saved first. */
  listDrafts(storyId: string): Promise<Submission[]>;
  /**
   * Saves a draft again: its content, its publish time (undefined leaves it, null clears it) and who
   * saved it. Not a draft, or `savedAt` given and not the draft's last save (a colleague saved it
   * since): `conflict` with the current record; unknown: `not_found`.
   */
  saveDraft(
    id: string,
    change: {
      content: UpdateContent;
      publishAt?: string | null | undefined;
      savedBy: string;
      savedAt?: string;
    },
    along?: WriteAlong<Submission>,
  ): Promise<Submission>;
  /**
   * Turns a draft into a scheduled update (pending, publishing itself at `publishAt`) in one
   * statement; same errors as `saveDraft`.
   */
  scheduleDraft(id: string, publishAt: string, along?: WriteAlong<Submission>): Promise<Submission>;
  /** The author's submissions to the story in any state but draft, newest first: what became of them. */
  listByAuthor(storyId: string, authorKey: string, limit: number): Promise<Submission[]>;
  /** Rejects or withdraws a pending submission (withdraws a draft: deleted); same errors as `approve`. */
  close(
    id: string,
    status: Extract<SubmissionStatus, 'rejected' | 'withdrawn'>,
    actor: string,
    reason: string,
    along?: WriteAlong<Submission>,
  ): Promise<Submission>;
}

/** Fields of a new user. */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** An admin's one-time password (default false). */
  passwordTemporary?: boolean;
}

/** Newsroom accounts and their browser sessions. Emails are compared lower-cased. */
export interface AccountStore {
  /** Creates a user; a taken email is a `conflict` naming `email`. */
  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | null>;
  /** The user and their password hash, for signing in; disabled users too (the caller refuses them). */
  findLogin(email: string): Promise<{ user: User; passwordHash: string } | null>;
  /** All users, by email. */
  listUsers(): Promise<User[]>;
  /** Changes what is given; an unknown id is `not_found`. */
  changeUser(
    id: string,
    change: {
      role?: Role;
      desks?: string[] | null;
      passwordHash?: string;
      passwordTemporary?: boolean;
      disabled?: boolean;
    },
  ): Promise<User>;
  createSession(session: Omit<Session, 'createdAt'> & { secretHash: string }): Promise<Session>;
  /** The live session whose secret hashes to `secretHash`, with its user (unless expired or disabled). */
  findSession(secretHash: string, now: string): Promise<{ session: Session; user: User } | null>;
  deleteSession(id: string): Promise<void>;
  /** Ends every session of the user ("log out everywhere"); returns how many there were. */
  deleteSessionsOf(userId: string): Promise<number>;
}

/** Authors' public profiles and the updates bylined to each (see domain/authors.ts). */
export interface AuthorStore {
  /** The user's profile, whether or not they can sign in. */
  getProfile(userId: string): Promise<AuthorProfile | null>;
  /** The profile at `slug`, unless its user is disabled (their page is then only what they wrote). */
  findBySlug(slug: string): Promise<AuthorProfile | null>;
  /** Creates or replaces the user's profile; a slug another user's profile has is a `conflict` naming `name`. */
  saveProfile(profile: Omit<AuthorProfile, 'updatedAt'>): Promise<AuthorProfile>;
  /** Live updates of public (live or ended) stories whose byline has `slug`, newest first; cursor-paginated. */
  listUpdates(slug: string, opts: { limit: number; cursor?: string | null }): Promise<Page<UpdateInStory>>;
}

/** Uploaded photos' records (the image files themselves are kept by media/media-service.ts). */
export interface MediaStore {
  create(media: Media): Promise<Media>;
  getById(id: string): Promise<Media | null>;
  /** Newest first, for the newsroom's photo list. */
  list(limit: number): Promise<Media[]>;
  /** What shows photo `id` now: updates not deleted, story headers, pending submissions. */
  findReferences(id: string): Promise<MediaReference[]>;
  /** Removes the record; unknown ids are `not_found`. The caller checks references and removes files. */
  delete(id: string): Promise<void>;
}

/** Something that shows an uploaded photo, so deleting the photo would break it. */
export interface MediaReference {
  kind: 'update' | 'story' | 'submission' | 'profile';
  id: string;
  storyId: string;
}

/** One entry of the audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorKey: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** Which audit entries to list: all given conditions hold. */
export interface AuditFilter {
  /** Entries made by this actor ("user:ID", "token:ID", "cli") or naming this target (an email). */
  actor?: string | undefined;
  /** Exact action ("login") or a family ending in a dot ("update." for every update action). */
  action?: string | undefined;
  /** ISO timestamps: `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** An audit entry to record (its id and time are the store's). */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** The audit log: append-only, read by admins. */
export interface AuditStore {
  record(entry: NewAuditEntry): Promise<void>;
  /** Newest first; `beforeId` pages back. */
  list(opts: { limit: number; beforeId?: number | null } & AuditFilter): Promise<AuditEntry[]>;
}

/** Everything Dateline stores, behind one handle opened at boot and closed at shutdown. */
export interface Store {
  desks: DeskStore;
  stories: StoryStore;
  updates: UpdateStore;
  events: EventLog;
  tokens: TokenStore;
  enrichments: EnrichmentStore;
  /** Editors' enrichment corrections and verdicts (see corrections.ts). */
  corrections: CorrectionStore;
  /** Contacts between actors found in updates (see contacts.ts). */
  contacts: ContactStore;
  /** Sums over contacts for the network pages (see contact-network.ts). */
  contactNetwork: ContactNetworkStore;
  /** Map layers editors draw, with every revision (see map-layers.ts). */
  mapLayers: MapLayerStore;
  /** Places imported from GeoNames dumps (see gazetteer.ts). */
  gazetteer: GazetteerStore;
  /** Official statements and their near-duplicate index. */
  statements: StatementStore;
  /** Feeds that statements are ingested from. */
  statementFeeds: StatementFeedStore;
  /** Full-text search over public updates and stories (see search.ts). */
  search: SearchStore;
  /** Public stories by desk and day, for the archive and sitemaps (see archive.ts). */
  archive: ArchiveStore;
  /** Outbound webhook subscribers and their delivery queue (see webhooks.ts). */
  webhooks: WebhookStore;
  submissions: SubmissionStore;
  accounts: AccountStore;
  /** Authors' profiles and bylines. */
  authors: AuthorStore;
  media: MediaStore;
  audit: AuditStore;
  /** Whether the database answers; for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The people, places, dates and events extracted from one version of an update. */
export interface StoredEnrichment {
  updateId: string;
  storyId: string;
  /** The update version the text was taken from. */
  updateVersion: number;
  /** Versions of the names data the enrichment used ("people@…,organizations@…"). */
  dataVersion: string;
  enrichedAt: string;
  enrichment: Enrichment;
}

/** An enriched update with its story and desk, as an events export needs them. */
export interface EnrichedUpdate {
  enrichment: StoredEnrichment;
  update: Update;
  story: Story;
  desk: Desk | null;
}

/**
 * Enrichments, one per update (the latest version enriched). Saving is idempotent and
 * order-insensitive: an enrichment of an older version never replaces a newer one, so several
 * nodes (or a retry) may enrich the same event.
 */
export interface EnrichmentStore {
  /** Stores the enrichment unless one of a newer update version is stored; says whether it did. */
  save(enrichment: StoredEnrichment): Promise<boolean>;
  get(updateId: string): Promise<StoredEnrichment | null>;
  /**
   * Not deleted updates with no enrichment of their current version (never enriched, or edited
   * since), oldest first: what a worker that was down, or a node that crashed mid-queue, missed.
   */
  listStale(limit: number): Promise<Update[]>;
  /** Enriched, not deleted updates in stories with one of `statuses`, newest publication first. */
  listEnriched(opts: { statuses: StoryStatus[]; limit: number; deskId?: string }): Promise<EnrichedUpdate[]>;
  /**
   * Enriched, not deleted updates whose enrichment names the entity (its kind and slug, see
   * enrich/entities.ts), in stories with one of `statuses`, newest publication first; `before`
   * (an ISO time) pages back.
   */
  listByEntity(opts: {
    kind: EntityKind;
    slug: string;
    statuses: StoryStatus[];
    limit: number;
    before?: string;
  }): Promise<EnrichedUpdate[]>;
  /** The stored enrichments of those of `updateIds` that have one (for linking names on reader pages). */
  getMany(updateIds: string[]): Promise<Map<string, StoredEnrichment>>;
  /**
   * Takes on enriching one update version for `owner`; true for exactly one caller, unless the
   * earlier claim is older than `staleBefore` (its node died before saving), when it may be retaken.
   */
  claim(updateId: string, updateVersion: number, owner: string, staleBefore: string): Promise<boolean>;
}
