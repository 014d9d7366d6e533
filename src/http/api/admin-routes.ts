/**
 * Admin-only API: desks (rename, time zone, description, archive), newsroom users (list, add with a one-time password, change role, desks, disable,
 * reset password) and the audit log (filtered pages, and whole exports as CSV or JSON). Every route
 * checks the admin role on the server; the newsroom's admin pages are only a face on these.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.ts';
import { DESK_LIMITS } from '../../service/live-blog.ts';
import type { PublishingService } from '../../service/publishing.ts';
import { deskJson } from '../../domain/api-json.ts';
import { csvCell } from '../../domain/csv-cell.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { addDays, isTimeZone } from '../../domain/days.ts';
import { startOfDay } from '../../domain/time-format.ts';
import { ROLES, type User } from '../../domain/types.ts';
import type { AuditEntry, AuditFilter, Store } from '../../store/store.ts';
import type { Principal } from '../auth.ts';
import { endpoints } from '../kit/endpoint.ts';
import { errors, json, problem, ref } from '../kit/openapi-parts.ts';

/** What the admin routes need. */
export interface AdminDeps {
  store: Store;
  accounts: AccountService;
  publishing: PublishingService;
}

const DeskSlugParams = z.object({ slug: z.string().min(1).max(80) });

/** What an admin may change about a desk; its slug is its address and stays. */
export const ChangeDeskSchema = z.strictObject({
  name: z.string().max(DESK_LIMITS.name, `must be at most ${DESK_LIMITS.name} characters`).optional(),
  description: z
    .string()
    .max(DESK_LIMITS.description, `must be at most ${DESK_LIMITS.description} characters`)
    .optional(),
  timezone: z
    .string()
    .max(DESK_LIMITS.timezone, `must be at most ${DESK_LIMITS.timezone} characters`)
    .optional()
    .describe('IANA time zone, e.g. Europe/Kyiv'),
  archived: z.boolean().optional().describe('true: off reader listings, pages still readable'),
});

const IdParams = z.object({ id: z.string().min(1).max(64) });
const denied = {
  '400': problem('Invalid input; `field` names it'),
  '401': problem('No credentials'),
  '403': problem('Not an admin'),
};

const AddUserSchema = z.strictObject({
  email: z.string().max(200, 'must be at most 200 characters'),
  name: z.string().max(100, 'must be at most 100 characters'),
  role: z.enum(ROLES),
  desks: z.array(z.string().max(80)).max(100).nullable().optional().describe('desk slugs; null: every desk'),
});

const ChangeUserSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  desks: z.array(z.string().max(80)).max(100).nullable().optional(),
  disabled: z.boolean().optional(),
});

const day = z.iso.date('must be a date as YYYY-MM-DD');
/** Filters of the audit log in a query string (the API's and the admin page's). */
export const AuditFilterSchema = z.object({
  actor: z.string().min(1).max(200).optional().describe('actor key (user:ID, token:ID, cli) or target email'),
  action: z
    .string()
    .regex(/^[a-z_.]{1,60}$/, 'must be an action such as login or update. (a family)')
    .optional(),
  from: day.optional().describe('first day, inclusive (in `timezone`)'),
  to: day.optional().describe('last day, inclusive (in `timezone`)'),
  timezone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Kyiv')
    .optional()
    .describe('IANA time zone the days begin and end in (default UTC); the newsroom sends its own'),
});
const AuditQuery = AuditFilterSchema.extend({
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
const ExportQuery = AuditFilterSchema.extend({ format: z.enum(['json', 'csv']).default('csv') });

/** A user as admins see them. */
function adminUserJson(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    desks: user.desks,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
  };
}

/** A password for a new or reset account, shown once to the admin to hand over; 128 random bits. */
export function oneTimePassword(): string {
  return randomBytes(16).toString('base64url');
}

/** The store's filter from query days (inclusive UTC days). */
export function auditFilter(q: z.infer<typeof AuditFilterSchema>): AuditFilter {
  const zone = q.timezone ?? 'UTC';
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw new DomainError('validation', 'from must not be after to', { field: 'from' });
  return {
    actor: q.actor,
    action: q.action,
    // A day runs from its midnight to the next one in `zone` (23 or 25 hours on a change of clocks).
    from: q.from === undefined ? undefined : startOfDay(q.from, zone),
    to: q.to === undefined ? undefined : startOfDay(addDays(q.to, 1), zone),
  };
}

const CSV_HEADER = 'id,at,actor,actor_key,action,target,detail';

function csvLine(e: AuditEntry): string {
  return [e.id, e.at, e.actor, e.actorKey, e.action, e.target, JSON.stringify(e.detail)]
    .map(csvCell)
    .join(',');
}

/** Registers the admin routes (mounted under /api/v1). */
export async function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  const { store, accounts } = deps;
  const define = endpoints(app, store);
  const by = (p: Principal) => ({ name: p.name, key: p.key });

  async function userById(id: string): Promise<User> {
    const user = await store.accounts.getUser(id);
    if (!user) throw notFound('user');
    return user;
  }

  /** Desk slugs of a user's desk ids, for the API (ids of deleted desks drop out). */
  async function withDeskSlugs(user: User) {
    const json = adminUserJson(user);
    if (user.desks === null) return { ...json, desks: null };
    const desks = await store.desks.list({ includeArchived: true });
    return { ...json, desks: desks.filter((d) => user.desks?.includes(d.id)).map((d) => d.slug) };
  }

  // Desks are created with POST /desks; here they change. Archived desks leave every listing.
  define({
    method: 'PATCH',
    url: '/desks/:slug',
    permissions: 'admin',
    params: DeskSlugParams,
    body: ChangeDeskSchema,
    docs: {
      summary: 'Rename a desk, set its time zone or description, archive or restore it (admin)',
      secured: true,
      responses: { '200': { description: 'The desk', content: json(ref('Desk')) }, ...errors },
    },
    handler: async ({ principal, params, body }) =>
      deskJson(await deps.publishing.updateDesk(principal, params.slug, body)),
  });

  define({
    method: 'GET',
    url: '/users',
    permissions: 'admin',
    docs: {
      summary: 'List newsroom users (admin)',
      secured: true,
      responses: { '200': { description: 'Users' }, ...denied },
    },
    handler: async () => {
      const users = await store.accounts.listUsers();
      return { items: await Promise.all(users.map(withDeskSlugs)), nextCursor: null };
    },
  });

  // No default password anywhere: the account gets a random one, shown once in this response for the
  // admin to hand over (only its argon2id hash is stored).
  define({
    method: 'POST',
    url: '/users',
    permissions: 'admin',
    body: AddUserSchema,
    status: 201,
    docs: {
      summary: 'Add a user (admin); the answer carries a one-time password, shown only here',
      secured: true,
      responses: { '201': { description: '`{user, password}`' }, '409': problem('Email taken'), ...denied },
    },
    handler: async ({ principal, body, reply }) => {
      const password = oneTimePassword();
      let user = await accounts.addUser({ ...body, password, temporary: true }, by(principal));
      if (body.desks !== undefined && body.desks !== null)
        user = await accounts.setDesks(user.email, body.desks, by(principal));
      reply.header('location', `/api/v1/users/${user.id}`);
      return { user: await withDeskSlugs(user), password };
    },
  });

  define({
    method: 'PATCH',
    url: '/users/:id',
    permissions: 'admin',
    params: IdParams,
    body: ChangeUserSchema,
    docs: {
      summary: 'Change a user’s role, desks or disabled state (admin); disabling ends their sessions',
      secured: true,
      responses: {
        '200': { description: 'The user' },
        '409': problem('An admin locking themself out'),
        ...denied,
      },
    },
    handler: async ({ principal, params, body: change }) => {
      let user = await userById(params.id);
      // An admin cannot lock themself out by accident; another admin (or the CLI) can.
      if (principal.userId === user.id && (change.disabled === true || (change.role ?? 'admin') !== 'admin'))
        throw new DomainError('conflict', 'you cannot disable yourself or give up your own admin role', {
          field: change.disabled === true ? 'disabled' : 'role',
        });
      if (change.role !== undefined && change.role !== user.role)
        user = await accounts.setRole(user.email, change.role, by(principal));
      if (change.desks !== undefined) user = await accounts.setDesks(user.email, change.desks, by(principal));
      if (change.disabled !== undefined && change.disabled !== (user.disabledAt !== null))
        user = await accounts.setDisabled(user.email, change.disabled, by(principal));
      return withDeskSlugs(user);
    },
  });

  // A forgotten password: a new one-time password, and every session of the user ends.
  define({
    method: 'POST',
    url: '/users/:id/password',
    permissions: 'admin',
    params: IdParams,
    docs: {
      summary: 'Give a user a new one-time password (admin); ends their sessions',
      secured: true,
      responses: { '200': { description: '`{user, password}`' }, ...denied },
    },
    handler: async ({ principal, params }) => {
      const user = await userById(params.id);
      const password = oneTimePassword();
      await accounts.setPassword(user.email, password, by(principal), true);
      return { user: await withDeskSlugs(user), password };
    },
  });

  // The audit log: newest first, filtered, a page at a time (`before` = the last id of the previous page).
  define({
    method: 'GET',
    url: '/audit',
    permissions: 'admin',
    querystring: AuditQuery,
    docs: {
      summary: 'The audit log, newest first, filtered and paged (admin)',
      secured: true,
      responses: { '200': { description: '`{items, nextCursor}`' }, ...denied },
    },
    handler: async ({ reply, query }) => {
      const { format, limit, before, ...filter } = query;
      if (format === 'csv') return sendExport(reply, 'csv', auditFilter(filter));
      const items = await store.audit.list({ limit, beforeId: before ?? null, ...auditFilter(filter) });
      return { items, nextCursor: items.length === limit ? String(items.at(-1)?.id) : null };
    },
  });

  // Everything that matches the filter, as a download.
  define({
    method: 'GET',
    url: '/audit/export',
    permissions: 'admin',
    querystring: ExportQuery,
    docs: {
      summary: 'Every audit entry matching the filters, as a CSV or JSON download (admin)',
      secured: true,
      responses: { '200': { description: 'text/csv or application/json attachment' }, ...denied },
    },
    handler: async ({ reply, query }) => {
      const { format, ...filter } = query;
      return sendExport(reply, format, auditFilter(filter));
    },
  });

  async function sendExport(reply: FastifyReply, format: 'csv' | 'json', filter: AuditFilter) {
    const entries: AuditEntry[] = [];
    let beforeId: number | null = null;
    for (;;) {
      const page = await store.audit.list({ limit: 500, beforeId, ...filter });
      entries.push(...page);
      if (page.length < 500) break;
      beforeId = page.at(-1)?.id ?? null;
    }
    reply.header('content-disposition', `attachment; filename="audit.${format}"`);
    if (format === 'json') return reply.type('application/json').send(JSON.stringify(entries));
    reply.type('text/csv; charset=utf-8');
    return [CSV_HEADER, ...entries.map(csvLine)].join('\r\n') + '\r\n';
  }
}
