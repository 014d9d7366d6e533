/** The JSON API under /api/v1. Reads of live and ended stories are public; writes need a token. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { storyPath } from '../../domain/paths.ts';
import type { Story, Submission } from '../../domain/types.ts';
import type { AccountService } from '../../accounts/account-service.ts';
import type { MediaService } from '../../media/media-service.ts';
import type { LiveBus } from '../../live/bus.ts';
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
  type Principal,
} from '../auth.ts';
import { sendProblem } from '../problem.ts';
import { bodyChoice, endpoints } from '../kit/endpoint.ts';
import { errors, json, page, problem, ref } from '../kit/openapi-parts.ts';
import { registerMediaRoutes } from './media-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { registerAuthorRoutes } from './author-routes.ts';
import { deskJson, revisionJson, storyJson, submissionJson, updateJson } from '../../domain/api-json.ts';
import { withCitations, withCitationsOne } from './update-citations.ts';
import {
  CreateDeskSchema,
  CreateStorySchema,
  CreateUpdateSchema,
  ApproveSchema,
  EditSubmissionSchema,
  PageQuerySchema,
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
  /** Where a draft's stream hears that someone's access lessened. */
  bus: Pick<LiveBus, 'subscribePrivate'>;
  /** Caps on concurrent live streams per client address and in total. */
  streamSlots: StreamSlots;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const SlugParams = z.object({ slug: z.string().min(1).max(80) });
const DayParams = z.object({
  slug: z.string().min(1).max(80),
  date: z.string().max(10).meta({ format: 'date' }),
});
const LiveQuery = z.object({
  since: z
    .string()
    .regex(/^\d{1,15}$/, 'must be an event id (an integer)')
    .optional(),
});

/** Registers the API routes on `app` (mounted under /api/v1). */
export async function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { store, publishing, hub, bus, streamSlots } = deps;
  const define = endpoints(app, store);

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
  await registerAuthorRoutes(app, deps);

  // Generated once, on first request, from every endpoint declared by then (all, once the app is ready).
  let openApi: string | null = null;
  app.get('/openapi.json', async (_request, reply) => {
    openApi ??= JSON.stringify(app.swagger());
    return reply.type('application/json').send(openApi);
  });

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
  define({
    method: 'GET',
    url: '/desks',
    docs: {
      summary: 'List desks',
      responses: { '200': { description: 'Desks', content: json(page('Desk')) } },
    },
    handler: async () => ({ items: (await store.desks.list()).map(deskJson), nextCursor: null }),
  });

  // Each write declares its least role, checked before its input is parsed (so nobody hears 401 after
  // a 400); the publishing service owns every rule; handlers only shape the answer.
  define({
    method: 'POST',
    url: '/desks',
    permissions: WRITE_ROLES.createDesk,
    body: CreateDeskSchema,
    status: 201,
    docs: {
      summary: 'Create a desk (admin)',
      secured: true,
      responses: {
        '201': { description: 'Created', content: json(ref('Desk')) },
        '409': problem('Slug taken'),
        ...errors,
      },
    },
    handler: async ({ principal, body, reply }) => {
      const desk = await publishing.createDesk(principal, body);
      reply.header('location', `/api/v1/desks/${desk.slug}`);
      return deskJson(desk);
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug',
    params: SlugParams,
    docs: {
      summary: 'Get a desk',
      responses: { '200': { description: 'The desk', content: json(ref('Desk')) }, ...errors },
    },
    handler: async ({ params }) => {
      const desk = await store.desks.getBySlug(params.slug);
      if (!desk) throw notFound('desk');
      return deskJson(desk);
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug/stories',
    params: SlugParams,
    querystring: PageQuerySchema,
    docs: {
      summary: 'A desk’s stories, newest day first',
      responses: { '200': { description: 'Stories', content: json(page('Story')) }, ...errors },
    },
    handler: async ({ request, params, query }) => {
      const desk = await store.desks.getBySlug(params.slug);
      if (!desk) throw notFound('desk');
      const principal = await authenticate(store, request);
      // Drafts are listed only to those who may work on the desk.
      const publicOnly = principal === null || !mayUseDesk(principal, desk.id);
      const { limit, cursor } = query;
      const page = await store.stories.listByDesk(desk.id, { limit, cursor: cursor ?? null, publicOnly });
      return { items: page.items.map((s) => storyJson(s, desk.slug)), nextCursor: page.nextCursor };
    },
  });

  // Opens (creating if needed) the desk's page for a date: an editor preparing tomorrow's page.
  define({
    method: 'PUT',
    url: '/desks/:slug/days/:date',
    permissions: WRITE_ROLES.openDay,
    params: DayParams,
    docs: {
      summary: 'Open the desk’s page for a date, creating "<Desk>, <day Month>" if missing (editor)',
      secured: true,
      responses: {
        '200': { description: 'Existing page', content: json(ref('Story')) },
        '201': { description: 'Created page', content: json(ref('Story')) },
        ...errors,
      },
    },
    handler: async ({ principal, params, reply }) => {
      const { story, desk, created } = await publishing.openDay(principal, params.slug, params.date);
      reply.code(created ? 201 : 200);
      return storyJson(story, desk.slug);
    },
  });

  // Stories
  define({
    method: 'POST',
    url: '/stories',
    permissions: WRITE_ROLES.createStory,
    body: CreateStorySchema,
    status: 201,
    docs: {
      summary: 'Create a story (editor)',
      secured: true,
      responses: {
        '201': { description: 'Created', content: json(ref('Story')) },
        '409': problem('Slug taken'),
        ...errors,
      },
    },
    handler: async ({ principal, body, reply }) => {
      const story = await publishing.createStory(principal, body);
      reply.header('location', `/api/v1/stories/${story.id}`);
      return storyJson(story, body.desk ?? null);
    },
  });

  define({
    method: 'GET',
    url: '/stories/:id',
    params: IdParams,
    docs: {
      summary: 'Get a story',
      responses: { '200': { description: 'The story', content: json(ref('Story')) }, ...errors },
    },
    handler: async ({ request, params }) => {
      const story = await readableStory(request, params.id);
      return storyJson(story, await deskSlugOf(story));
    },
  });

  define({
    method: 'PATCH',
    url: '/stories/:id',
    permissions: WRITE_ROLES.patchStory,
    params: IdParams,
    body: PatchStorySchema,
    docs: {
      summary: 'Edit a story header (editor)',
      secured: true,
      responses: {
        '200': { description: 'Edited', content: json(ref('Story')) },
        '409': problem('Stale version; `current` holds the story'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const { version, ...patch } = body;
      const story = await publishing.patchStory(principal, params.id, version, patch);
      return storyJson(story, await deskSlugOf(story));
    },
  });

  // Updates
  define({
    method: 'GET',
    url: '/stories/:id/updates',
    params: IdParams,
    querystring: PageQuerySchema,
    docs: {
      summary: 'A story’s updates, newest first',
      responses: { '200': { description: 'Updates', content: json(page('Update')) }, ...errors },
    },
    handler: async ({ request, params, query }) => {
      const story = await readableStory(request, params.id);
      const url = storyPath(await deskSlugOf(story), story.slug);
      const page = await store.updates.listByStory(story.id, {
        limit: query.limit,
        cursor: query.cursor ?? null,
      });
      const items = await withCitations(
        store,
        page.items.map((u) => updateJson(u, url)),
      );
      return { items, nextCursor: page.nextCursor };
    },
  });

  // An editor's update is published at once; a contributor's is a submission for an editor to approve.
  define({
    method: 'POST',
    url: '/stories/:id/updates',
    permissions: WRITE_ROLES.postUpdate,
    params: IdParams,
    body: CreateUpdateSchema,
    status: 201,
    docs: {
      summary: 'Publish an update (editor)',
      secured: true,
      responses: {
        '201': { description: 'Published', content: json(ref('Update')) },
        '409': problem('The story has ended'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body, reply }) => {
      const posted = await publishing.postUpdate(principal, params.id, body);
      const json =
        posted.kind === 'published'
          ? updateJson(posted.update, storyPath(await deskSlugOf(posted.story), posted.story.slug))
          : submissionJson(posted.submission);
      reply.header('location', `/api/v1/updates/${json.id}`);
      return withCitationsOne(store, json);
    },
  });

  define({
    method: 'GET',
    url: '/stories/:id/submissions',
    permissions: WRITE_ROLES.listSubmissions,
    params: IdParams,
    docs: {
      summary:
        'Pending submissions, oldest first (editors: all; contributors: their own); `?mine=1`: the caller’s own in any state, newest first, with rejection reasons',
      secured: true,
      responses: { '200': { description: 'Submissions' }, ...errors },
    },
    handler: async ({ request, principal, params }) => {
      // `mine` is read as it always was (only "1" counts), and stays out of the documented contract.
      const mine = (request.query as { mine?: string }).mine === '1';
      const items = await publishing.listSubmissions(principal, params.id, mine);
      return { items: await withCitations(store, items.map(submissionJson)), nextCursor: null };
    },
  });

  define({
    method: 'GET',
    url: '/stories/:id/drafts',
    permissions: WRITE_ROLES.listDrafts,
    params: IdParams,
    docs: {
      summary: 'Held drafts of a story, last saved first (editors of its desk)',
      secured: true,
      responses: { '200': { description: 'Drafts (status `draft`)' }, ...errors },
    },
    handler: async ({ principal, params }) => {
      const items = await publishing.listDrafts(principal, params.id);
      return { items: await withCitations(store, items.map(submissionJson)), nextCursor: null };
    },
  });

  define({
    method: 'POST',
    url: '/updates/:id/publish',
    permissions: WRITE_ROLES.publishDraft,
    params: IdParams,
    body: z.strictObject({
      savedAt: z
        .string()
        .max(40)
        .optional()
        .describe(
          'the draft’s last save the editor saw: if a colleague saved it since, 409 instead of publishing',
        ),
    }),
    emptyBody: {},
    docs: {
      summary:
        'Publish a held draft (editors of its desk): now, or as a scheduled update when its `publishAt` is still ahead',
      secured: true,
      bodyOptional: true,
      responses: {
        '200': { description: 'Published (or scheduled) under the draft’s id', content: json(ref('Update')) },
        '409': problem('Not a draft any more, or saved since `savedAt`; `current` holds it'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const posted = await publishing.publishDraft(principal, params.id, body.savedAt);
      const json =
        posted.kind === 'published'
          ? updateJson(posted.update, storyPath(await deskSlugOf(posted.story), posted.story.slug))
          : submissionJson(posted.submission);
      return withCitationsOne(store, json);
    },
  });

  define({
    method: 'POST',
    url: '/updates/:id/approve',
    permissions: WRITE_ROLES.approve,
    params: IdParams,
    body: ApproveSchema,
    emptyBody: {},
    docs: {
      summary: 'Publish a contributor’s submission (editor); optional changes apply first',
      secured: true,
      bodyOptional: true,
      responses: {
        '200': { description: 'Published under the submission’s id', content: json(ref('Update')) },
        '409': problem('Not pending any more; `current` holds the submission'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const { update, story } = await publishing.approve(principal, params.id, body);
      return withCitationsOne(store, updateJson(update, storyPath(await deskSlugOf(story), story.slug)));
    },
  });

  define({
    method: 'POST',
    url: '/updates/:id/reject',
    permissions: WRITE_ROLES.reject,
    params: IdParams,
    body: RejectSchema,
    emptyBody: {},
    docs: {
      summary: 'Turn down a submission with a reason the contributor sees (editor)',
      secured: true,
      responses: { '200': { description: 'The rejected submission' }, ...errors },
    },
    handler: async ({ principal, params, body }) =>
      submissionJson(await publishing.reject(principal, params.id, body.reason)),
  });

  /**
   * A save naming `savedAt` but no version comes from an editor still on a draft that a colleague
   * published meanwhile: say who published it (to the desk's editors) and change nothing, rather than
   * ask for a version the editor never had.
   */
  async function refuseDraftPublishedMeanwhile(principal: Principal, id: string, body: unknown) {
    const sent = (body ?? {}) as { savedAt?: unknown; version?: unknown };
    if (sent.savedAt === undefined || sent.version !== undefined) return;
    const was = await store.submissions.getById(id);
    if (was?.status !== 'approved') return;
    const story = await store.stories.getById(was.storyId);
    if (!story || !mayUseDesk(principal, story.deskId)) return;
    throw new DomainError(
      'conflict',
      `${was.decidedBy ?? 'A colleague'} published this draft while you were editing; your changes are not saved (they are still in your form): edit the published update to add them`,
    );
  }

  async function liveUpdate(request: FastifyRequest, id: string) {
    const update = await store.updates.getById(id);
    if (!update || update.deletedAt !== null) throw notFound('update');
    const story = await readableStory(request, update.storyId);
    return { update, url: storyPath(await deskSlugOf(story), story.slug) };
  }

  define({
    method: 'GET',
    url: '/updates/:id',
    params: IdParams,
    docs: {
      summary: 'Get an update',
      responses: { '200': { description: 'The update', content: json(ref('Update')) }, ...errors },
    },
    handler: async ({ request, params }) => {
      const { id } = params;
      const submission = await store.submissions.getById(id);
      // A draft is seen by its desk's editors only; to anyone else it does not exist, nor to anyone
      // once deleted (a draft is one that was ever saved as one: `savedAt` is set).
      const heldDraft = submission?.savedAt != null && ['draft', 'withdrawn'].includes(submission.status);
      if (heldDraft) {
        const principal = await authenticate(store, request);
        if (principal === null) throw notFound('update');
        return withCitationsOne(store, submissionJson(await publishing.readDraft(principal, id)));
      }
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
    },
  });

  define({
    method: 'GET',
    url: '/updates/:id/revisions',
    permissions: 'editor',
    params: IdParams,
    docs: {
      summary: 'Every change of an update (editor)',
      secured: true,
      responses: { '200': { description: 'Revisions, oldest first' }, ...errors },
    },
    handler: async ({ principal, params }) => {
      const update = await store.updates.getById(params.id);
      if (!update) throw notFound('update');
      // Revisions hold deleted and earlier text: only for editors of the update's desk.
      const story = await store.stories.getById(update.storyId);
      if (!story) throw notFound('story');
      requireDesk(principal, story.deskId);
      return { items: (await store.updates.listRevisions(params.id)).map(revisionJson), nextCursor: null };
    },
  });

  // A waiting submission is corrected by its author or an editor; a published update is edited by
  // editors. Which schema applies depends on what the id names: the kit asks before parsing the body.
  define({
    method: 'PATCH',
    url: '/updates/:id',
    permissions: WRITE_ROLES.editUpdate,
    params: IdParams,
    body: bodyChoice({
      schemas: { update: PatchUpdateSchema, submission: EditSubmissionSchema },
      choose: async (request, principal) => {
        const { id } = request.params as z.output<typeof IdParams>;
        if (await publishing.isUnpublishedSubmission(id)) return 'submission';
        // Refused before the body is read: a draft's save has no `version` to be asked for.
        if (principal) await refuseDraftPublishedMeanwhile(principal, id, request.body);
        return 'update';
      },
      documented: 'update',
    }),
    docs: {
      summary:
        'Edit an update (editor), or a pending submission (its author, or an editor; `version` not needed)',
      secured: true,
      responses: {
        '200': { description: 'Edited', content: json(ref('Update')) },
        '409': problem('Stale `version` (a draft: stale `savedAt`); `current` holds the update or draft'),
        ...errors,
      },
    },
    handler: async ({ request, principal, params, body }) => {
      const { id } = params;
      if (body.kind === 'submission') {
        const { version: _ignored, ...changes } = body.value;
        const edited = await publishing
          .editSubmission(principal, id, changes)
          .catch(async (error: unknown) => {
            // A colleague's save: `current` is their draft as GET /updates/{id} shows it, for the merge.
            if (
              error instanceof DomainError &&
              error.code === 'conflict' &&
              isSubmission(error.details.current)
            )
              throw new DomainError(error.code, error.message, {
                current: await withCitationsOne(store, submissionJson(error.details.current)),
              });
            throw error;
          });
        return withCitationsOne(store, submissionJson(edited));
      }
      const { version, savedAt, ...changes } = body.value;
      if (savedAt !== undefined) throw invalid('savedAt', 'savedAt: only a draft has a last save');
      const update = await publishing.editUpdate(principal, id, version, changes);
      const { url } = await liveUpdate(request, update.id);
      return withCitationsOne(store, updateJson(update, url));
    },
  });

  define({
    method: 'DELETE',
    url: '/updates/:id',
    permissions: WRITE_ROLES.removeUpdate,
    params: IdParams,
    status: 204,
    docs: {
      summary: 'Delete an update (editor); a tombstone is kept',
      secured: true,
      responses: { '204': { description: 'Deleted' }, ...errors },
    },
    handler: async ({ principal, params, reply }) => {
      await publishing.removeUpdate(principal, params.id);
      return reply.send();
    },
  });

  // Live streams (Server-Sent Events)
  const lastEventId = { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } };
  const eventStream = (description: string) => ({
    description,
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  });
  // Over a cap or opening too fast: refused before the query is parsed or the story looked up.
  define({
    method: 'GET',
    url: '/stories/:id/live',
    onRequest: streamSlots.admit,
    params: IdParams,
    querystring: LiveQuery,
    docs: {
      summary: 'Live events of a story (Server-Sent Events)',
      description:
        'Events `update`, `edit`, `delete`, `story`; `id:` is the story’s event sequence. Reconnect with `Last-Event-ID` (or `?since=`) to receive exactly the events missed.',
      parameters: [lastEventId],
      responses: { '200': eventStream('An event stream'), ...errors },
    },
    handler: async ({ request, reply, params, query }) => {
      const story = await readableStory(request, params.id);
      // The hub resumes from Last-Event-ID if sent, else from `since` (the page's last event when rendered).
      return streamSlots.open(request, reply, () => {
        hub.attachStory(story.id, query.since, request.raw, reply.raw);
        // A draft's stream is open only to the signed-in: it ends when their token or session does.
        if (story.status === 'draft')
          endWhenCredentialsLapse(store, bus, request, reply.raw, 'contributor', () => reply.raw.destroy());
      });
    },
  });

  define({
    method: 'GET',
    url: '/live',
    onRequest: streamSlots.admit,
    querystring: LiveQuery,
    docs: {
      summary: 'Live events of all live stories (Server-Sent Events), for the LATEST rail',
      parameters: [lastEventId],
      responses: { '200': eventStream('An event stream; `id:` is the site-wide event id') },
    },
    handler: async ({ request, reply, query }) =>
      streamSlots.open(request, reply, () => hub.attachSite(query.since, request.raw, reply.raw)),
  });
}

/** Whether a conflict's `current` is a submission record (a store's), not yet in its API shape. */
function isSubmission(value: unknown): value is Submission {
  return typeof value === 'object' && value !== null && 'content' in value && 'authorKey' in value;
}
