/**
 * Who is calling: an API token (Authorization: Bearer) or a newsroom session cookie. Roles, desks and,
 * for cookie-authenticated writes, the CSRF token are checked here.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { hashSessionSecret } from '../accounts/account-service.ts';
import { findValidToken } from '../accounts/token-service.ts';
import { hasRole, mayUseDesk, requireActorRole, requireDesk, type Actor } from '../domain/actors.ts';
import { DomainError } from '../domain/errors.ts';
import type { ApiToken, Role } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { LiveBus } from '../live/bus.ts';

// The rules live in domain/actors.ts; re-exported for the handlers that check reads.
export { hasRole, mayUseDesk, requireDesk };

/** Who is making a request: an API token or a signed-in user, with the role and desks it may use. */
export interface Principal extends Actor {
  /** Set when signed in with a cookie: the session and its user. */
  sessionId?: string;
  userId?: string;
  csrfToken?: string;
  /** Signed in with a one-time password from an admin: temporary-password-gate.ts lets them only set their own. */
  passwordTemporary?: boolean;
}

/** Name of the newsroom session cookie. */
export const SESSION_COOKIE = 'dateline_session';
/** Header that must carry the session's CSRF token on every write made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The principal of an API token. */
export function tokenPrincipal(token: ApiToken): Principal {
  return { key: `token:${token.id}`, name: token.name, role: token.role, desks: null };
}

/**
 * The caller, from the Authorization header or else the session cookie; null if neither was sent.
 * An invalid, expired or revoked token is 401 (read from the database on every request: no cache). A write made with the cookie must carry the session's CSRF token in
 * `x-csrf-token` (a cross-site form cannot set headers), or it is 403.
 */
export async function authenticate(store: Store, request: FastifyRequest): Promise<Principal | null> {
  const principal = await findPrincipal(store, request);
  if (principal) authenticated.add(request);
  return principal;
}

// Requests answered for a known caller; their responses are kept out of every cache.
const authenticated = new WeakSet<FastifyRequest>();

/** Whether `request` was answered for an authenticated caller (token or session). */
export function wasAuthenticated(request: FastifyRequest): boolean {
  return authenticated.has(request);
}

async function findPrincipal(store: Store, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header === undefined) return sessionPrincipal(store, request);
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new DomainError('unauthorized', 'Authorization must be "Bearer <token>"');
  return tokenPrincipal(await findValidToken(store, match[1], new Date()));
}

async function sessionPrincipal(store: Store, request: FastifyRequest): Promise<Principal | null> {
  const secret = request.cookies?.[SESSION_COOKIE];
  if (secret === undefined || secret === '') return null;
  const found = await store.accounts.findSession(hashSessionSecret(secret), new Date().toISOString());
  if (!found) return null;
  const { session, user } = found;
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken))
      throw new DomainError(
        'forbidden',
        `writes made with the session cookie need the ${CSRF_HEADER} header`,
        {
          field: CSRF_HEADER,
        },
      );
  }
  return {
    key: `user:${user.id}`,
    name: user.name,
    role: user.role,
    desks: user.desks,
    sessionId: session.id,
    userId: user.id,
    csrfToken: session.csrfToken,
    passwordTemporary: user.passwordTemporary,
  };
}

/** Constant-time comparison of two secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The caller if it carries at least `role`; 401 without credentials, 403 with too weak a role. */
export async function requireRole(store: Store, request: FastifyRequest, role: Role): Promise<Principal> {
  return requireActorRole(await authenticate(store, request), role);
}

/** Whether the caller may read `story`: drafts only with a token or sign-in allowed on its desk. */
export async function mayReadStory(
  store: Store,
  request: FastifyRequest,
  story: { status: string; deskId: string | null },
): Promise<boolean> {
  if (story.status !== 'draft') return true;
  const principal = await authenticate(store, request);
  return principal !== null && mayUseDesk(principal, story.deskId);
}

/** How often an open stream rechecks the credentials that opened it. */
export const STREAM_RECHECK_MS = 20_000;

/**
 * Ends the stream `res` once the credentials of `request` no longer carry `role` — a revoked or expired
 * token, an ended session, a lost role. It asks the database at once when the bus says someone's access
 * lessened (a change made through any node), and every STREAM_RECHECK_MS for what sends no notice (an
 * expiry, the command line). `end` ends it (a stream written on the raw socket ends by closing the
 * connection). Stops by itself when `res` closes.
 */
export function endWhenCredentialsLapse(
  store: Store,
  bus: Pick<LiveBus, 'subscribePrivate'>,
  request: FastifyRequest,
  res: ServerResponse,
  role: Role,
  end: () => void = () => res.end(),
): void {
  const check = () => {
    requireRole(store, request, role).catch((error: unknown) => {
      // A database hiccup is not a revocation: the next check decides.
      if (error instanceof DomainError) end();
      else request.log.error({ err: error }, 'stream credentials check');
    });
  };
  const timer = setInterval(check, STREAM_RECHECK_MS);
  const stop = bus.subscribePrivate((event) => {
    if (event.kind === 'credentials') check();
  });
  res.on('close', () => {
    clearInterval(timer);
    stop();
  });
}
