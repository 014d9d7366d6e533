/**
 * The story editor's held drafts and its whole-page preview. Drafts: a fragment the page re-fetches when
 * the newsroom's private `draft` events say a colleague changed one (editors of the desk only). Preview:
 * the reader page as it would look with the composer's update at the top, rendered by the reader's own
 * story page renderer, marked PREVIEW, never stored, cached or indexed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { AccountService } from '../../accounts/account-service.ts';
import type { PublishingService } from '../../service/publishing.ts';
import type { Store } from '../../store/store.ts';
import { CreateUpdateSchema } from '../api/schemas.ts';
import { forms } from '../kit/form.ts';
import { authenticate, sameSecret, SESSION_COOKIE, type Principal } from '../auth.ts';
import { sendPage } from '../kit/send-page.ts';
import type { StoryPreview } from '../reader/routes.tsx';
import { DEFAULT_TIMEZONE } from '../reader/story-place.ts';
import { isSameOrigin } from '../same-origin.ts';
import { DraftsList } from './drafts-view.tsx';

/** What the drafts and preview routes need. */
export interface DraftRouteDeps {
  store: Store;
  accounts: AccountService;
  publishing: PublishingService;
  previewStoryPage: StoryPreview;
}

/**
 * The composer's fields as the API takes them (JSON in `payload`, parsed with the API's schema), and
 * the draft they change; the session's CSRF token (`_csrf`) beside them is checked first (previewer).
 */
const PreviewForm = z.object({
  payload: z.string().max(100_000, 'must be at most 100000 characters'),
  draftId: z.string().max(64).optional(),
});
const PreviewParams = z.object({ id: z.string() });

/** Registers the drafts fragment and the preview page. */
export function registerDraftRoutes(app: FastifyInstance, deps: DraftRouteDeps): void {
  const { store, publishing } = deps;

  /** The signed-in newsroom user (a session, not a token): these are the browser's own routes. */
  async function sessionUser(request: FastifyRequest): Promise<Principal> {
    const principal = await authenticate(store, request).catch(() => null);
    if (!principal?.userId) throw new DomainError('unauthorized', 'sign in to the newsroom first');
    return principal;
  }

  app.get('/newsroom/stories/:id/drafts', async (request, reply) => {
    const principal = await sessionUser(request);
    const { id } = request.params as { id: string };
    // The service checks the role and the desk (403), as the API's list does.
    const drafts = await publishing.listDrafts(principal, id);
    const story = await store.stories.getById(id);
    const desk = story?.deskId ? await store.desks.getById(story.deskId) : null;
    const view = { timezone: desk?.timezone ?? DEFAULT_TIMEZONE, drafts };
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderToString(<DraftsList view={view} />));
  });

  // A form the composer posts into a new tab (so it works as a page, with its own address bar), with
  // the CSRF token in the body: nothing is written, but what it shows is the editor's unpublished work.
  forms(app)({
    url: '/newsroom/stories/:id/preview',
    who: previewer,
    params: PreviewParams,
    fields: PreviewForm,
    json: { field: 'payload', schema: CreateUpdateSchema, what: 'the update' },
    handler: async ({ reply, who: principal, params: { id }, fields: form, json: input }) => {
      const { story, update, statementIds } = await publishing.previewUpdate(
        principal,
        id,
        input,
        form.draftId,
      );
      const cited = await store.statements.getMany(statementIds);
      const byId = new Map(cited.map((s) => [s.id, s]));
      const html = await deps.previewStoryPage(
        story,
        update,
        statementIds.flatMap((s) => byId.get(s) ?? []),
      );
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendPage(reply, { html, cache: 'no-store', script: false });
    },
  });

  /**
   * The editor previewing: this site's own page, a newsroom session, and the session's CSRF token in
   * the form's `_csrf` (checked before any field is read). A plain form post carries the token in its
   * body (as sign-out does), so the session is resumed here rather than by `authenticate`, which wants
   * it in a header.
   */
  async function previewer(request: FastifyRequest): Promise<Principal> {
    if (!isSameOrigin(request))
      throw new DomainError('forbidden', 'preview from this site’s own editor', { field: 'origin' });
    const secret = request.cookies[SESSION_COOKIE];
    const found = secret ? await deps.accounts.resume(secret) : null;
    if (!found) throw new DomainError('unauthorized', 'sign in to the newsroom first');
    const csrf = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
    if (typeof csrf !== 'string' || !sameSecret(csrf, found.session.csrfToken))
      throw new DomainError('forbidden', 'the editor page has expired; reload it and try again', {
        field: '_csrf',
      });
    return {
      key: `user:${found.user.id}`,
      name: found.user.name,
      role: found.user.role,
      desks: found.user.desks,
      userId: found.user.id,
      csrfToken: found.session.csrfToken,
    };
  }
}
