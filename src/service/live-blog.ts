/**
 * The write path of a live page: validate domain rules, render Markdown, store (which appends the live
 * event in the same transaction), then hand the committed event to the bus. Who may write is checked
 * before this, by publishing.ts; `along` carries its citations and audit entries into the transaction.
 */
import { dailyHeadline, dateInZone, isCalendarDate, isTimeZone } from '../domain/days.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { DESK_PAGE_SLUGS, isSlug, RESERVED_SLUGS, slugify } from '../domain/slug.ts';
import type {
  ClaimStatus,
  Desk,
  LiveEvent,
  MediaRef,
  Source,
  Story,
  StoryStatus,
  Submission,
  TopPhoto,
  Update,
  UpdateContent,
} from '../domain/types.ts';
import type { LiveBus } from '../live/bus.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { SAMPLE_DESK_SLUG } from '../domain/sample-desk.ts';
import type { Store, StoryPatch, WriteAlong } from '../store/store.ts';

/** Input for a new desk. */
export interface DeskInput {
  name: string;
  slug?: string | undefined;
  description?: string | undefined;
  timezone?: string | undefined;
}

/** What an admin changes about a desk; `archived` takes it off reader listings, or brings it back. */
export interface DeskUpdate {
  name?: string | undefined;
  description?: string | undefined;
  timezone?: string | undefined;
  archived?: boolean | undefined;
}

/** Limits of a desk's text, the same for the API, the newsroom page and the CLI. */
export const DESK_LIMITS = { name: 100, description: 1000, timezone: 64 } as const;

/** Input for a new story. */
export interface StoryInput {
  desk?: string | undefined;
  headline: string;
  slug?: string | undefined;
  standfirst?: string | undefined;
  body?: string | undefined;
  status?: StoryStatus | undefined;
  topPhoto?: TopPhoto | null | undefined;
}

/** Input for a new update. */
export interface UpdateInput {
  body: string;
  headline?: string | null | undefined;
  claimStatus?: ClaimStatus | undefined;
  claimNote?: string | undefined;
  sources?: Source[] | undefined;
  pinned?: boolean | undefined;
  keyEvent?: boolean | undefined;
  videoUrl?: string | null | undefined;
  media?: MediaRef | null | undefined;
  /** Further photos after `media`, in order. */
  gallery?: MediaRef[] | undefined;
  /** Byline names; empty: whoever filed it. */
  authors?: string[] | undefined;
}

/** Changes to an update; absent fields stay as they are. */
export type UpdatePatch = Partial<UpdateInput>;

/** Changes to a published update, with the note readers see about a correction. */
export type PublishedUpdatePatch = UpdatePatch & { correctionNote?: string | undefined };

/** Changes to a story header. */
export type StoryHeaderPatch = Partial<
  Pick<StoryInput, 'headline' | 'standfirst' | 'body' | 'status' | 'topPhoto'>
>;

/** Dependencies of the live-blog service. */
export interface LiveBlogDeps {
  store: Store;
  bus: LiveBus;
  now?: () => Date;
}

/** Creates desks, stories and updates and publishes their live events. */
export class LiveBlogService {
  readonly #store: Store;
  readonly #bus: LiveBus;
  readonly #now: () => Date;

  constructor(deps: LiveBlogDeps) {
    this.#store = deps.store;
    this.#bus = deps.bus;
    this.#now = deps.now ?? (() => new Date());
  }

  /** Creates a desk, deriving the slug from the name when none is given. */
  async createDesk(input: DeskInput): Promise<Desk> {
    const slug = input.slug ?? slugify(input.name);
    if (!isSlug(slug))
      throw invalid(
        input.slug === undefined ? 'name' : 'slug',
        'slug must be lower-case letters, digits and single hyphens',
      );
    if (RESERVED_SLUGS.has(slug))
      throw invalid(
        'slug',
        `slug "${slug}" is taken by the site's own page /${slug}: give the desk another slug`,
      );
    const timezone = input.timezone ?? 'UTC';
    if (!isTimeZone(timezone))
      throw invalid('timezone', `"${timezone}" is not an IANA time zone (e.g. Asia/Damascus)`);
    const desk = await this.#store.desks.create({
      slug,
      name: input.name,
      description: input.description ?? '',
      timezone,
    });
    // The fictional sample desk is only there until real coverage starts: from the first real desk on,
    // it leaves the rail, the front page, search and related coverage (an admin can restore it).
    if (slug !== SAMPLE_DESK_SLUG) {
      const sample = await this.#store.desks.getBySlug(SAMPLE_DESK_SLUG);
      if (sample && sample.archivedAt === null)
        await this.#store.desks.update(sample.id, { archivedAt: new Date().toISOString() });
    }
    return desk;
  }

  /** Changes a desk by slug, records who did it in the audit log, and returns it. */
  async updateDesk(slug: string, input: DeskUpdate, by: { name: string; key: string }): Promise<Desk> {
    const desk = await this.#store.desks.getBySlug(slug);
    if (!desk) throw notFound('desk');
    const name = input.name?.trim();
    if (name !== undefined && name === '') throw invalid('name', 'name must not be empty');
    if (name !== undefined && name.length > DESK_LIMITS.name)
      throw invalid('name', `name must be at most ${DESK_LIMITS.name} characters`);
    const description = input.description?.trim();
    if (description !== undefined && description.length > DESK_LIMITS.description)
      throw invalid('description', `description must be at most ${DESK_LIMITS.description} characters`);
    const timezone = input.timezone?.trim();
    if (timezone !== undefined && (timezone.length > DESK_LIMITS.timezone || !isTimeZone(timezone)))
      throw invalid('timezone', `"${timezone.slice(0, 64)}" is not an IANA time zone (e.g. Europe/Kyiv)`);
    const archivedAt =
      input.archived === undefined || input.archived === (desk.archivedAt !== null)
        ? undefined
        : input.archived
          ? new Date().toISOString()
          : null;
    const updated = await this.#store.desks.update(desk.id, {
      ...(name !== undefined && { name }),
      ...(description !== undefined && { description }),
      ...(timezone !== undefined && { timezone }),
      ...(archivedAt !== undefined && { archivedAt }),
    });
    if (!updated) throw notFound('desk');
    const changed: Record<string, { from: unknown; to: unknown }> = Object.fromEntries(
      (['name', 'description', 'timezone'] as const)
        .filter((field) => updated[field] !== desk[field])
        .map((field) => [field, { from: desk[field], to: updated[field] }]),
    );
    if (archivedAt !== undefined)
      changed['archived'] = { from: archivedAt === null, to: archivedAt !== null };
    if (Object.keys(changed).length > 0)
      await this.#store.audit.record({
        actor: by.name,
        actorKey: by.key,
        action:
          archivedAt === undefined ? 'desk.update' : archivedAt === null ? 'desk.restore' : 'desk.archive',
        target: desk.slug,
        detail: changed,
      });
    return updated;
  }

  /** Creates a story, standalone or in a desk. */
  async createStory(input: StoryInput): Promise<Story> {
    let deskId: string | null = null;
    if (input.desk !== undefined) {
      const desk = await this.#store.desks.getBySlug(input.desk);
      if (!desk)
        throw new DomainError('validation', `desk "${input.desk}" does not exist`, { field: 'desk' });
      deskId = desk.id;
    }
    const slug = input.slug ?? slugify(input.headline);
    if (!isSlug(slug))
      throw invalid(
        input.slug === undefined ? 'headline' : 'slug',
        'slug must be lower-case letters, digits and single hyphens',
      );
    if (isCalendarDate(slug)) throw invalid('slug', 'dates are reserved for daily pages');
    if (deskId !== null && DESK_PAGE_SLUGS.has(slug))
      throw invalid(input.slug === undefined ? 'headline' : 'slug', `"${slug}" is a page of the desk`);
    const status = input.status ?? 'live';
    const body = input.body ?? '';
    return this.#store.stories.create({
      deskId,
      slug,
      date: null,
      headline: input.headline,
      standfirst: input.standfirst ?? '',
      body,
      bodyHtml: renderMarkdown(body),
      topPhoto: input.topPhoto ?? null,
      status,
    });
  }

  /** Today's date in the desk's time zone. */
  today(desk: Desk): string {
    return dateInZone(this.#now(), desk.timezone);
  }

  /**
   * The desk's page for `date`. Created ("Syria Daily, 27 May", live) when missing if `create` allows:
   * readers may only cause today's page to exist, editors any date.
   */
  async openDaily(desk: Desk, date: string, create: 'today' | 'any' | 'never'): Promise<Story | null> {
    if (!isCalendarDate(date)) throw invalid('date', 'date must be a calendar date as YYYY-MM-DD');
    const existing = await this.#store.stories.getBySlug(desk.id, date);
    if (existing) return existing;
    if (create === 'never' || (create === 'today' && date !== this.today(desk))) return null;
    return this.#store.stories.getOrCreateDaily(desk.id, date, {
      headline: dailyHeadline(desk.name, date),
      standfirst: '',
      body: '',
      bodyHtml: '',
      topPhoto: null,
      status: 'live',
    });
  }

  /** Changes a story header if `version` is current; pushes a `story` event. */
  async patchStory(id: string, version: number, patch: StoryHeaderPatch): Promise<Story> {
    const change: StoryPatch = {};
    if (patch.headline !== undefined) change.headline = patch.headline;
    if (patch.standfirst !== undefined) change.standfirst = patch.standfirst;
    if (patch.body !== undefined) {
      change.body = patch.body;
      change.bodyHtml = renderMarkdown(patch.body);
    }
    if (patch.status !== undefined) change.status = patch.status;
    if (patch.topPhoto !== undefined) change.topPhoto = patch.topPhoto;
    const { story, event } = await this.#store.stories.patch(id, version, change);
    await this.#publish(event);
    return story;
  }

  /** Publishes an update to a story that is not ended. */
  async publishUpdate(
    storyId: string,
    input: UpdateInput,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<Update> {
    await this.#openStory(storyId);
    const { update, event } = await this.#store.updates.create(storyId, updateContent(input), actor, along);
    await this.#publish(event);
    return update;
  }

  /** Files a contributor's update for an editor to approve; nothing is published. */
  async submitUpdate(
    storyId: string,
    input: UpdateInput,
    author: { name: string; key: string },
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    await this.#openStory(storyId);
    return this.#announceSubmission(
      await this.#store.submissions.create(
        { storyId, content: updateContent(input), author: author.name, authorKey: author.key },
        along,
      ),
    );
  }

  /** Schedules an editor's update to publish itself at `publishAt` (see scheduler.ts). */
  async scheduleUpdate(
    storyId: string,
    input: UpdateInput,
    author: { name: string; key: string },
    publishAt: string,
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    await this.#openStory(storyId);
    if (Date.parse(publishAt) <= this.#now().getTime())
      throw invalid('publishAt', 'publishAt must be in the future; omit it to publish now');
    return this.#announceSubmission(
      await this.#store.submissions.create(
        { storyId, content: updateContent(input), author: author.name, authorKey: author.key, publishAt },
        along,
      ),
    );
  }

  /** Publishes a pending submission, with the editor's changes applied; pushes an `update` event. */
  async approveSubmission(
    id: string,
    changes: UpdatePatch,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<Update> {
    const submission = await this.#store.submissions.getById(id);
    if (!submission) throw notFound('submission');
    await this.#openStory(submission.storyId);
    const content = updateContent({ ...submission.content, ...stripUndefined(changes) });
    const { update, event } = await this.#store.submissions.approve(id, content, actor, along);
    await this.#publish(event);
    if (submission.status === 'draft') await this.#announceDraft(submission, 'published');
    else await this.#announceSubmission({ ...submission, status: 'approved' });
    return update;
  }

  /** Holds an editor's update as a draft: stored, seen by the desk's editors, nothing published. */
  async saveNewDraft(
    storyId: string,
    input: UpdateInput,
    author: { name: string; key: string },
    publishAt: string | null,
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    await this.#openStory(storyId);
    const draft = await this.#store.submissions.create(
      {
        storyId,
        content: updateContent(input),
        author: author.name,
        authorKey: author.key,
        publishAt,
        draft: true,
      },
      along,
    );
    return this.#announceDraft(draft, 'saved');
  }

  /** The content an update made from `input` would have (Markdown rendered, defaults filled in). */
  contentOf(input: UpdateInput): UpdateContent {
    return updateContent(input);
  }

  /**
   * Saves a draft again with `changes` (Markdown re-rendered); undefined `publishAt` leaves it; with
   * `savedAt`, only if that is still its last save (else `conflict` with the colleague's draft).
   */
  async saveDraft(
    id: string,
    changes: UpdatePatch,
    { publishAt, savedAt }: { publishAt?: string | null | undefined; savedAt?: string | undefined },
    savedBy: string,
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    const draft = await this.#store.submissions.getById(id);
    if (!draft) throw notFound('draft');
    const content = updateContent({ ...draft.content, ...stripUndefined(changes) });
    return this.#announceDraft(
      await this.#store.submissions.saveDraft(
        id,
        { content, publishAt, savedBy, ...(savedAt !== undefined && { savedAt }) },
        along,
      ),
      'saved',
    );
  }

  /** Publishes a draft later: it joins the queue as a scheduled update and leaves the drafts. */
  async scheduleDraft(id: string, publishAt: string, along?: WriteAlong<Submission>): Promise<Submission> {
    const draft = await this.#store.submissions.getById(id);
    if (!draft) throw notFound('draft');
    await this.#openStory(draft.storyId);
    const scheduled = await this.#store.submissions.scheduleDraft(id, publishAt, along);
    await this.#announceDraft(scheduled, 'scheduled');
    return this.#announceSubmission(scheduled);
  }

  /** Changes a pending submission before an editor decides (Markdown re-rendered); nothing is published. */
  async editSubmission(
    id: string,
    changes: UpdatePatch,
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    const submission = await this.#store.submissions.getById(id);
    if (!submission) throw notFound('submission');
    const content = updateContent({ ...submission.content, ...stripUndefined(changes) });
    return this.#announceSubmission(await this.#store.submissions.edit(id, content, along));
  }

  /** Turns down a pending submission with a reason the contributor sees. */
  async rejectSubmission(
    id: string,
    reason: string,
    actor: string,
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    return this.#announceSubmission(
      await this.#store.submissions.close(id, 'rejected', actor, reason, along),
    );
  }

  /** Withdraws a pending submission (its author changed their mind, or an editor cleared it). */
  async withdrawSubmission(id: string, actor: string, along?: WriteAlong<Submission>): Promise<Submission> {
    const before = await this.#store.submissions.getById(id);
    const closed = await this.#store.submissions.close(id, 'withdrawn', actor, '', along);
    return before?.status === 'draft'
      ? this.#announceDraft(closed, 'deleted')
      : this.#announceSubmission(closed);
  }

  async #openStory(storyId: string): Promise<Story> {
    const story = await this.#store.stories.getById(storyId);
    if (!story) throw notFound('story');
    if (story.status === 'ended')
      throw new DomainError('conflict', 'story has ended; reopen it to add updates', { current: story });
    return story;
  }

  /** Edits an update if `version` is current; pushes an `edit` event. */
  async editUpdate(
    id: string,
    version: number,
    patch: PublishedUpdatePatch,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<Update> {
    const { body, headline, videoUrl, correctionNote, ...rest } = patch;
    const change: Parameters<Store['updates']['edit']>[2] = { ...stripUndefined(rest) };
    if (body !== undefined) {
      change.body = body;
      change.bodyHtml = renderMarkdown(body);
    }
    if (headline !== undefined) change.headline = blankToNull(headline);
    if (videoUrl !== undefined) change.videoUrl = blankToNull(videoUrl);
    const { update, event } = await this.#store.updates.edit(
      id,
      version,
      change,
      actor,
      along,
      correctionNote,
    );
    await this.#publish(event);
    return update;
  }

  /** Deletes an update (keeps a tombstone); pushes a `delete` event. */
  async deleteUpdate(id: string, actor: string, along?: WriteAlong<Update>): Promise<void> {
    const { event } = await this.#store.updates.delete(id, actor, along);
    await this.#publish(event);
  }

  /**
   * Tells open pages that a published update's citations changed (they were stored after its event):
   * the hub sends readers its article again, with the "Official statements cited" line.
   */
  async announceCitations(update: Pick<Update, 'id' | 'storyId'>): Promise<void> {
    await this.#bus
      .publishPrivate({ kind: 'cited', storyId: update.storyId, updateId: update.id })
      .catch(() => {
        /* best-effort: a reload shows them */
      });
  }

  /**
   * Tells every node's newsroom editors that a draft was saved, published, scheduled or deleted: a
   * private event of its own kind, so that nothing which passes on submission events (contributors'
   * queue streams) ever hears of a draft.
   */
  async #announceDraft<S extends Submission>(
    draft: S,
    change: 'saved' | 'published' | 'scheduled' | 'deleted',
  ): Promise<S> {
    await this.#bus
      .publishPrivate({ kind: 'draft', storyId: draft.storyId, draftId: draft.id, change })
      .catch(() => {
        /* best-effort: the drafts list is complete on the next page load */
      });
    return draft;
  }

  /** Tells every node's newsroom queue streams that a submission arrived, changed or was decided. */
  async #announceSubmission<S extends Submission>(submission: S): Promise<S> {
    const { id, storyId, status, authorKey } = submission;
    await this.#bus
      .publishPrivate({ kind: 'submission', storyId, submissionId: id, status, authorKey })
      .catch(() => {
        /* best-effort: the queue is complete on the next page load */
      });
    return submission;
  }

  // The event is already committed; if the bus fails, readers still get it on resume from the EventLog.
  async #publish(event: LiveEvent): Promise<void> {
    try {
      await this.#bus.publish(event);
    } catch {
      /* covered by resume; /readyz reports the bus */
    }
  }
}

/** The stored content of an update from what an author sent: Markdown rendered, defaults filled in. */
function updateContent(input: UpdateInput): UpdateContent {
  return {
    headline: blankToNull(input.headline),
    body: input.body,
    bodyHtml: renderMarkdown(input.body),
    pinned: input.pinned ?? false,
    keyEvent: input.keyEvent ?? false,
    claimStatus: input.claimStatus ?? 'unverified',
    claimNote: input.claimNote ?? '',
    sources: input.sources ?? [],
    videoUrl: blankToNull(input.videoUrl),
    media: input.media ?? null,
    // A gallery needs its lead photo: removing `media` alone removes them all.
    gallery: input.media ? (input.gallery ?? []) : [],
    authors: input.authors ?? [],
  };
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function stripUndefined<T extends object>(obj: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as never;
}
