/**
 * The one way to write a live page: who may do what (roles, desk limits, a contributor's own work, who
 * may mark a claim verified or schedule), submissions, citations and the audit entry. The JSON API, the
 * newsroom, the scheduler and the command line all call it, so each rule is written once and every
 * write is audited whoever made it. An update's citations and audit entry commit in the transaction
 * that stores it and its live event (see WriteAlong in store.ts): what goes out live is complete.
 */
import { hasRole, mayUseDesk, requireActorRole, requireDesk, type Actor } from '../domain/actors.ts';
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import type { Desk, MediaRef, Role, Story, Submission, TopPhoto, Update } from '../domain/types.ts';
import type { MediaService } from '../media/media-service.ts';
import type { NewAuditEntry, Store } from '../store/store.ts';
import type {
  DeskInput,
  DeskUpdate,
  LiveBlogService,
  StoryHeaderPatch,
  StoryInput,
  UpdateInput,
  UpdatePatch,
  PublishedUpdatePatch,
} from './live-blog.ts';

/**
 * The least role each write needs. Handlers ask for it before parsing a body (so an anonymous caller
 * hears 401, not a validation error); the service checks it again, whoever calls.
 */
export const WRITE_ROLES = {
  createDesk: 'admin',
  updateDesk: 'admin',
  openDay: 'editor',
  createStory: 'editor',
  patchStory: 'editor',
  postUpdate: 'contributor',
  editUpdate: 'contributor',
  removeUpdate: 'contributor',
  approve: 'editor',
  reject: 'editor',
  listSubmissions: 'contributor',
  listDrafts: 'editor',
  publishDraft: 'editor',
} as const satisfies Record<string, Role>;

/** Dateline's own scheduler, publishing what an editor scheduled: audited under this name. */
export const SCHEDULER: Actor = { key: 'scheduler', name: 'scheduler', role: 'editor', desks: null };

/** A photo chosen by the id it was uploaded under: undefined leaves it as it is, null removes it. */
interface WithMediaId {
  mediaId?: string | null | undefined;
  /** The caption and credit of the update's photo (the one chosen now, or the one it has). */
  photoCaption?: string | undefined;
  photoCredit?: string | undefined;
  /**
   * Every photo of the update in order (the first leads, the rest are its gallery), replacing the ones
   * it had; [] removes them. Not together with `mediaId`, `photoCaption` or `photoCredit`.
   */
  photos?: PhotoRequest[] | undefined;
  /** Statement ids the update cites, replacing earlier ones ([] removes them); undefined leaves them. */
  statementIds?: string[] | undefined;
}

/** One photo of an update's gallery: an uploaded photo, with its text for this update. */
export interface PhotoRequest {
  mediaId: string;
  /** Given: replaces the alt text the photo was uploaded with. */
  alt?: string | undefined;
  caption?: string | undefined;
  credit?: string | undefined;
}

/** A new update as an author sends it. */
export type NewUpdateRequest = Omit<UpdateInput, 'media' | 'gallery'> &
  WithMediaId & {
    /** Editors: publish at this time instead of now (a draft's: when it is published). */
    publishAt?: string | undefined;
    /** Editors: hold it as a draft instead of publishing it. */
    status?: 'draft' | undefined;
  };

/**
 * Changes to an update or submission as an author sends them (a draft's may move its publish time;
 * with `savedAt`, the draft's last save the editor loaded, a save made since refuses it).
 */
export type UpdateChangeRequest = Omit<UpdatePatch, 'media' | 'gallery'> &
  WithMediaId & { publishAt?: string | null | undefined; savedAt?: string | undefined };

/** A new story as an editor sends it. */
export type NewStoryRequest = StoryInput & { topPhotoId?: string | null | undefined };

/** Changes to a story header as an editor sends them. */
export type StoryChangeRequest = StoryHeaderPatch & { topPhotoId?: string | null | undefined };

/** What became of a new update: published at once, or held as a submission or a scheduled update. */
export type PostedUpdate =
  | { kind: 'published'; update: Update; story: Story }
  | { kind: 'submitted' | 'scheduled' | 'draft'; submission: Submission };

/** Dependencies of the publishing service. */
export interface PublishingDeps {
  store: Store;
  liveBlog: LiveBlogService;
  /** Resolves `mediaId` and `topPhotoId`; without it (the command line) they are refused. */
  media?: MediaService | undefined;
}

/** Checks and carries out every write to desks, stories, updates and submissions. */
export class PublishingService {
  readonly #store: Store;
  readonly #liveBlog: LiveBlogService;
  readonly #media: MediaService | undefined;

  constructor(deps: PublishingDeps) {
    this.#store = deps.store;
    this.#liveBlog = deps.liveBlog;
    this.#media = deps.media;
  }

  /** Creates a desk (admins; the command line is one). */
  async createDesk(actor: Actor | null, input: DeskInput): Promise<Desk> {
    const by = requireActorRole(actor, WRITE_ROLES.createDesk);
    const desk = await this.#liveBlog.createDesk(input);
    await this.#store.audit.record(entry(by, 'desk.create', desk.slug, { name: desk.name }));
    return desk;
  }

  /** Renames, re-zones, describes, archives or restores a desk (admins); audited as what changed. */
  async updateDesk(actor: Actor | null, slug: string, input: DeskUpdate): Promise<Desk> {
    const by = requireActorRole(actor, WRITE_ROLES.updateDesk);
    return this.#liveBlog.updateDesk(slug, input, { name: by.name, key: by.key });
  }

  /** Opens the desk's page for `date`, creating it if missing (an editor preparing tomorrow's page). */
  async openDay(
    actor: Actor | null,
    deskSlug: string,
    date: string,
  ): Promise<{ story: Story; desk: Desk; created: boolean }> {
    const by = requireActorRole(actor, WRITE_ROLES.openDay);
    const desk = await this.#store.desks.getBySlug(deskSlug);
    if (!desk) throw notFound('desk');
    requireDesk(by, desk.id);
    const existed = await this.#liveBlog.openDaily(desk, date, 'never');
    const story = existed ?? (await this.#liveBlog.openDaily(desk, date, 'any'));
    if (!story) throw notFound('story');
    return { story, desk, created: existed === null };
  }

  /** Creates a story, standalone or in a desk the editor may use. */
  async createStory(actor: Actor | null, request: NewStoryRequest): Promise<Story> {
    const by = requireActorRole(actor, WRITE_ROLES.createStory);
    const { topPhotoId, ...input } = request;
    const topPhoto = await this.#topPhoto(topPhotoId);
    if (topPhoto !== undefined) input.topPhoto = topPhoto;
    if (input.desk !== undefined) {
      // An unknown desk is a validation error from createStory, naming the field.
      const desk = await this.#store.desks.getBySlug(input.desk);
      if (desk) requireDesk(by, desk.id);
    }
    return this.#liveBlog.createStory(input);
  }

  /** Changes a story header if `version` is current. */
  async patchStory(
    actor: Actor | null,
    id: string,
    version: number,
    request: StoryChangeRequest,
  ): Promise<Story> {
    const by = requireActorRole(actor, WRITE_ROLES.patchStory);
    const { topPhotoId, ...patch } = request;
    await this.#writableStory(by, id);
    const topPhoto = await this.#topPhoto(topPhotoId);
    if (topPhoto !== undefined) patch.topPhoto = topPhoto;
    return this.#liveBlog.patchStory(id, version, patch);
  }

  /**
   * A new update: an editor's is published at once (or scheduled with `publishAt`), a contributor's is
   * a submission for an editor to approve.
   */
  async postUpdate(actor: Actor | null, storyId: string, request: NewUpdateRequest): Promise<PostedUpdate> {
    const by = requireActorRole(actor, WRITE_ROLES.postUpdate);
    const { publishAt, status, ...changes } = request;
    const story = await this.#writableStory(by, storyId);
    if (status === 'draft' && !hasRole(by.role, 'editor'))
      throw new DomainError('forbidden', 'only an editor can hold a draft; submit it for approval', {
        field: 'status',
      });
    const { statementIds } = changes;
    const input: UpdateInput = { ...(await this.#patchOf(changes, null)), body: request.body };
    const citations = await this.#checkCitations(statementIds);
    if (!hasRole(by.role, 'editor')) {
      requireClaimAllowed(by, input.claimStatus);
      if (publishAt !== undefined)
        throw new DomainError('forbidden', 'only an editor can schedule an update', { field: 'publishAt' });
      const submission = await this.#liveBlog.submitUpdate(storyId, input, by, {
        citations,
        audit: (s) => [entry(by, 'update.submit', s.id, { storyId })],
      });
      return { kind: 'submitted', submission };
    }
    if (status === 'draft') {
      const draft = await this.#liveBlog.saveNewDraft(storyId, input, by, publishAt ?? null, {
        citations,
        audit: (s) => [entry(by, 'update.draft', s.id, { storyId })],
      });
      return { kind: 'draft', submission: draft };
    }
    if (publishAt !== undefined) {
      const submission = await this.#liveBlog.scheduleUpdate(storyId, input, by, publishAt, {
        citations,
        audit: (s) => [entry(by, 'update.schedule', s.id, { storyId, publishAt })],
      });
      return { kind: 'scheduled', submission };
    }
    const update = await this.#liveBlog.publishUpdate(storyId, input, by.name, {
      citations,
      audit: (u) => [entry(by, 'update.publish', u.id, { storyId, claimStatus: u.claimStatus })],
    });
    return { kind: 'published', update, story };
  }

  /** Publishes a pending submission with the editor's changes. */
  async approve(
    actor: Actor | null,
    id: string,
    changes: UpdateChangeRequest,
  ): Promise<{ update: Update; story: Story }> {
    const by = requireActorRole(actor, WRITE_ROLES.approve);
    const submission = await this.#store.submissions.getById(id);
    if (!submission) throw notFound('submission');
    if (submission.status === 'draft') {
      await this.#draftFor(by, id);
      throw new DomainError('conflict', 'this is a draft: publish it with POST /updates/{id}/publish');
    }
    const story = await this.#writableStory(by, submission.storyId);
    const patch = await this.#patchOf(changes, submission.content.media);
    const { statementIds } = changes;
    const citations = await this.#checkCitations(statementIds);
    const update = await this.#liveBlog.approveSubmission(id, patch, by.name, {
      citations,
      audit: (u) => [entry(by, 'update.approve', id, { storyId: u.storyId })],
    });
    return { update, story };
  }

  /** Turns down a pending submission with a reason its author sees. */
  async reject(actor: Actor | null, id: string, reason: string): Promise<Submission> {
    const by = requireActorRole(actor, WRITE_ROLES.reject);
    const submission = await this.#store.submissions.getById(id);
    if (!submission) throw notFound('submission');
    if (submission.status === 'draft') await this.#draftFor(by, id);
    await this.#writableStory(by, submission.storyId);
    return this.#liveBlog.rejectSubmission(id, reason, by.name, {
      audit: () => [entry(by, 'update.reject', id, { reason })],
    });
  }

  /**
   * Whether `id` names a submission still waiting (or closed without publishing) rather than a
   * published update: the two take different changes (an update's edit names its version).
   */
  async isUnpublishedSubmission(id: string): Promise<boolean> {
    const submission = await this.#store.submissions.getById(id);
    return submission !== null && submission.status !== 'approved';
  }

  /** Changes a pending submission: its author corrects it, or an editor does, before it is decided. */
  async editSubmission(actor: Actor | null, id: string, changes: UpdateChangeRequest): Promise<Submission> {
    const by = requireActorRole(actor, WRITE_ROLES.editUpdate);
    const pending = await this.#store.submissions.getById(id);
    if (!pending) throw notFound('submission');
    if (pending.status === 'draft') return this.#saveDraft(by, pending, changes);
    if (changes.publishAt !== undefined)
      throw invalid('publishAt', 'publishAt: only a draft’s publish time can be changed');
    if (changes.savedAt !== undefined) throw invalid('savedAt', 'savedAt: only a draft has a last save');
    await this.#writableStory(by, pending.storyId);
    if (!hasRole(by.role, 'editor') && pending.authorKey !== by.key)
      throw new DomainError('forbidden', 'contributors can edit only their own submissions');
    if (pending.status !== 'pending')
      throw new DomainError('conflict', `submission is already ${pending.status}`);
    requireClaimAllowed(by, changes.claimStatus);
    const patch = await this.#patchOf(changes, pending.content.media);
    const { statementIds } = changes;
    const citations = await this.#checkCitations(statementIds);
    return this.#liveBlog.editSubmission(id, patch, {
      citations,
      audit: (s) => [entry(by, 'update.submission_edit', id, { storyId: s.storyId })],
    });
  }

  /** Edits a published update if `version` is current (editors); a claim change is audited on its own. */
  async editUpdate(
    actor: Actor | null,
    id: string,
    version: number,
    changes: UpdateChangeRequest & { correctionNote?: string | undefined },
  ): Promise<Update> {
    const by = requireActorRole(actor, WRITE_ROLES.editUpdate);
    const current = await this.#writableUpdate(by, id);
    const { correctionNote, statementIds } = changes;
    const patch: PublishedUpdatePatch = { ...(await this.#patchOf(changes, current.media)), correctionNote };
    if (!hasRole(by.role, 'editor'))
      throw new DomainError('forbidden', 'contributors cannot edit published updates; ask an editor');
    const citations = await this.#checkCitations(statementIds);
    return this.#liveBlog.editUpdate(id, version, patch, by.name, {
      citations,
      audit: (after, before) => {
        const entries = [entry(by, 'update.edit', id, { version: after.version })];
        if (before && (after.claimStatus !== before.claimStatus || after.claimNote !== before.claimNote))
          entries.push(
            entry(by, 'update.claim', id, {
              from: before.claimStatus,
              to: after.claimStatus,
              note: after.claimNote,
            }),
          );
        return entries;
      },
    });
  }

  /** Withdraws a pending submission (its author or an editor) or deletes a published update (editors). */
  async removeUpdate(actor: Actor | null, id: string): Promise<void> {
    const by = requireActorRole(actor, WRITE_ROLES.removeUpdate);
    const submission = await this.#store.submissions.getById(id);
    if (submission?.status === 'draft') {
      await this.#draftFor(by, id);
      await this.#liveBlog.withdrawSubmission(id, by.name, {
        audit: () => [entry(by, 'update.draft_delete', id, { storyId: submission.storyId })],
      });
      return;
    }
    if (submission && submission.status === 'pending') {
      await this.#writableStory(by, submission.storyId);
      if (!hasRole(by.role, 'editor') && submission.authorKey !== by.key)
        throw new DomainError('forbidden', 'contributors can withdraw only their own submissions');
      await this.#liveBlog.withdrawSubmission(id, by.name, {
        audit: () => [entry(by, 'update.withdraw', id, {})],
      });
      return;
    }
    await this.#writableUpdate(by, id);
    if (!hasRole(by.role, 'editor'))
      throw new DomainError('forbidden', 'contributors cannot delete published updates');
    await this.#liveBlog.deleteUpdate(id, by.name, { audit: () => [entry(by, 'update.delete', id, {})] });
  }

  /**
   * A story's waiting submissions as `actor` may see them: editors the whole queue, contributors their
   * own; with `mine`, the actor's own in any state, newest first (so a contributor sees why one was
   * rejected).
   */
  async listSubmissions(actor: Actor | null, storyId: string, mine: boolean): Promise<Submission[]> {
    const by = requireActorRole(actor, WRITE_ROLES.listSubmissions);
    await this.#writableStory(by, storyId);
    if (mine) return this.#store.submissions.listByAuthor(storyId, by.key, 50);
    const pending = await this.#store.submissions.listPending(storyId);
    return hasRole(by.role, 'editor') ? pending : pending.filter((s) => s.authorKey === by.key);
  }

  /** A story's held drafts, last saved first (editors of its desk). */
  async listDrafts(actor: Actor | null, storyId: string): Promise<Submission[]> {
    const by = requireActorRole(actor, WRITE_ROLES.listDrafts);
    await this.#writableStory(by, storyId);
    return this.#store.submissions.listDrafts(storyId);
  }

  /**
   * The draft `id` as an editor of its desk reads it. Anyone else (a contributor, another desk's
   * editor) hears that there is no such update, as for an id that does not exist.
   */
  async readDraft(actor: Actor | null, id: string): Promise<Submission> {
    if (actor === null) throw notFound('update');
    return this.#draftFor(actor, id);
  }

  /**
   * Publishes a draft: now (publication time now), or, when its publish time is still ahead, as a
   * scheduled update that publishes itself then (see scheduler.ts).
   */
  async publishDraft(actor: Actor | null, id: string, savedAt?: string): Promise<PostedUpdate> {
    const by = requireActorRole(actor, WRITE_ROLES.publishDraft);
    const draft = await this.#draftFor(by, id);
    // Publishing from a list that showed an earlier save would put out words the editor never read.
    if (savedAt !== undefined && Date.parse(draft.savedAt ?? '') !== Date.parse(savedAt))
      throw conflict(
        `${draft.savedBy ?? 'A colleague'} saved this draft again since you loaded it: read it before publishing`,
        draft,
      );
    const story = await this.#writableStory(by, draft.storyId);
    if (draft.publishAt !== null && Date.parse(draft.publishAt) > Date.now()) {
      const publishAt = draft.publishAt;
      const submission = await this.#liveBlog.scheduleDraft(id, publishAt, {
        audit: (s) => [
          entry(by, 'update.schedule', s.id, { storyId: s.storyId, publishAt, fromDraft: true }),
        ],
      });
      return { kind: 'scheduled', submission };
    }
    const update = await this.#liveBlog.approveSubmission(id, {}, by.name, {
      audit: (u) => [
        entry(by, 'update.publish', u.id, {
          storyId: u.storyId,
          claimStatus: u.claimStatus,
          fromDraft: true,
        }),
      ],
    });
    return { kind: 'published', update, story };
  }

  /**
   * What `request` would publish, as an update that is not stored: the same checks as publishing
   * (role, desk, photo, citations) and the same rendering, for the newsroom's whole-page preview.
   * With `draftId`, the draft's photo is kept unless another is chosen.
   */
  async previewUpdate(
    actor: Actor | null,
    storyId: string,
    request: NewUpdateRequest,
    draftId?: string,
  ): Promise<{ story: Story; update: Update; statementIds: string[] }> {
    const by = requireActorRole(actor, WRITE_ROLES.publishDraft);
    const story = await this.#writableStory(by, storyId);
    const draft = draftId === undefined ? null : await this.#draftFor(by, draftId);
    if (draft && draft.storyId !== storyId) throw notFound('draft');
    const { publishAt, status: _s, ...changes } = request;
    const patch = await this.#patchOf(changes, draft?.content.media ?? null);
    const citations = (await this.#checkCitations(changes.statementIds)) ?? [];
    const content = this.#liveBlog.contentOf({
      ...patch,
      body: request.body,
      media: patch.media === undefined ? (draft?.content.media ?? null) : patch.media,
      // A draft keeps its gallery unless the preview names the photos anew.
      ...(patch.gallery === undefined && draft && { gallery: draft.content.gallery }),
    });
    const at =
      publishAt !== undefined && Date.parse(publishAt) > Date.now() ? publishAt : new Date().toISOString();
    const update: Update = {
      ...content,
      id: draft?.id ?? 'preview',
      storyId,
      sequence: story.lastEventSeq + 1,
      author: draft?.author ?? by.name,
      publishedAt: new Date(at).toISOString(),
      updatedAt: new Date(at).toISOString(),
      claimHistory: [],
      corrections: [],
      deletedAt: null,
      version: 1,
    };
    return { story, update, statementIds: citations };
  }

  /** Saves a draft again (editors of its desk); its publish time moves with `changes.publishAt`. */
  async #saveDraft(by: Actor, draft: Submission, changes: UpdateChangeRequest): Promise<Submission> {
    await this.#draftFor(by, draft.id);
    const { publishAt, savedAt, ...rest } = changes;
    const patch = await this.#patchOf(rest, draft.content.media);
    const citations = await this.#checkCitations(changes.statementIds);
    return this.#liveBlog.saveDraft(draft.id, patch, { publishAt, savedAt }, by.name, {
      citations,
      audit: (s) => [entry(by, 'update.draft_save', s.id, { storyId: s.storyId })],
    });
  }

  /** The draft if `by` is an editor of its desk; otherwise, as for an unknown id, `not_found`. */
  async #draftFor(by: Actor, id: string): Promise<Submission> {
    const draft = await this.#store.submissions.getById(id);
    if (!draft || draft.status !== 'draft' || !hasRole(by.role, 'editor')) throw notFound('update');
    const story = await this.#store.stories.getById(draft.storyId);
    if (!story || !mayUseDesk(by, story.deskId)) throw notFound('update');
    return draft;
  }

  /**
   * Publishes a scheduled update whose time has come, audited as the scheduler's on behalf of the editor
   * who scheduled it. If it cannot go out (its story ended or is gone) it is rejected with the reason,
   * rather than retried for ever; returns whether it was published.
   */
  async publishScheduled(scheduled: Submission): Promise<boolean> {
    const onBehalf = { storyId: scheduled.storyId, scheduledBy: scheduled.authorKey };
    try {
      await this.#liveBlog.approveSubmission(scheduled.id, {}, scheduled.author, {
        audit: (u) => [entry(SCHEDULER, 'update.publish', u.id, { ...onBehalf, claimStatus: u.claimStatus })],
      });
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Another node published it first: nothing to do.
      if (error.code === 'conflict' && !(await this.#stillPending(scheduled.id))) return false;
      const reason = `not published: ${error.message}`;
      await this.#liveBlog
        .rejectSubmission(scheduled.id, reason, SCHEDULER.name, {
          audit: () => [entry(SCHEDULER, 'update.reject', scheduled.id, { ...onBehalf, reason })],
        })
        .catch(() => {});
      return false;
    }
  }

  async #stillPending(id: string): Promise<boolean> {
    return (await this.#store.submissions.getById(id))?.status === 'pending';
  }

  /** The story if it exists and the actor may write to its desk. */
  async #writableStory(by: Actor, id: string): Promise<Story> {
    const story = await this.#store.stories.getById(id);
    if (!story) throw notFound('story');
    requireDesk(by, story.deskId);
    return story;
  }

  /** The update (not deleted) if the actor may change it. */
  async #writableUpdate(by: Actor, id: string): Promise<Update> {
    const update = await this.#store.updates.getById(id);
    if (!update || update.deletedAt !== null) throw notFound('update');
    await this.#writableStory(by, update.storyId);
    return update;
  }

  /**
   * The statement ids to cite, checked to exist (a validation error names the first unknown one,
   * `statementIds.N`), without repeats; undefined leaves an update's citations as they are.
   */
  async #checkCitations(ids: readonly string[] | undefined): Promise<string[] | undefined> {
    if (ids === undefined) return undefined;
    const found = new Set((await this.#store.statements.getMany(ids)).map((s) => s.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing !== -1)
      throw invalid(
        `statementIds.${missing}`,
        `statementIds.${missing}: there is no statement ${ids[missing]}`,
      );
    return [...new Set(ids)];
  }

  /**
   * An author's changes as the store takes them: the photo resolved (with the caption and credit
   * given, on the new photo or on `currentPhoto`), the byline names cleaned.
   */
  async #patchOf(
    changes: UpdateChangeRequest & { correctionNote?: string | undefined },
    currentPhoto: MediaRef | null | undefined,
  ): Promise<UpdatePatch> {
    const {
      mediaId,
      statementIds: _s,
      photoCaption,
      photoCredit,
      correctionNote: _c,
      publishAt: _p,
      photos,
      ...fields
    } = changes;
    if (photos !== undefined) {
      const single = { mediaId, photoCaption, photoCredit };
      const clash = (Object.keys(single) as (keyof typeof single)[]).find((k) => single[k] !== undefined);
      if (clash) throw invalid(clash, `${clash}: give photos or ${clash}, not both`);
      const refs = await this.#galleryRefs(photos);
      return { ...fields, ...cleanAuthors(fields.authors), media: refs[0] ?? null, gallery: refs.slice(1) };
    }
    const media = withPhotoText(await this.#mediaRef(mediaId), currentPhoto, { photoCaption, photoCredit });
    // Without its lead photo an update has no gallery either.
    return { ...fields, ...cleanAuthors(fields.authors), media, ...(media === null && { gallery: [] }) };
  }

  /** The photo snapshots for `photos`, in order, with the text given for each (errors name `photos.N.…`). */
  async #galleryRefs(photos: readonly PhotoRequest[]): Promise<MediaRef[]> {
    const refs: MediaRef[] = [];
    for (const [i, photo] of photos.entries()) {
      const field = `photos.${i}.mediaId`;
      if (photos.findIndex((p) => p.mediaId === photo.mediaId) !== i)
        throw invalid(field, `${field}: the photo is given twice`);
      const ref = await this.#photos(field).ref(photo.mediaId, field);
      const alt = photo.alt === undefined ? ref.alt : oneLine(photo.alt);
      if (alt === '') throw invalid(`photos.${i}.alt`, `photos.${i}.alt: must not be empty`);
      refs.push({
        ...ref,
        alt,
        ...(photo.caption !== undefined && { caption: oneLine(photo.caption) }),
        ...(photo.credit !== undefined && { credit: oneLine(photo.credit) }),
      });
    }
    return refs;
  }

  /** The photo snapshot for an update's `mediaId` (undefined: unchanged; null: none). */
  async #mediaRef(mediaId: string | null | undefined): Promise<MediaRef | null | undefined> {
    if (mediaId === undefined || mediaId === null) return mediaId;
    return this.#photos('mediaId').ref(mediaId, 'mediaId');
  }

  /** The story's top photo for `topPhotoId` (undefined: unchanged; null: none). */
  async #topPhoto(topPhotoId: string | null | undefined): Promise<TopPhoto | null | undefined> {
    if (topPhotoId === undefined || topPhotoId === null) return topPhotoId;
    const ref = await this.#photos('topPhotoId').ref(topPhotoId, 'topPhotoId');
    return {
      url: ref.url,
      alt: ref.alt,
      caption: ref.caption,
      credit: ref.credit,
      mediaId: ref.id,
      width: ref.width,
      height: ref.height,
      variants: ref.variants,
    };
  }

  #photos(field: string): MediaService {
    if (!this.#media) throw invalid(field, `${field}: photos cannot be chosen here`);
    return this.#media;
  }
}

/**
 * One line of text as readers see it: control characters and bidi overrides (which could make a
 * byline read backwards) dropped, runs of white space made one space. Joiners stay: Persian needs them.
 */
function oneLine(text: string): string {
  return text
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Byline names as given, cleaned to one line each and without repeats (undefined leaves them as they
 * are; [] goes back to whoever filed the update). The API's schema bounds their number and length.
 */
function cleanAuthors(authors: readonly string[] | undefined): { authors?: string[] } {
  if (authors === undefined) return {};
  const names: string[] = [];
  for (const [i, given] of authors.entries()) {
    const name = oneLine(given);
    if (name === '') throw invalid(`authors.${i}`, `authors.${i}: must not be empty`);
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return { authors: names };
}

/**
 * `photo` (a new photo, undefined for none chosen now) or else `current`, with the caption and credit
 * given; a caption or credit for an update without a photo is refused, naming the field.
 */
function withPhotoText(
  photo: MediaRef | null | undefined,
  current: MediaRef | null | undefined,
  text: { photoCaption?: string | undefined; photoCredit?: string | undefined },
): MediaRef | null | undefined {
  const { photoCaption, photoCredit } = text;
  if (photoCaption === undefined && photoCredit === undefined) return photo;
  const target = photo === undefined ? current : photo;
  // An empty caption and credit ask for nothing, photo or not (forms send their empty fields).
  if (!target && !photoCaption && !photoCredit) return photo;
  if (!target) {
    const field = photoCaption === undefined ? 'photoCredit' : 'photoCaption';
    throw invalid(field, `${field}: the update has no photo`);
  }
  return {
    ...target,
    ...(photoCaption !== undefined && { caption: oneLine(photoCaption) }),
    ...(photoCredit !== undefined && { credit: oneLine(photoCredit) }),
  };
}

/** Contributors may not mark a claim verified: that is an editor's judgement. */
function requireClaimAllowed(by: Actor, claimStatus: string | undefined): void {
  if (claimStatus === 'verified' && !hasRole(by.role, 'editor'))
    throw new DomainError('forbidden', 'only an editor can set claimStatus to verified', {
      field: 'claimStatus',
    });
}

function entry(by: Actor, action: string, target: string, detail: Record<string, unknown>): NewAuditEntry {
  return { actor: by.name, actorKey: by.key, action, target, detail };
}
