/**
 * The newsroom's statement pages: /newsroom/statements (paste a statement, see what it reuses),
 * /newsroom/statements/{id}, /newsroom/statements/compare-draft (an update's unsaved text against a
 * statement) and /newsroom/statement-feeds (every feed's status; admins add, disable and poll).
 * Forms post url-encoded bodies with the session's CSRF token in `_csrf`; the same role checks as the
 * JSON API apply on the server.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Role } from '../../domain/types.ts';
import { CreateFeedSchema } from '../../statements/feeds/feed-input.ts';
import { FEED_ROLES, type StatementFeedService } from '../../service/statement-feeds.ts';
import { compareStatements, parseWith, type StatementService } from '../../statements/statement-service.ts';
import { contentHashOf, MAX_STATEMENT_TEXT, type Statement } from '../../statements/statement.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { authenticate, CSRF_HEADER, hasRole, type Principal } from '../auth.ts';
import { ComparePage } from '../reader/statements/statement-views.tsx';
import { newsroomZone, zonedInstant } from '../reader/time-format.ts';
import {
  FeedStatusPage,
  StatementDeskPage,
  StatementsDeskPage,
  type FormState,
  type ReviewNotice,
} from './statements-views.tsx';
import { sendNewsroomPage } from './send-page.tsx';

/** What the newsroom's statement pages need. */
export interface NewsroomStatementDeps {
  store: Store;
  statements: StatementService;
  /** Feed management, shared with the JSON API. */
  statementFeeds: StatementFeedService;
  assets: Assets;
}

const ID = /^[0-9a-z]{10,40}$/;

const StatementForm = z.object({
  issuer: z.string().default(''),
  title: z.string().default(''),
  publishedAt: z.string().max(40).default(''),
  url: z.string().default(''),
  text: z.string().default(''),
});
const FeedForm = z.object({
  url: z.string().default(''),
  issuer: z.string().default(''),
  language: z.string().default(''),
  intervalMinutes: z.string().max(10).default(''),
});
const VERDICT = z.enum(['confirmed', 'rejected', 'undecided']);
const ReviewForm = z.object({ _csrf: z.string().optional(), verdict: VERDICT, seen: VERDICT });
const DisabledForm = z.object({ disabled: z.enum(['0', '1']) });
const DraftForm = z.object({
  id: z.string().regex(ID, 'must be a statement id'),
  text: z
    .string()
    .max(MAX_STATEMENT_TEXT, `must be at most ${MAX_STATEMENT_TEXT} characters`)
    .trim()
    .min(1, 'must not be empty'),
});

/** Registers the newsroom's statement pages. */
export async function registerNewsroomStatementPages(
  app: FastifyInstance,
  deps: NewsroomStatementDeps,
): Promise<void> {
  const { store, statements, statementFeeds: feeds, assets } = deps;

  // Plain HTML forms (this plugin is encapsulated, so the newsroom's own parser does not reach it).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  // These pages need no script.
  const send = (reply: FastifyReply, status: number, title: string, principal: Principal, body: VNode) =>
    sendNewsroomPage(
      reply,
      status,
      title,
      {
        css: [assets.url('reader.css'), assets.url('newsroom.css')],
        js: null,
        user: { name: principal.name, role: principal.role },
        csrfToken: principal.csrfToken ?? null,
      },
      body,
    );

  /**
   * The signed-in user if they have `role`; otherwise a redirect to sign in (null) or a 403. A form's
   * `_csrf` is checked exactly as the API checks the header.
   */
  async function signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    role: Role,
  ): Promise<Principal | null> {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body?.['_csrf'] === 'string') request.headers[CSRF_HEADER] = body['_csrf'];
    const principal = await authenticate(store, request);
    if (!principal) {
      await reply.redirect('/newsroom/login', 303);
      return null;
    }
    if (!hasRole(principal.role, role))
      throw new DomainError('forbidden', `this page needs the ${role} role`);
    return principal;
  }

  const formError = (error: unknown, values: Record<string, string>): FormState => {
    if (!(error instanceof DomainError) || (error.code !== 'validation' && error.code !== 'conflict'))
      throw error;
    return { values, error: { field: error.details.field ?? null, message: error.message } };
  };

  const deskPage = async (reply: FastifyReply, principal: Principal, status: number, form?: FormState) =>
    send(
      reply,
      status,
      'Official statements',
      principal,
      <StatementsDeskPage
        csrfToken={principal.csrfToken ?? ''}
        timezone={newsroomZone(await store.desks.list())}
        recent={(await store.statements.list({ limit: 20 })).items}
        {...(form && { form })}
      />,
    );

  app.get('/newsroom/statements', async (request, reply) => {
    const principal = await signedIn(request, reply, 'editor');
    return principal ? deskPage(reply, principal, 200) : reply;
  });

  app.post('/newsroom/statements', async (request, reply) => {
    const principal = await signedIn(request, reply, 'editor');
    if (!principal) return reply;
    const values = parseWith(StatementForm, request.body ?? {});
    try {
      // datetime-local sends "2026-03-19T11:30" (or with seconds), in the newsroom's zone as labelled.
      const at = values.publishedAt;
      const publishedAt = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(at)
        ? zonedInstant(at, newsroomZone(await store.desks.list()))
        : at;
      const statement = await statements.add({
        issuer: values.issuer,
        publishedAt,
        text: values.text,
        ...(values.title.trim() !== '' && { title: values.title }),
        ...(values.url.trim() !== '' && { url: values.url.trim() }),
      });
      return reply.redirect(`/newsroom/statements/${statement.id}`, 303);
    } catch (error) {
      return deskPage(reply, principal, 400, formError(error, values));
    }
  });

  // An update's unsaved text against a statement, from the composer's "Compare" (opens in a new tab).
  app.post('/newsroom/statements/compare-draft', async (request, reply) => {
    const principal = await signedIn(request, reply, 'contributor');
    if (!principal) return reply;
    const { id, text } = parseWith(DraftForm, request.body ?? {});
    const statement = await statements.get(id);
    const draft: Statement = {
      ...statement,
      id: 'draft',
      issuer: 'Your draft',
      title: 'Your draft',
      publishedAt: new Date().toISOString(),
      url: null,
      text,
      contentHash: contentHashOf(text),
    };
    return send(
      reply,
      200,
      'Your draft compared',
      principal,
      <ComparePage comparison={compareStatements([statement, draft])} unlinked={['draft']} />,
    );
  });

  const statementPage = async (
    reply: FastifyReply,
    principal: Principal,
    status: number,
    statement: Statement,
    notice: ReviewNotice | null = null,
    removeError?: string,
  ) =>
    send(
      reply,
      status,
      statement.title || 'Statement',
      principal,
      <StatementDeskPage
        statement={statement}
        similar={await statements.similarTo(statement.id, { limit: 20 })}
        timezone={newsroomZone(await store.desks.list())}
        contacts={await store.contacts.ofStatement(statement.id)}
        csrfToken={principal.csrfToken ?? ''}
        notice={notice}
        {...(removeError !== undefined && { removeError })}
      />,
    );

  app.get('/newsroom/statements/:id', async (request, reply) => {
    const principal = await signedIn(request, reply, 'editor');
    if (!principal) return reply;
    const { id } = request.params as { id: string };
    if (!ID.test(id)) throw new DomainError('not_found', 'statement not found');
    return statementPage(reply, principal, 200, await statements.get(id));
  });

  // An editor removes a statement from the library, with its contacts; refused while updates cite it.
  app.post('/newsroom/statements/:id/remove', async (request, reply) => {
    const principal = await signedIn(request, reply, 'editor');
    if (!principal) return reply;
    const { id } = request.params as { id: string };
    if (!ID.test(id)) throw new DomainError('not_found', 'statement not found');
    // Removal cannot be undone: the form asks for a tick first (it works without a script).
    if ((request.body as Record<string, unknown> | null)?.['confirm'] !== 'yes')
      return statementPage(
        reply,
        principal,
        400,
        await statements.get(id),
        null,
        'Nothing removed: tick "Remove it for good" first.',
      );
    try {
      await statements.remove(id, principal);
      return await reply.redirect('/newsroom/statements', 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'conflict') throw error;
      return statementPage(reply, principal, 409, await statements.get(id), null, error.message);
    }
  });

  // An editor confirms or rejects a contact found in the statement (or takes the verdict back). The
  // form says which verdict the editor saw: if a colleague decided meanwhile, nothing is written and
  // the page shows the colleague's decision (409).
  app.post('/newsroom/statements/:id/contacts/:ordinal', async (request, reply) => {
    const principal = await signedIn(request, reply, 'editor');
    if (!principal) return reply;
    const { id, ordinal: ordinalText } = request.params as { id: string; ordinal: string };
    if (!ID.test(id)) throw new DomainError('not_found', 'statement not found');
    if (!/^[1-9]\d{0,5}$/.test(ordinalText)) throw new DomainError('not_found', 'contact not found');
    const ordinal = Number(ordinalText);
    const form = parseWith(ReviewForm, request.body ?? {});
    const statement = await statements.get(id);
    const verdictOf = (v: 'confirmed' | 'rejected' | 'undecided') => (v === 'undecided' ? null : v);
    const { outcome, current } = await store.contacts.reviewStatementContact({
      statementId: id,
      ordinal,
      verdict: verdictOf(form.verdict),
      seen: verdictOf(form.seen),
      actor: principal.name,
      at: new Date().toISOString(),
    });
    if (outcome === 'missing' || !current) throw new DomainError('not_found', 'contact not found');
    if (outcome === 'changed') {
      const message =
        current.verdict === null
          ? `${current.decidedBy ?? 'A colleague'} took the verdict back meanwhile; yours was not saved. Decide again below.`
          : `${current.decidedBy ?? 'A colleague'} ${current.verdict} this contact meanwhile; your choice was not saved.`;
      return statementPage(reply, principal, 409, statement, { ordinal, message });
    }
    await store.audit.record({
      actor: principal.name,
      actorKey: principal.key,
      action: `statement.contact.${form.verdict}`,
      target: id,
      detail: { ordinal, a: current.a.slug, b: current.b.slug, kind: current.kind },
    });
    return reply.redirect(`/newsroom/statements/${id}#contact-${ordinal}`, 303);
  });

  const feedsPage = async (reply: FastifyReply, principal: Principal, status: number, form?: FormState) =>
    send(
      reply,
      status,
      'Statement feeds',
      principal,
      <FeedStatusPage
        feeds={await feeds.list(principal)}
        role={principal.role}
        csrfToken={principal.csrfToken ?? ''}
        timezone={newsroomZone(await store.desks.list())}
        {...(form && { form })}
      />,
    );

  app.get('/newsroom/statement-feeds', async (request, reply) => {
    const principal = await signedIn(request, reply, FEED_ROLES.read);
    return principal ? feedsPage(reply, principal, 200) : reply;
  });

  app.post('/newsroom/statement-feeds', async (request, reply) => {
    const principal = await signedIn(request, reply, FEED_ROLES.manage);
    if (!principal) return reply;
    const values = parseWith(FeedForm, request.body ?? {});
    try {
      const minutes = values.intervalMinutes.trim();
      if (minutes !== '' && !/^\d{1,5}$/.test(minutes))
        throw new DomainError('validation', 'intervalMinutes must be a whole number of minutes', {
          field: 'intervalMinutes',
        });
      const input = parseWith(CreateFeedSchema, {
        url: values.url.trim(),
        issuer: values.issuer,
        ...(values.language.trim() !== '' && { language: values.language.trim() }),
        ...(minutes !== '' && { intervalSeconds: Number(minutes) * 60 }),
      });
      await feeds.add(principal, input);
      return reply.redirect('/newsroom/statement-feeds', 303);
    } catch (error) {
      const state = formError(error, values);
      // The schema speaks of seconds; the form of minutes.
      if (state.error?.field === 'intervalSeconds') {
        state.error = { field: 'intervalMinutes', message: 'intervalMinutes must be between 1 and 1440' };
      }
      const status = error instanceof DomainError && error.code === 'conflict' ? 409 : 400;
      return feedsPage(reply, principal, status, state);
    }
  });

  app.post('/newsroom/statement-feeds/:id/disabled', async (request, reply) => {
    const principal = await signedIn(request, reply, FEED_ROLES.manage);
    if (!principal) return reply;
    const { id } = request.params as { id: string };
    const { disabled } = parseWith(DisabledForm, request.body ?? {});
    if (!ID.test(id)) throw new DomainError('not_found', 'feed not found');
    await feeds.setDisabled(principal, id, disabled === '1');
    return reply.redirect('/newsroom/statement-feeds', 303);
  });

  app.post('/newsroom/statement-feeds/:id/poll', async (request, reply) => {
    const principal = await signedIn(request, reply, FEED_ROLES.manage);
    if (!principal) return reply;
    const { id } = request.params as { id: string };
    if (!ID.test(id)) throw new DomainError('not_found', 'feed not found');
    await feeds.pollNow(principal, id);
    return reply.redirect('/newsroom/statement-feeds', 303);
  });
}
