/** The JSON API under /api/v1. Reads of live and ended stories are public; writes need a token. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { storyPath } from '../../domain/paths.ts';
import type { Story } from '../../domain/types.ts';
import type { AccountService } from '../../accounts/account-service.ts';
import type { MediaService } from '../../media/media-service.ts';
import type { SseHub } from '../../live/sse-hub.ts';
import type { StreamSlots } from '../stream-slots.ts';
import { WRITE_ROLES, type PublishingService } from '../../service/publishing.ts';
import type { Store } from '../../store/store.ts';
import {
  authenticate,
  endWhenCredentialsLapse,
  hasRole,
  mayReadStory,
  mayUseDesk,
  requireDesk,
  requireRole,
} from '../auth.ts';
import { sendProblem } from '../problem.ts';
import { createOpenApiDocument } from './openapi.ts';
import { registerMediaRoutes } from './media-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { deskJson, revisionJson, storyJson, submissionJson, updateJson } from '../../domain/api-json.ts';
import { withCitations, withCitationsOne } from './update-citations.ts';
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
  /** Every write: its rules, citations and audit entry. */
  publishing: PublishingService;
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
  const { store, publishing, hub, streamSlots } = deps;

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

  // Each write asks for its least role first (so nobody hears 401 after a 400), then parses and hands
  // the rest to the publishing service, which owns every rule; handlers only shape the answer.
  app.post('/desks', async (request, reply) => {
    const principal = await requireRole(store, request, WRITE_ROLES.createDesk);
    const desk = await publishing.createDesk(principal, parseInput(CreateDeskSchema, request.body));
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
    const principal = await requireRole(store, request, WRITE_ROLES.openDay);
    const { slug, date } = parseInput(DayParams, request.params, 'path');
    const { story, desk, created } = await publishing.openDay(principal, slug, date);
    return reply.code(created ? 201 : 200).send(storyJson(story, desk.slug));
  });

  // Stories
  app.post('/stories', async (request, reply) => {
    const principal = await requireRole(store, request, WRITE_ROLES.createStory);
    const input = parseInput(CreateStorySchema, request.body);
    const story = await publishing.createStory(principal, input);
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
    const principal = await requireRole(store, request, WRITE_ROLES.patchStory);
    const { id } = parseInput(IdParams, request.params, 'path');
    const { version, ...patch } = parseInput(PatchStorySchema, request.body);
    const story = await publishing.patchStory(principal, id, version, patch);
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
    const principal = await requireRole(store, request, WRITE_ROLES.postUpdate);
    const { id } = parseInput(IdParams, request.params, 'path');
    const posted = await publishing.postUpdate(principal, id, parseInput(CreateUpdateSchema, request.body));
    const json =
      posted.kind === 'published'
        ? updateJson(posted.update, storyPath(await deskSlugOf(posted.story), posted.story.slug))
        : submissionJson(posted.submission);
    return reply
      .code(201)
      .header('location', `/api/v1/updates/${json.id}`)
      .send(await withCitationsOne(store, json));
  });

  app.get('/stories/:id/submissions', async (request) => {
    const principal = await requireRole(store, request, WRITE_ROLES.listSubmissions);
    const { id } = parseInput(IdParams, request.params, 'path');
    const mine = (request.query as { mine?: string }).mine === '1';
    const items = await publishing.listSubmissions(principal, id, mine);
    return { items: await withCitations(store, items.map(submissionJson)), nextCursor: null };
  });

  app.post('/updates/:id/approve', async (request) => {
    const principal = await requireRole(store, request, WRITE_ROLES.approve);
    const { id } = parseInput(IdParams, request.params, 'path');
    const changes = parseInput(ApproveSchema, request.body ?? {});
    const { update, story } = await publishing.approve(principal, id, changes);
    return withCitationsOne(store, updateJson(update, storyPath(await deskSlugOf(story), story.slug)));
  });

  app.post('/updates/:id/reject', async (request) => {
    const principal = await requireRole(store, request, WRITE_ROLES.reject);
    const { id } = parseInput(IdParams, request.params, 'path');
    const { reason } = parseInput(RejectSchema, request.body ?? {});
    return submissionJson(await publishing.reject(principal, id, reason));
  });

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
    const story = await store.stories.getById(update.storyId);
    if (!story) throw notFound('story');
    requireDesk(principal, story.deskId);
    return { items: (await store.updates.listRevisions(id)).map(revisionJson), nextCursor: null };
  });

  // A waiting submission is corrected by its author or an editor; a published update is edited by editors.
  app.patch('/updates/:id', async (request) => {
    const principal = await requireRole(store, request, WRITE_ROLES.editUpdate);
    const { id } = parseInput(IdParams, request.params, 'path');
    if (await publishing.isUnpublishedSubmission(id)) {
      const { version: _ignored, ...changes } = parseInput(EditSubmissionSchema, request.body);
      const edited = await publishing.editSubmission(principal, id, changes);
      return withCitationsOne(store, submissionJson(edited));
    }
    const { version, ...changes } = parseInput(PatchUpdateSchema, request.body);
    const update = await publishing.editUpdate(principal, id, version, changes);
    const { url } = await liveUpdate(request, update.id);
    return withCitationsOne(store, updateJson(update, url));
  });

  app.delete('/updates/:id', async (request, reply) => {
    const principal = await requireRole(store, request, WRITE_ROLES.removeUpdate);
    const { id } = parseInput(IdParams, request.params, 'path');
    await publishing.removeUpdate(principal, id);
    return reply.code(204).send();
  });

  // Live streams (Server-Sent Events)
  // Over a cap or opening too fast: refused before the query is parsed or the story looked up.
  app.get('/stories/:id/live', { onRequest: streamSlots.admit }, async (request, reply) => {
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

  app.get('/live', { onRequest: streamSlots.admit }, async (request, reply) => {
    const { since } = parseInput(LiveQuery, request.query, 'query');
    return streamSlots.open(request, reply, () => hub.attachSite(since, request.raw, reply.raw));
  });
}
