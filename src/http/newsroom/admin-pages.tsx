/**
 * The admins' pages at /newsroom/admin/…: desks, users, API tokens and the audit log. The role is checked here on the
 * server (anyone else gets 403), and every change goes through the admin API, which checks it again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { TokenService } from '../../accounts/token-service.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PublishingService } from '../../service/publishing.ts';
import type { AuditEntry, Store } from '../../store/store.ts';
import { storyPath, updatePath } from '../../domain/paths.ts';
import { excerpt, htmlToText } from '../reader/html-text.ts';
import { newsroomZone } from '../reader/time-format.ts';
import { auditFilter, AuditFilterSchema, ChangeDeskSchema } from '../api/admin-routes.ts';
import { CreateDeskSchema, parseInput } from '../api/schemas.ts';
import { CSRF_HEADER, requireRole, type Principal } from '../auth.ts';
import {
  AuditPage,
  DesksPage,
  TokensPage,
  UsersPage,
  type AuditSubject,
  type DesksView,
} from './admin-views.tsx';

/** What the newsroom's routes lend the admin pages. */
export interface AdminPageKit {
  store: Store;
  tokens: TokenService;
  publishing: PublishingService;
  /** The signed-in user, or null after redirecting to the sign-in page. */
  signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null>;
  /** Sends a newsroom page. */
  page(reply: FastifyReply, status: number, title: string, principal: Principal, body: VNode): FastifyReply;
}

const PAGE_SIZE = 50;
const DESK_DONE = ['created', 'saved', 'archived', 'restored'] as const;
type DeskDone = (typeof DESK_DONE)[number];

function deskNotice(done: DeskDone, name: string, slug: string): string {
  switch (done) {
    case 'created':
      return `Created ${name} at /${slug}.`;
    case 'saved':
      return `Saved ${name}.`;
    case 'archived':
      return `Archived ${name}: it is off reader listings; its pages stay readable.`;
    case 'restored':
      return `Restored ${name} to reader listings.`;
  }
}
const DeskSlug = z.object({ slug: z.string().min(1).max(80) });
/** Zones suggested in the desks' time-zone fields; Kyiv under its current name, which ICU lists as Kiev. */
const DESK_TIMEZONES = [...new Set([...Intl.supportedValuesOf('timeZone'), 'Europe/Kyiv'])].sort();

/** Registers the admin pages. */
export function registerAdminPages(app: FastifyInstance, kit: AdminPageKit): void {
  const { store } = kit;

  /** The signed-in admin, or a 403 page (or the sign-in redirect). */
  async function admin(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const principal = await kit.signedIn(request, reply);
    if (!principal) return null;
    if (principal.role === 'admin') return principal;
    kit.page(
      reply,
      403,
      'Admins only',
      principal,
      <p class="nr-error" role="alert">
        Only an admin can see this page.
      </p>,
    );
    return null;
  }

  app.get('/newsroom/admin', async (_request, reply) => reply.redirect('/newsroom/admin/users', 303));

  /** A plain form's poster, if an admin: its CSRF token comes in the body, checked as the API checks the header. */
  async function formAdmin(
    request: FastifyRequest,
  ): Promise<{ principal: Principal; form: Record<string, string> }> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body['_csrf'] === 'string') request.headers[CSRF_HEADER] = body['_csrf'];
    else delete request.headers[CSRF_HEADER];
    const principal = await requireRole(store, request, 'admin');
    // Only text fields count; anything else a crafted request sends is as good as absent.
    const form = Object.fromEntries(
      Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    return { principal, form };
  }

  const desksPage = async (
    reply: FastifyReply,
    principal: Principal,
    status: number,
    extra: Pick<DesksView, 'notice' | 'error' | 'typed'>,
  ) =>
    kit.page(
      reply,
      status,
      'Desks',
      principal,
      <DesksPage
        view={{
          desks: await store.desks.list({ includeArchived: true }),
          csrfToken: principal.csrfToken ?? '',
          timezones: DESK_TIMEZONES,
          ...extra,
        }}
      />,
    );

  /** Runs a desk form's change; a refused one shows the page again with the reason and what was typed. */
  async function deskForm(
    request: FastifyRequest,
    reply: FastifyReply,
    formName: (form: Record<string, string>) => string,
    change: (form: Record<string, string>, principal: Principal) => Promise<{ done: DeskDone; slug: string }>,
  ): Promise<FastifyReply> {
    const { principal, form } = await formAdmin(request);
    try {
      const { done, slug } = await change(form, principal);
      return reply.redirect(`/newsroom/admin/desks?${new URLSearchParams({ [done]: slug })}`, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || !['validation', 'conflict', 'not_found'].includes(e.code)) throw e;
      const { _csrf: _ignored, ...typed } = form;
      const field = typeof e.details?.['field'] === 'string' ? e.details['field'] : null;
      return desksPage(reply, principal, e.code === 'conflict' ? 409 : 400, {
        notice: null,
        error: { form: formName(form), message: e.message, field },
        typed,
      });
    }
  }

  app.get('/newsroom/admin/desks', async (request, reply) => {
    const principal = await admin(request, reply);
    if (!principal) return reply;
    // What the last form did, named by our own redirect; the words are ours, only the desk is looked up.
    const query = request.query as Record<string, unknown>;
    const done = DESK_DONE.find((key) => typeof query[key] === 'string');
    const desk = done ? await store.desks.getBySlug(String(query[done]).slice(0, 80)) : null;
    return desksPage(reply, principal, 200, {
      notice: done && desk ? deskNotice(done, desk.name, desk.slug) : null,
      error: null,
      typed: {},
    });
  });

  app.post('/newsroom/admin/desks', async (request, reply) =>
    deskForm(
      request,
      reply,
      () => 'new',
      async (form, principal) => {
        const input = parseInput(CreateDeskSchema, {
          name: form['name']?.trim() ?? '',
          ...(form['slug']?.trim() && { slug: form['slug'].trim() }),
          ...(form['timezone']?.trim() && { timezone: form['timezone'].trim() }),
          description: form['description']?.trim() ?? '',
        });
        if (input.name.trim() === '')
          throw new DomainError('validation', 'name must not be empty', { field: 'name' });
        const desk = await kit.publishing.createDesk(principal, input);
        return { done: 'created', slug: desk.slug };
      },
    ),
  );

  app.post('/newsroom/admin/desks/:slug', async (request, reply) => {
    const { slug } = parseInput(DeskSlug, request.params, 'path');
    return deskForm(
      request,
      reply,
      () => slug,
      async (form, principal) => {
        const change = parseInput(ChangeDeskSchema, {
          name: form['name'] ?? '',
          timezone: form['timezone'] ?? '',
          description: form['description'] ?? '',
        });
        const desk = await kit.publishing.updateDesk(principal, slug, change);
        return { done: 'saved', slug: desk.slug };
      },
    );
  });

  app.post('/newsroom/admin/desks/:slug/archive', async (request, reply) => {
    const { slug } = parseInput(DeskSlug, request.params, 'path');
    return deskForm(
      request,
      reply,
      () => slug,
      async (form, principal) => {
        const archived = form['archived'] !== 'false';
        const desk = await kit.publishing.updateDesk(principal, slug, { archived });
        return { done: archived ? 'archived' : 'restored', slug: desk.slug };
      },
    );
  });

  app.get('/newsroom/admin/users', async (request, reply) => {
    const principal = await admin(request, reply);
    if (!principal) return reply;
    const [users, desks] = await Promise.all([
      store.accounts.listUsers(),
      store.desks.list({ includeArchived: true }),
    ]);
    return kit.page(
      reply,
      200,
      'Users',
      principal,
      <UsersPage users={users} desks={desks} selfId={principal.userId ?? null} />,
    );
  });

  app.get('/newsroom/admin/tokens', async (request, reply) => {
    const principal = await admin(request, reply);
    if (!principal) return reply;
    const revoked = (request.query as { revoked?: string }).revoked;
    const tokens = await kit.tokens.list();
    const name = tokens.find((t) => t.id === revoked)?.name;
    return kit.page(
      reply,
      200,
      'API tokens',
      principal,
      <TokensPage
        tokens={tokens}
        timezone={newsroomZone(await store.desks.list())}
        csrfToken={principal.csrfToken ?? ''}
        now={new Date()}
        {...(name !== undefined && { notice: `Revoked “${name}”.` })}
      />,
    );
  });

  // A plain form: its CSRF token comes in the body, and is checked exactly as the API checks the header.
  app.post('/newsroom/admin/tokens/:id/revoke', async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body?.['_csrf'] === 'string') request.headers[CSRF_HEADER] = body['_csrf'];
    else delete request.headers[CSRF_HEADER];
    const principal = await requireRole(store, request, 'admin');
    const { id } = parseInput(z.object({ id: z.string().min(1).max(64) }), request.params, 'path');
    await kit.tokens.revoke(id, { name: principal.name, key: principal.key });
    return reply.redirect(`/newsroom/admin/tokens?revoked=${encodeURIComponent(id)}`, 303);
  });

  app.get('/newsroom/admin/audit', async (request, reply) => {
    const principal = await admin(request, reply);
    if (!principal) return reply;
    const raw = request.query as Record<string, string | undefined>;
    // Empty form fields mean "any".
    const given = Object.fromEntries(
      ['actor', 'action', 'from', 'to']
        .map((k) => [k, raw[k]?.trim() ?? ''] as const)
        .filter(([, v]) => v !== ''),
    );
    const before = /^\d{1,15}$/.test(raw['before'] ?? '') ? Number(raw['before']) : null;
    let error: string | null = null;
    let entries: Awaited<ReturnType<Store['audit']['list']>> = [];
    // The filter's days are the newsroom's, as every time on the page is.
    const timezone = newsroomZone(await store.desks.list());
    try {
      const filter = auditFilter(parseInput(AuditFilterSchema, { ...given, timezone }, 'query'));
      entries = await store.audit.list({ limit: PAGE_SIZE, beforeId: before, ...filter });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      error = e.message;
    }
    const filterQuery = new URLSearchParams(given).toString();
    const last = entries.at(-1);
    const olderQuery =
      entries.length === PAGE_SIZE && last
        ? new URLSearchParams({ ...given, before: String(last.id) }).toString()
        : null;
    const [users, subjects] = await Promise.all([store.accounts.listUsers(), auditSubjects(store, entries)]);
    return kit.page(
      reply,
      error ? 400 : 200,
      'Audit log',
      principal,
      <AuditPage
        view={{
          entries,
          filter: {
            actor: given['actor'] ?? '',
            action: given['action'] ?? '',
            from: given['from'] ?? '',
            to: given['to'] ?? '',
          },
          olderQuery,
          filterQuery,
          error,
          users,
          subjects,
          timezone,
        }}
      />,
    );
  });
}

/**
 * What audit entries are about, in words: an update's headline (or first words) with its desk and a
 * link, a desk's name. Entries about other things (users by email, tokens) already name them.
 */
async function auditSubjects(store: Store, entries: AuditEntry[]): Promise<Map<string, AuditSubject>> {
  const subjects = new Map<string, AuditSubject>();
  const desks = new Map((await store.desks.list({ includeArchived: true })).map((d) => [d.id, d]));
  const deskSlugs = new Map([...desks.values()].map((d) => [d.slug, d]));
  for (const entry of entries) {
    if (subjects.has(entry.target)) continue;
    if (entry.action.startsWith('desk.')) {
      const desk = deskSlugs.get(entry.target);
      if (desk)
        subjects.set(entry.target, {
          label: desk.name,
          href: `/${desk.slug}`,
          desk: desk.name,
          timezone: desk.timezone,
        });
      continue;
    }
    if (!entry.action.startsWith('update.')) continue;
    const update = await store.updates.getById(entry.target);
    if (!update) continue;
    const story = await store.stories.getById(update.storyId);
    if (!story) continue;
    const desk = story.deskId === null ? null : (desks.get(story.deskId) ?? null);
    const visible = update.deletedAt === null && story.status !== 'draft';
    subjects.set(entry.target, {
      label: update.headline ?? excerpt(htmlToText(update.bodyHtml), 80),
      // Readers' permalink while it is public; otherwise the page editors work on it in.
      href: visible
        ? updatePath(storyPath(desk?.slug ?? null, story.slug), update.id)
        : `/newsroom/stories/${story.id}`,
      desk: desk?.name ?? story.headline,
      timezone: desk?.timezone ?? '',
    });
  }
  return subjects;
}
