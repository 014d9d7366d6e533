/**
 * The admins' pages at /newsroom/admin/…: desks, users, API tokens and the audit log. The role is checked here on the
 * server (anyone else gets 403), and every change goes through the admin API, which checks it again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { TokenService } from '../../accounts/token-service.ts';
import type { DomainError } from '../../domain/errors.ts';
import type { PublishingService } from '../../service/publishing.ts';
import type { AuditEntry, AuditFilter, Store } from '../../store/store.ts';
import { storyPath, updatePath } from '../../domain/paths.ts';
import { excerpt, htmlToText } from '../reader/html-text.ts';
import { newsroomZone } from '../reader/time-format.ts';
import { auditFilter, AuditFilterSchema, ChangeDeskSchema } from '../api/admin-routes.ts';
import { CreateDeskSchema } from '../api/schemas.ts';
import { CSRF_HEADER, requireRole, type Principal } from '../auth.ts';
import { forms } from '../kit/form.ts';
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
// The desk forms' fields, as the admin API takes them: a new desk's trimmed, a blank slug or time zone
// left to its default; a desk's changes as typed.
const NewDeskForm = z.preprocess((posted) => {
  const form = posted as Record<string, string | undefined>;
  return {
    name: form['name']?.trim() ?? '',
    ...(form['slug']?.trim() && { slug: form['slug'].trim() }),
    ...(form['timezone']?.trim() && { timezone: form['timezone'].trim() }),
    description: form['description']?.trim() ?? '',
  };
}, CreateDeskSchema);
const ChangeDeskForm = z.preprocess((posted) => {
  const form = posted as Record<string, string | undefined>;
  return {
    name: form['name'] ?? '',
    timezone: form['timezone'] ?? '',
    description: form['description'] ?? '',
  };
}, ChangeDeskSchema);
const ArchiveDeskForm = z.object({ archived: z.string().optional() });
/** The audit filter's fields as typed: empty ones mean "any". */
const auditGiven = (query: Record<string, string>) =>
  Object.fromEntries(
    ['actor', 'action', 'from', 'to']
      .map((k) => [k, query[k]?.trim() ?? ''] as const)
      .filter(([, v]) => v !== ''),
  );
const AuditFilterForm = z.preprocess((query) => auditGiven(textOf(query)), AuditFilterSchema);
/** The text values of a query string (a repeated parameter is not a filter's). */
const textOf = (query: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
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
  async function formAdmin(request: FastifyRequest): Promise<Principal> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body['_csrf'] === 'string') request.headers[CSRF_HEADER] = body['_csrf'];
    else delete request.headers[CSRF_HEADER];
    return requireRole(store, request, 'admin');
  }
  const form = forms(app);

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

  /** A refused desk form shows the page again with the reason and what was typed. */
  const deskRefused = {
    codes: ['validation', 'conflict', 'not_found'] as const,
    render: async (input: {
      reply: FastifyReply;
      who: Principal;
      params: { slug: string } | undefined;
      error: DomainError;
      values: Record<string, string>;
    }) => {
      const { reply, who, params, error, values } = input;
      const field = typeof error.details?.['field'] === 'string' ? error.details['field'] : null;
      return desksPage(reply, who, error.code === 'conflict' ? 409 : 400, {
        notice: null,
        error: { form: params?.slug ?? 'new', message: error.message, field },
        typed: values,
      });
    },
  };
  const deskDone = (reply: FastifyReply, done: DeskDone, slug: string) =>
    reply.redirect(`/newsroom/admin/desks?${new URLSearchParams({ [done]: slug })}`, 303);

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

  form({
    url: '/newsroom/admin/desks',
    who: formAdmin,
    fields: NewDeskForm,
    refused: deskRefused,
    handler: async ({ reply, who, fields }) => {
      const desk = await kit.publishing.createDesk(who, fields);
      return deskDone(reply, 'created', desk.slug);
    },
  });

  form({
    url: '/newsroom/admin/desks/:slug',
    who: formAdmin,
    params: DeskSlug,
    fields: ChangeDeskForm,
    refused: deskRefused,
    handler: async ({ reply, who, params: { slug }, fields }) => {
      const desk = await kit.publishing.updateDesk(who, slug, fields);
      return deskDone(reply, 'saved', desk.slug);
    },
  });

  form({
    url: '/newsroom/admin/desks/:slug/archive',
    who: formAdmin,
    params: DeskSlug,
    fields: ArchiveDeskForm,
    refused: deskRefused,
    handler: async ({ reply, who, params: { slug }, fields }) => {
      const archived = fields.archived !== 'false';
      const desk = await kit.publishing.updateDesk(who, slug, { archived });
      return deskDone(reply, archived ? 'archived' : 'restored', desk.slug);
    },
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
  form({
    url: '/newsroom/admin/tokens/:id/revoke',
    who: formAdmin,
    params: z.object({ id: z.string().min(1).max(64) }),
    handler: async ({ reply, who, params: { id } }) => {
      await kit.tokens.revoke(id, { name: who.name, key: who.key });
      return reply.redirect(`/newsroom/admin/tokens?revoked=${encodeURIComponent(id)}`, 303);
    },
  });

  /** The audit log page: entries matching the filter, or the reason the filter was refused. */
  async function auditPage(
    reply: FastifyReply,
    principal: Principal,
    query: Record<string, string>,
    filter: AuditFilter | null,
    error: string | null,
  ) {
    const given = auditGiven(query);
    const before = /^\d{1,15}$/.test(query['before'] ?? '') ? Number(query['before']) : null;
    const entries = filter ? await store.audit.list({ limit: PAGE_SIZE, beforeId: before, ...filter }) : [];
    // Every time on the page is in the newsroom's zone, as are the filter's days.
    const timezone = newsroomZone(await store.desks.list());
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
  }

  form({
    method: 'GET',
    url: '/newsroom/admin/audit',
    who: admin,
    fields: AuditFilterForm,
    refused: {
      render: ({ reply, who, values, error }) => auditPage(reply, who, values, null, error.message),
    },
    handler: async ({ reply, who, request, fields }) =>
      auditPage(
        reply,
        who,
        textOf(request.query),
        auditFilter({ ...fields, timezone: newsroomZone(await store.desks.list()) }),
        null,
      ),
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
