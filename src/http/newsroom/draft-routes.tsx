/**
 * The story editor's held drafts and its whole-page preview. Drafts: a fragment the page re-fetches when
 * the newsroom's private `draft` events say a colleague changed one (editors of the desk only). Preview:
 * the reader page as it would look with the composer's update at the top, rendered by the reader's own
 * story page renderer, marked PREVIEW, never stored, cached or indexed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { AccountService } from '../../accounts/account-service.ts';
import type { PublishingService } from '../../service/publishing.ts';
import type { Store } from '../../store/store.ts';
import { CreateUpdateSchema } from '../api/schemas.ts';
import { parseInput } from '../kit/parse-input.ts';
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

/** The composer's fields as the API takes them (JSON), with the session's CSRF token beside them. */
const PreviewForm = z.object({
  _csrf: z.string().max(200).default(''),
  payload: z.string().max(100_000, 'must be at most 100000 characters'),
  draftId: z.string().max(64).optional(),
});

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
  app.post('/newsroom/stories/:id/preview', async (request, reply) => {
    if (!isSameOrigin(request))
      throw new DomainError('forbidden', 'preview from this site’s own editor', { field: 'origin' });
    // A plain form post carries its CSRF token in the body (as sign-out does), so the session is
    // resumed here rather than by `authenticate`, which wants it in a header.
    const secret = request.cookies[SESSION_COOKIE];
    const found = secret ? await deps.accounts.resume(secret) : null;
    if (!found) throw new DomainError('unauthorized', 'sign in to the newsroom first');
    const principal: Principal = {
      key: `user:${found.user.id}`,
      name: found.user.name,
      role: found.user.role,
      desks: found.user.desks,
      userId: found.user.id,
      csrfToken: found.session.csrfToken,
    };
    const form = parseInput(PreviewForm, request.body ?? {});
    if (!sameSecret(form._csrf, found.session.csrfToken))
      throw new DomainError('forbidden', 'the editor page has expired; reload it and try again', {
        field: '_csrf',
      });
    let fields: unknown;
    try {
      fields = JSON.parse(form.payload);
    } catch {
      throw invalid('payload', 'payload: must be the update as JSON');
    }
    const { id } = request.params as { id: string };
    const input = parseInput(CreateUpdateSchema, fields);
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
  });
}
