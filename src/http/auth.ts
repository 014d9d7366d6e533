/**
 * Who is calling: an API token (Authorization: Bearer) or a newsroom session cookie. Roles, desks and,
 * for cookie-authenticated writes, the CSRF token are checked here.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { hashSessionSecret } from '../accounts/account-service.ts';
import { DomainError } from '../domain/errors.ts';
import type { ApiToken, Role } from '../domain/types.ts';
import type { Store } from '../store/store.ts';

const TOKEN_PREFIX = 'dl_';

/** SHA-256 of a token secret. A fast hash is right here: secrets are 256 random bits, not passwords. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a token and returns its secret, which is never stored and cannot be shown again. */
export async function createApiToken(
  store: Store,
  input: { name: string; role: Role },
): Promise<{ token: ApiToken; secret: string }> {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const token = await store.tokens.create({
    name: input.name,
    role: input.role,
    secretHash: hashSecret(secret),
  });
  return { token, secret };
}

/** Who is making a request: an API token or a signed-in user, with the role and desks it may use. */
export interface Principal {
  /** "token:ID" or "user:ID": stable, for "own work" checks. */
  key: string;
  /** Shown as the author of what they write. */
  name: string;
  role: Role;
  /** Desk ids an admin limited them to; null means every desk. */
  desks: string[] | null;
  /** Set when signed in with a cookie: the session and its user. */
  sessionId?: string;
  userId?: string;
  csrfToken?: string;
  /** Signed in with a one-time password from an admin: must set their own before writing anything. */
  passwordTemporary?: boolean;
}

/** Name of the newsroom session cookie. */
export const SESSION_COOKIE = 'dateline_session';
/** Header that must carry the session's CSRF token on every write made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// What someone holding a one-time password may still write: set their own, or sign out.
const TEMPORARY_PASSWORD_WRITES = new Set([
  '/api/v1/session/password',
  '/api/v1/session',
  '/api/v1/session/everywhere',
]);

/** The principal of an API token. */
export function tokenPrincipal(token: ApiToken): Principal {
  return { key: `token:${token.id}`, name: token.name, role: token.role, desks: null };
}

/**
 * The caller, from the Authorization header or else the session cookie; null if neither was sent.
 * An invalid token is 401. A write made with the cookie must carry the session's CSRF token in
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
  const token = await store.tokens.findBySecretHash(hashSecret(match[1]));
  if (!token) throw new DomainError('unauthorized', 'the token is not valid or has been revoked');
  return tokenPrincipal(token);
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
    if (user.passwordTemporary && !TEMPORARY_PASSWORD_WRITES.has(request.url.split('?')[0] ?? ''))
      throw new DomainError(
        'forbidden',
        'you signed in with a one-time password: set your own first (POST /api/v1/session/password)',
        { field: 'password' },
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

const RANK: Record<Role, number> = { contributor: 1, editor: 2, admin: 3 };

/** Whether `role` includes everything `needed` may do. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The caller if it carries at least `role`; 401 without credentials, 403 with too weak a role. */
export async function requireRole(store: Store, request: FastifyRequest, role: Role): Promise<Principal> {
  const principal = await authenticate(store, request);
  if (!principal)
    throw new DomainError(
      'unauthorized',
      'this request needs an API token (Authorization: Bearer …) or a newsroom sign-in',
    );
  if (!hasRole(principal.role, role))
    throw new DomainError('forbidden', `this request needs the ${role} role`);
  return principal;
}

/** 403 unless the caller may work on the desk `deskId` (null: a standalone story, open to all). */
export function requireDesk(principal: Principal, deskId: string | null): void {
  if (principal.desks === null || principal.role === 'admin') return;
  if (deskId === null || principal.desks.includes(deskId)) return;
  throw new DomainError('forbidden', 'you are not assigned to this desk', { field: 'desk' });
}
