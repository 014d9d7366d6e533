/** The JSON API under /api/v1. Reads of live and ended stories are public; writes need a token. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, notFound } from '../../domain/errors.ts';
import { storyPath } from '../../domain/paths.ts';
import type { Story, Update } from '../../domain/types.ts';
import type { AccountService } from '../../accounts/account-service.ts';
import type { MediaService } from '../../media/media-service.ts';
import type { SseHub } from '../../live/sse-hub.ts';
import type { StreamSlots } from '../stream-slots.ts';
import type { LiveBlogService } from '../../service/live-blog.ts';
import type { Store } from '../../store/store.ts';
import {
  authenticate,
  endWhenCredentialsLapse,
  hasRole,
  mayReadStory,
  mayUseDesk,
  requireDesk,
  requireRole,
  type Principal,
} from '../auth.ts';
import { sendProblem } from '../problem.ts';
import { createOpenApiDocument } from './openapi.ts';
import { mediaFor, registerMediaRoutes, topPhotoFor } from './media-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { deskJson, revisionJson, storyJson, submissionJson, updateJson } from '../../domain/api-json.ts';
import { checkCitations, saveCitations, withCitations, withCitationsOne } from './update-citations.ts';
import {
  CreateDeskSchema,
  CreateStorySchema,
  CreateUpdateSchema,
  ApproveSchema,
  EditSubmissionSchema,
  PageQuerySchema,
  parseInput,
  PatchStorySchema,
  PatchUpdateSchema,
  RejectSchema,
} from './schemas.ts';

/** What the API needs. */
export interface ApiDeps {
  store: Store;
  accounts: AccountService;
  media: MediaService;
  liveBlog: LiveBlogService;
  hub: SseHub;
  /** Caps on concurrent live streams per client address and in total. */
  streamSlots: StreamSlots;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const SlugParams = z.object({ slug: z.string().min(1).max(80) });
const DayParams = z.object({ slug: z.string().min(1).max(80), date: z.string().max(10) });
const LiveQuery = z.object({
  since: z
    .string()
    .regex(/^\d{1,15}$/, 'must be an event id (an integer)')
    .optional(),
});

/** Registers the API routes on `app` (mounted under /api/v1). */
export async function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { store, liveBlog, hub, streamSlots } = deps;

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: '/api/v1/problems/not_found',
      title: 'Not found',
      status: 404,
      detail: `no API route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  await registerSessionRoutes(app, deps);
  await registerMediaRoutes(app, deps);
  await registerAdminRoutes(app, deps);

  const openApi = JSON.stringify(createOpenApiDocument());
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json').send(openApi));

  async function deskSlugOf(story: Story): Promise<string | null> {
    if (story.deskId === null) return null;
    return (await store.desks.getById(story.deskId))?.slug ?? null;
  }

  /** The story if the caller may read it: drafts only with a token allowed on its desk. */
  async function readableStory(request: FastifyRequest, id: string): Promise<Story> {
    const story = await store.stories.getById(id);
    if (!story || !(await mayReadStory(store, request, story))) throw notFound('story');
    return story;
  }

  // Desks
  app.get('/desks', async () => ({ items: (await store.desks.list()).map(deskJson), nextCursor: null }));

  app.post('/desks', async (request, reply) => {
    await requireRole(store, request, 'admin');
    const input = parseInput(CreateDeskSchema, request.body);
    const desk = await liveBlog.createDesk(input);
    return reply.code(201).header('location', `/api/v1/desks/${desk.slug}`).send(deskJson(desk));
  });

  app.get('/desks/:slug', async (request) => {
    const { slug } = parseInput(SlugParams, request.params, 'path');
    const desk = await store.desks.getBySlug(slug);
    if (!desk) throw notFound('desk');
    return deskJson(desk);
  });

  app.get('/desks/:slug/stories', async (request) => {
    const { slug } = parseInput(SlugParams, request.params, 'path');
    const { limit, cursor } = parseInput(PageQuerySchema, request.query, 'query');
    const desk = await store.desks.getBySlug(slug);
    if (!desk) throw notFound('desk');
    const principal = await authenticate(store, request);
    // Drafts are listed only to those who may work on the desk.
    const publicOnly = principal === null || !mayUseDesk(principal, desk.id);
    const page = await store.stories.listByDesk(desk.id, { limit, cursor: cursor ?? null, publicOnly });
    return { items: page.items.map((s) => storyJson(s, desk.slug)), nextCursor: page.nextCursor };
  });

  // Opens (creating if needed) the desk's page for a date: an editor preparing tomorrow's page.
  app.put('/desks/:slug/days/:date', async (request, reply) => {
    const principal = await requireRole(store, request, 'editor');
    const { slug, date } = parseInput(DayParams, request.params, 'path');
    const desk = await store.desks.getBySlug(slug);
    if (!desk) throw notFound('desk');
    requireDesk(principal, desk.id);
    const existed = await liveBlog.openDaily(desk, date, 'never');
    const story = existed ?? (await liveBlog.openDaily(desk, date, 'any'));
    if (!story) throw notFound('story');
    return reply.code(existed ? 200 : 201).send(storyJson(story, desk.slug));
  });

  // Stories
  app.post('/stories', async (request, reply) => {
    const principal = await requireRole(store, request, 'editor');
    const { topPhotoId, ...input } = parseInput(CreateStorySchema, request.body);
    const topPhoto = await topPhotoFor(deps.media, topPhotoId);
    if (topPhoto !== undefined) input.topPhoto = topPhoto;
    if (input.desk !== undefined) {
      const desk = await store.desks.getBySlug(input.desk);
      if (desk) requireDesk(principal, desk.id);
    }
    const story = await liveBlog.createStory(input);
    return reply
      .code(201)
      .header('location', `/api/v1/stories/${story.id}`)
      .send(storyJson(story, input.desk ?? null));
  });

  app.get('/stories/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const story = await readableStory(request, id);
    return storyJson(story, await deskSlugOf(story));
  });

  app.patch('/stories/:id', async (request) => {
    const principal = await requireRole(store, request, 'editor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const { version, topPhotoId, ...patch } = parseInput(PatchStorySchema, request.body);
    await writableStory(principal, id);
    const topPhoto = await topPhotoFor(deps.media, topPhotoId);
    if (topPhoto !== undefined) patch.topPhoto = topPhoto;
    const story = await liveBlog.patchStory(id, version, patch);
    return storyJson(story, await deskSlugOf(story));
  });

  // Updates
  app.get('/stories/:id/updates', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { limit, cursor } = parseInput(PageQuerySchema, request.query, 'query');
    const story = await readableStory(request, id);
    const url = storyPath(await deskSlugOf(story), story.slug);
    const page = await store.updates.listByStory(story.id, { limit, cursor: cursor ?? null });
    const items = await withCitations(
      store,
      page.items.map((u) => updateJson(u, url)),
    );
    return { items, nextCursor: page.nextCursor };
  });

  // An editor's update is published at once; a contributor's is a submission for an editor to approve.
  app.post('/stories/:id/updates', async (request, reply) => {
    const principal = await requireRole(store, request, 'contributor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const { mediaId, publishAt, statementIds, ...input } = parseInput(CreateUpdateSchema, request.body);
    const story = await writableStory(principal, id);
    const media = await mediaFor(deps.media, mediaId);
    const cited = await checkCitations(store, statementIds);
    if (!hasRole(principal.role, 'editor')) {
      requireClaimAllowed(principal, input.claimStatus);
      if (publishAt !== undefined)
        throw new DomainError('forbidden', 'only an editor can schedule an update', { field: 'publishAt' });
      const submission = await liveBlog.submitUpdate(id, { ...input, media }, principal);
      await saveCitations(store, submission.id, cited);
      await audit(principal, 'update.submit', submission.id, { storyId: id });
      return reply
        .code(201)
        .header('location', `/api/v1/updates/${submission.id}`)
        .send(await withCitationsOne(store, submissionJson(submission)));
    }
    if (publishAt !== undefined) {
      const scheduled = await liveBlog.scheduleUpdate(id, { ...input, media }, principal, publishAt);
      await saveCitations(store, scheduled.id, cited);
      await audit(principal, 'update.schedule', scheduled.id, { storyId: id, publishAt });
      return reply
        .code(201)
        .header('location', `/api/v1/updates/${scheduled.id}`)
        .send(await withCitationsOne(store, submissionJson(scheduled)));
    }
    const update = await liveBlog.publishUpdate(id, { ...input, media }, principal.name);
    await saveCitations(store, update.id, cited);
    await audit(principal, 'update.publish', update.id, { storyId: id, claimStatus: update.claimStatus });
    const url = storyPath(await deskSlugOf(story), story.slug);
    return reply
      .code(201)
      .header('location', `/api/v1/updates/${update.id}`)
      .send(await withCitationsOne(store, updateJson(update, url)));
  });

  app.get('/stories/:id/submissions', async (request) => {
    const principal = await requireRole(store, request, 'contributor');
    const { id } = parseInput(IdParams, request.params, 'path');
    await writableStory(principal, id);
    // ?mine=1: the caller's own, in any state, newest first (a contributor sees why one was rejected).
    if ((request.query as { mine?: string }).mine === '1') {
      const mine = await store.submissions.listByAuthor(id, principal.key, 50);
      return { items: await withCitations(store, mine.map(submissionJson)), nextCursor: null };
    }
    const pending = await store.submissions.listPending(id);
    // Contributors see their own; editors the whole queue.
    const visible = hasRole(principal.role, 'editor')
      ? pending
      : pending.filter((s) => s.authorKey === principal.key);
    return { items: await withCitations(store, visible.map(submissionJson)), nextCursor: null };
  });

  app.post('/updates/:id/approve', async (request) => {
    const principal = await requireRole(store, request, 'editor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const { mediaId, statementIds, ...changes } = parseInput(ApproveSchema, request.body ?? {});
    const submission = await store.submissions.getById(id);
    if (!submission) throw notFound('submission');
    const story = await writableStory(principal, submission.storyId);
    const media = await mediaFor(deps.media, mediaId);
    const cited = await checkCitations(store, statementIds);
    const update = await liveBlog.approveSubmission(id, { ...changes, media }, principal.name);
    await saveCitations(store, update.id, cited);
    await audit(principal, 'update.approve', id, { storyId: update.storyId });
    return withCitationsOne(store, updateJson(update, storyPath(await deskSlugOf(story), story.slug)));
  });

  app.post('/updates/:id/reject', async (request) => {
    const principal = await requireRole(store, request, 'editor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const { reason } = parseInput(RejectSchema, request.body ?? {});
    const submission = await store.submissions.getById(id);
    if (!submission) throw notFound('submission');
    await writableStory(principal, submission.storyId);
    const rejected = await liveBlog.rejectSubmission(id, reason, principal.name);
    await audit(principal, 'update.reject', id, { reason });
    return submissionJson(rejected);
  });

  /** Records who did what for the admins' audit log. */
  async function audit(
    principal: Principal,
    action: string,
    target: string,
    detail: Record<string, unknown>,
  ) {
    await store.audit.record({ actor: principal.name, actorKey: principal.key, action, target, detail });
  }

  /** The story if it exists and the caller may write to its desk. */
  async function writableStory(principal: Principal, id: string): Promise<Story> {
    const story = await store.stories.getById(id);
    if (!story) throw notFound('story');
    requireDesk(principal, story.deskId);
    return story;
  }

  /** The update (not deleted) if the caller may change it. */
  async function writableUpdate(principal: Principal, id: string): Promise<Update> {
    const update = await store.updates.getById(id);
    if (!update || update.deletedAt !== null) throw notFound('update');
    await writableStory(principal, update.storyId);
    return update;
  }

  async function liveUpdate(request: FastifyRequest, id: string) {
    const update = await store.updates.getById(id);
    if (!update || update.deletedAt !== null) throw notFound('update');
    const story = await readableStory(request, update.storyId);
    return { update, url: storyPath(await deskSlugOf(story), story.slug) };
  }

  app.get('/updates/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const submission = await store.submissions.getById(id);
    // A submission is seen by its desk's editors and its author until it is published under the same id.
    if (submission && submission.status !== 'approved') {
      const principal = await authenticate(store, request);
      const deskId = (await store.stories.getById(submission.storyId))?.deskId ?? null;
      const mayRead =
        principal !== null &&
        (principal.key === submission.authorKey ||
          (hasRole(principal.role, 'editor') && mayUseDesk(principal, deskId)));
      if (!mayRead) throw notFound('update');
      return withCitationsOne(store, submissionJson(submission));
    }
    const { update, url } = await liveUpdate(request, id);
    return withCitationsOne(store, updateJson(update, url));
  });

  app.get('/updates/:id/revisions', async (request) => {
    const principal = await requireRole(store, request, 'editor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const update = await store.updates.getById(id);
    if (!update) throw notFound('update');
    // Revisions hold deleted and earlier text: only for editors of the update's desk.
    await writableStory(principal, update.storyId);
    return { items: (await store.updates.listRevisions(id)).map(revisionJson), nextCursor: null };
  });

  app.patch('/updates/:id', async (request) => {
    const principal = await requireRole(store, request, 'contributor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const pending = await store.submissions.getById(id);
    if (pending && pending.status !== 'approved') {
      // A waiting submission (or scheduled update): its author corrects it, or an editor does.
      await writableStory(principal, pending.storyId);
      if (!hasRole(principal.role, 'editor') && pending.authorKey !== principal.key)
        throw new DomainError('forbidden', 'contributors can edit only their own submissions');
      if (pending.status !== 'pending')
        throw new DomainError('conflict', `submission is already ${pending.status}`);
      const { mediaId, statementIds, ...changes } = parseInput(EditSubmissionSchema, request.body);
      requireClaimAllowed(principal, changes.claimStatus);
      const media = await mediaFor(deps.media, mediaId);
      const cited = await checkCitations(store, statementIds);
      const edited = await liveBlog.editSubmission(id, { ...changes, media });
      await saveCitations(store, edited.id, cited);
      await audit(principal, 'update.submission_edit', id, { storyId: edited.storyId });
      return withCitationsOne(store, submissionJson(edited));
    }
    const { version, mediaId, statementIds, ...patch } = parseInput(PatchUpdateSchema, request.body);
    const before = await writableUpdate(principal, id);
    const media = await mediaFor(deps.media, mediaId);
    if (!hasRole(principal.role, 'editor'))
      throw new DomainError('forbidden', 'contributors cannot edit published updates; ask an editor');
    const cited = await checkCitations(store, statementIds);
    const update = await liveBlog.editUpdate(id, version, { ...patch, media }, principal.name);
    await saveCitations(store, update.id, cited);
    await audit(principal, 'update.edit', id, { version: update.version });
    if (update.claimStatus !== before.claimStatus || update.claimNote !== before.claimNote)
      await audit(principal, 'update.claim', id, {
        from: before.claimStatus,
        to: update.claimStatus,
        note: update.claimNote,
      });
    const { url } = await liveUpdate(request, update.id);
    return withCitationsOne(store, updateJson(update, url));
  });

  app.delete('/updates/:id', async (request, reply) => {
    const principal = await requireRole(store, request, 'contributor');
    const { id } = parseInput(IdParams, request.params, 'path');
    const submission = await store.submissions.getById(id);
    if (submission && submission.status === 'pending') {
      await writableStory(principal, submission.storyId);
      if (!hasRole(principal.role, 'editor') && submission.authorKey !== principal.key)
        throw new DomainError('forbidden', 'contributors can withdraw only their own submissions');
      await liveBlog.withdrawSubmission(id, principal.name);
      await audit(principal, 'update.withdraw', id, {});
      return reply.code(204).send();
    }
    await writableUpdate(principal, id);
    if (!hasRole(principal.role, 'editor'))
      throw new DomainError('forbidden', 'contributors cannot delete published updates');
    await liveBlog.deleteUpdate(id, principal.name);
    await audit(principal, 'update.delete', id, {});
    return reply.code(204).send();
  });

  // Live streams (Server-Sent Events)
  app.get('/stories/:id/live', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { since } = parseInput(LiveQuery, request.query, 'query');
    const story = await readableStory(request, id);
    // The hub resumes from Last-Event-ID if sent, else from `since` (the page's last event when rendered).
    return streamSlots.open(request, reply, () => {
      hub.attachStory(story.id, since, request.raw, reply.raw);
      // A draft's stream is open only to the signed-in: it ends when their token or session does.
      if (story.status === 'draft')
        endWhenCredentialsLapse(store, request, reply.raw, 'contributor', () => reply.raw.destroy());
    });
  });

  app.get('/live', async (request, reply) => {
    const { since } = parseInput(LiveQuery, request.query, 'query');
    return streamSlots.open(request, reply, () => hub.attachSite(since, request.raw, reply.raw));
  });
}

/** Contributors may not mark a claim verified: that is an editor's judgement. */
function requireClaimAllowed(principal: Principal, claimStatus: string | undefined): void {
  if (claimStatus === 'verified' && !hasRole(principal.role, 'editor'))
    throw new DomainError('forbidden', 'only an editor can set claimStatus to verified', {
      field: 'claimStatus',
    });
}
