/**
 * The newsroom editor at /newsroom: sign-in and sign-out forms, the desks page and a story's editor.
 * Pages are server-rendered; src/web/newsroom/newsroom.ts drives them through the JSON API with the session cookie
 * and its CSRF token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.ts';
import type { TokenService } from '../../accounts/token-service.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { storyPath } from '../../domain/paths.ts';
import { renderMarkdown } from '../../render/markdown.ts';
import type { LiveBlogService } from '../../service/live-blog.ts';
import type { PublishingService } from '../../service/publishing.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { clearSessionCookie, setSessionCookie } from '../api/session-routes.ts';
import {
  authenticate,
  mayUseDesk,
  requireDesk,
  sameSecret,
  SESSION_COOKIE,
  type Principal,
} from '../auth.ts';
import { DEFAULT_TIMEZONE } from '../reader/story-place.ts';
import { isSameOrigin } from '../same-origin.ts';
import { renderToString } from 'preact-render-to-string';
import type { ArticleRenderer } from '../reader/article-renderer.ts';
import type { LiveBus } from '../../live/bus.ts';
import { createSseFrame } from '../../live/sse-frame.ts';

const QUEUE_CHANGED_FRAME = createSseFrame({ event: 'queue', data: '{}' });
import { endpoints } from '../kit/endpoint.ts';
import { forms } from '../kit/form.ts';
const DRAFTS_CHANGED_FRAME = createSseFrame({ event: 'drafts', data: '{}' });
import { newsroomStreams } from '../kit/newsroom-streams.ts';
import { registerAdminPages } from './admin-pages.tsx';
import { registerDraftRoutes } from './draft-routes.tsx';
import type { StoryPreview } from '../reader/routes.tsx';
import { sendNewsroomPage } from './send-page.tsx';
import { SubmissionQueue, type QueueView } from './queue-view.tsx';
import { DashboardPage, LoginPage, PasswordPage, StoryEditorPage, type NewsroomChrome } from './views.tsx';

/** What the newsroom needs. */
export interface NewsroomDeps {
  store: Store;
  /** Carries the private `submission` events the queue stream passes on. */
  bus: LiveBus;
  liveBlog: LiveBlogService;
  publishing: PublishingService;
  accounts: AccountService;
  tokens: TokenService;
  assets: Assets;
  articles: ArticleRenderer;
  /** The reader's story page renderer, for the whole-page preview (see draft-routes.tsx). */
  previewStoryPage: StoryPreview;
}

const LoginForm = z.object({
  email: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
});
const PasswordForm = z.object({
  _csrf: z.string().max(200).default(''),
  currentPassword: z.string().max(1000).default(''),
  newPassword: z.string().max(1000).default(''),
  repeatPassword: z.string().max(1000).default(''),
});
const LogoutForm = z.object({ _csrf: z.string().max(200).default(''), everywhere: z.string().optional() });
const PreviewSchema = z.strictObject({ body: z.string().max(20_000, 'must be at most 20000 characters') });
const StreamQuery = z.object({
  cursor: z.string().max(300).optional(),
  q: z.string().max(200, 'must be at most 200 characters').optional(),
});

/** Updates shown in the editor at once; older ones load on request. */
const EDITOR_PAGE = 50;

/** Registers the newsroom routes. */
export async function registerNewsroomRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { store, accounts, assets, liveBlog, publishing } = deps;

  // HTML forms post url-encoded bodies; three lines of URLSearchParams rather than another plugin.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const chrome = (principal: Principal | null, script: boolean): NewsroomChrome => ({
    css: [assets.url('reader.css'), assets.url('newsroom.css')],
    js: script ? assets.url('newsroom.js') : null,
    user: principal ? { name: principal.name, role: principal.role } : null,
    csrfToken: principal?.csrfToken ?? null,
  });

  const send = sendNewsroomPage;
  const form = forms(app);
  const define = endpoints(app, store);

  /** The signed-in user, or a redirect to the sign-in page. */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    // One-time passwords never get here: temporary-password-gate.ts sends them to /newsroom/password.
    const principal = await authenticate(store, request).catch(() => null);
    if (principal?.userId) return principal;
    await reply.redirect('/newsroom/login', 303);
    return null;
  }

  // Choosing one's own password: required after an admin's one-time password, open to everyone.
  // A plain form (works without JavaScript), so the CSRF token comes in the body.
  app.get('/newsroom/password', async (request, reply) => {
    const principal = await authenticate(store, request).catch(() => null);
    if (!principal?.userId) return reply.redirect('/newsroom/login', 303);
    return send(
      reply,
      200,
      'Password',
      chrome(principal, false),
      <PasswordPage
        error={null}
        forced={principal.passwordTemporary === true}
        csrf={principal.csrfToken ?? ''}
      />,
    );
  });

  form({
    url: '/newsroom/password',
    fields: PasswordForm,
    handler: async ({ request, reply, fields: form }) => {
      const secret = request.cookies[SESSION_COOKIE];
      const found = secret ? await accounts.resume(secret) : null;
      if (!found) return reply.redirect('/newsroom/login', 303);
      if (!sameSecret(form._csrf, found.session.csrfToken))
        throw new DomainError('forbidden', 'the password form has expired; reload and try again', {
          field: '_csrf',
        });
      const principal: Principal = {
        key: `user:${found.user.id}`,
        name: found.user.name,
        role: found.user.role,
        desks: found.user.desks,
        csrfToken: found.session.csrfToken,
      };
      try {
        if (form.newPassword !== form.repeatPassword)
          throw new DomainError('validation', 'the two new passwords differ', { field: 'repeatPassword' });
        await accounts.changeOwnPassword(found.user.id, form.currentPassword, form.newPassword, request.ip);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return send(
          reply,
          error.code === 'rate_limited' ? 429 : 400,
          'Password',
          chrome(principal, false),
          <PasswordPage
            error={error.message}
            forced={found.user.passwordTemporary}
            csrf={found.session.csrfToken}
          />,
        );
      }
      clearSessionCookie(request, reply);
      return reply.redirect('/newsroom/login?changed=1', 303);
    },
  });

  app.get('/newsroom/login', async (request, reply) => {
    const changed = (request.query as { changed?: string }).changed === '1';
    return send(
      reply,
      200,
      'Sign in',
      chrome(null, false),
      changed ? (
        <LoginPage error={null} email="" notice="Your password is set. Sign in with it." />
      ) : (
        <LoginPage error={null} email="" />
      ),
    );
  });

  form({
    url: '/newsroom/login',
    // Login CSRF: a page on another site must not sign a browser in to an account of the attacker's
    // choosing. Checked from headers browsers set (see same-origin.ts) rather than a pre-session form
    // token, so the form keeps working after its page has sat open for a day.
    who: async (request) => {
      if (!isSameOrigin(request))
        throw new DomainError('forbidden', 'sign in from this site’s own form', { field: 'origin' });
      return 'visitor' as const;
    },
    fields: LoginForm,
    handler: async ({ request, reply, fields: { email, password } }) => {
      try {
        const signIn = await accounts.signIn(email, password, request.ip);
        setSessionCookie(request, reply, signIn);
        return reply.redirect('/newsroom', 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const status = error.code === 'rate_limited' ? 429 : 401;
        return send(
          reply,
          status,
          'Sign in',
          chrome(null, false),
          <LoginPage error={error.message} email={email} />,
        );
      }
    },
  });

  // A plain form (works without JavaScript), so the CSRF token comes in the body, not a header.
  form({
    url: '/newsroom/logout',
    fields: LogoutForm,
    handler: async ({ request, reply, fields: { _csrf, everywhere } }) => {
      const secret = request.cookies[SESSION_COOKIE];
      const found = secret ? await accounts.resume(secret) : null;
      if (found) {
        if (!sameSecret(_csrf, found.session.csrfToken))
          throw new DomainError('forbidden', 'the sign-out form has expired; reload and try again', {
            field: '_csrf',
          });
        if (everywhere === '1') await accounts.signOutEverywhere(found.user.id);
        else await accounts.signOut(found.session.id);
      }
      clearSessionCookie(request, reply);
      return reply.redirect('/newsroom/login', 303);
    },
  });

  app.get('/newsroom', async (request, reply) => {
    const principal = await signedIn(request, reply);
    if (!principal) return reply;
    const desks = (await store.desks.list()).filter((d) => mayUseDesk(principal, d.id));
    const withDays = await Promise.all(
      desks.map(async (desk) => ({
        desk,
        today: liveBlog.today(desk),
        days: (await store.stories.listByDesk(desk.id, { limit: 7, publicOnly: false })).items,
      })),
    );
    const stories = (await store.stories.listByStatus(['live'], 30)).filter((s) => s.deskId === null);
    return send(
      reply,
      200,
      'Desks',
      chrome(principal, true),
      <DashboardPage desks={withDays} stories={stories} />,
    );
  });

  app.get('/newsroom/stories/:id', async (request, reply) => {
    const principal = await signedIn(request, reply);
    if (!principal) return reply;
    const { id } = request.params as { id: string };
    const story = await store.stories.getById(id);
    if (!story) throw notFound('story');
    requireDesk(principal, story.deskId);
    const desk = story.deskId === null ? null : await store.desks.getById(story.deskId);
    const [page, updateCount] = await Promise.all([
      store.updates.listByStory(story.id, { limit: EDITOR_PAGE }),
      store.updates.countByStory(story.id),
    ]);
    const queue = await queueView(principal, story.id, desk?.timezone ?? DEFAULT_TIMEZONE);
    const readerPath = storyPath(desk?.slug ?? null, story.slug);
    const view = {
      story,
      readerPath,
      timezone: queue.timezone,
      role: principal.role,
      articles: await deps.articles.render(
        page.items,
        { path: readerPath, timezone: queue.timezone },
        Date.now(),
      ),
      nextCursor: page.nextCursor,
      updateCount,
      submissions: queue.pending,
      decided: queue.decided,
      drafts: principal.role === 'contributor' ? [] : await publishing.listDrafts(principal, story.id),
    };
    return send(reply, 200, story.headline, chrome(principal, true), <StoryEditorPage view={view} />);
  });

  /** What the submissions queue shows this user (the service decides: editors all, contributors their own). */
  async function queueView(principal: Principal, storyId: string, timezone: string): Promise<QueueView> {
    const pending = await publishing.listSubmissions(principal, storyId, false);
    if (principal.role !== 'contributor') return { role: principal.role, timezone, pending, decided: [] };
    const mine = await publishing.listSubmissions(principal, storyId, true);
    const decided = mine.filter((s) => s.status !== 'pending').slice(0, 10);
    return { role: principal.role, timezone, pending, decided };
  }

  const queueStreams = newsroomStreams(app, store, deps.bus);

  // Says "the queue changed" whenever a submission of this story arrives, changes or is decided on any
  // node (private bus events, never on the readers' stream); the page then re-fetches the fragment
  // below. Contributors hear only of their own. The frame carries nothing but its name.
  app.get('/newsroom/stories/:id/queue/live', async (request, reply) => {
    const principal = await authenticate(store, request).catch(() => null);
    if (!principal?.userId) return reply.code(401).send();
    const { id } = request.params as { id: string };
    const story = await store.stories.getById(id);
    if (!story) throw notFound('story');
    requireDesk(principal, story.deskId);
    const role = principal.role;
    const res = queueStreams.start(request, reply, 'queue', 'contributor');
    const stop = deps.bus.subscribePrivate((event) => {
      // Drafts are the desk's editors' alone: a contributor's stream never hears of one.
      if (event.kind === 'draft' && event.storyId === story.id && role !== 'contributor')
        res.write(DRAFTS_CHANGED_FRAME);
      if (event.kind !== 'submission' || event.storyId !== story.id) return;
      if (role === 'contributor' && event.authorKey !== principal.key) return;
      res.write(QUEUE_CHANGED_FRAME);
    });
    res.on('close', stop);
    return reply;
  });

  // The queue as a fragment: the editor page fetches it when the queue stream says it changed
  // (submissions are not public, so they never travel on the readers' stream).
  app.get('/newsroom/stories/:id/queue', async (request, reply) => {
    const principal = await authenticate(store, request).catch(() => null);
    if (!principal?.userId) return reply.code(401).send();
    const { id } = request.params as { id: string };
    const story = await store.stories.getById(id);
    if (!story) throw notFound('story');
    requireDesk(principal, story.deskId);
    const desk = story.deskId === null ? null : await store.desks.getById(story.deskId);
    const view = await queueView(principal, story.id, desk?.timezone ?? DEFAULT_TIMEZONE);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderToString(<SubmissionQueue view={view} />));
  });

  // A page of the editor's stream as HTML (older updates, or those matching the find box): the same
  // articles the page renders, so edit controls and suggestions attach to them in the same way.
  define({
    method: 'GET',
    url: '/newsroom/stories/:id/updates',
    permissions: 'contributor',
    params: z.object({ id: z.string() }),
    querystring: StreamQuery,
    handler: async ({ reply, principal, params: { id }, query: { cursor, q } }) => {
      const story = await store.stories.getById(id);
      if (!story) throw notFound('story');
      requireDesk(principal, story.deskId);
      const desk = story.deskId === null ? null : await store.desks.getById(story.deskId);
      const contains = q?.trim() ?? '';
      const page = await store.updates.listByStory(story.id, {
        limit: EDITOR_PAGE,
        cursor: cursor ?? null,
        contains: contains === '' ? null : contains,
      });
      const articles = await deps.articles.render(
        page.items,
        { path: storyPath(desk?.slug ?? null, story.slug), timezone: desk?.timezone ?? DEFAULT_TIMEZONE },
        Date.now(),
      );
      const html = articles.join('');
      return reply.header('cache-control', 'no-store').send({ html, nextCursor: page.nextCursor });
    },
  });

  registerDraftRoutes(app, deps);

  registerAdminPages(app, {
    store,
    tokens: deps.tokens,
    publishing,
    signedIn,
    page: (reply, status, title, principal, body) =>
      send(reply, status, title, chrome(principal, true), body),
  });

  // The compose form's live preview: the same Markdown renderer and sanitiser as publishing.
  define({
    method: 'POST',
    url: '/api/v1/preview',
    permissions: 'contributor',
    body: PreviewSchema,
    handler: async ({ body: { body } }) => ({ html: renderMarkdown(body) }),
  });
}
