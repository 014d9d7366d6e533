/**
 * The admins' pages at /newsroom/admin/…: users, API tokens and the audit log. The role is checked here on the
 * server (anyone else gets 403), and every change goes through the admin API, which checks it again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { TokenService } from '../../accounts/token-service.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import { auditFilter, AuditFilterSchema } from '../api/admin-routes.ts';
import { parseInput } from '../api/schemas.ts';
import { CSRF_HEADER, requireRole, type Principal } from '../auth.ts';
import { AuditPage, TokensPage, UsersPage } from './admin-views.tsx';

/** What the newsroom's routes lend the admin pages. */
export interface AdminPageKit {
  store: Store;
  tokens: TokenService;
  /** The signed-in user, or null after redirecting to the sign-in page. */
  signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null>;
  /** Sends a newsroom page. */
  page(reply: FastifyReply, status: number, title: string, principal: Principal, body: VNode): FastifyReply;
}

const PAGE_SIZE = 50;

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

  app.get('/newsroom/admin/users', async (request, reply) => {
    const principal = await admin(request, reply);
    if (!principal) return reply;
    const [users, desks] = await Promise.all([store.accounts.listUsers(), store.desks.list()]);
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
    try {
      const filter = auditFilter(parseInput(AuditFilterSchema, given, 'query'));
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
    const users = await store.accounts.listUsers();
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
        }}
      />,
    );
  });
}
