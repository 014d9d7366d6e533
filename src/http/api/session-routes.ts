/** Signing in and out of the newsroom over JSON: what the editor's browser code uses. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_TTL_MS, type AccountService, type SignIn } from '../../accounts/account-service.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import { authenticate, SESSION_COOKIE } from '../auth.ts';
import { parseInput } from './schemas.ts';

/** What the session routes need. */
export interface SessionDeps {
  store: Store;
  accounts: AccountService;
}

const SignInSchema = z.strictObject({
  email: z.string().max(200, 'must be at most 200 characters'),
  password: z.string().max(1000, 'must be at most 1000 characters'),
});

/** A user as the API shows them (never the hash). */
export function userJson(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    desks: user.desks,
    passwordTemporary: user.passwordTemporary,
  };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, signIn: SignIn): void {
  reply.setCookie(SESSION_COOKIE, signIn.secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
  });
}

const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().max(1000, 'must be at most 1000 characters'),
  newPassword: z.string().max(1000, 'must be at most 1000 characters'),
});

/** Registers /session routes on the API. */
export async function registerSessionRoutes(app: FastifyInstance, deps: SessionDeps): Promise<void> {
  const { store, accounts } = deps;

  app.post('/session', async (request, reply) => {
    const { email, password } = parseInput(SignInSchema, request.body);
    const signIn = await accounts.signIn(email, password, request.ip);
    setSessionCookie(request, reply, signIn);
    return { user: userJson(signIn.user), csrfToken: signIn.session.csrfToken };
  });

  app.get('/session', async (request) => {
    const principal = await authenticate(store, request);
    if (!principal?.userId) throw new DomainError('unauthorized', 'not signed in');
    const user = await store.accounts.getUser(principal.userId);
    if (!user) throw new DomainError('unauthorized', 'not signed in');
    return { user: userJson(user), csrfToken: principal.csrfToken };
  });

  app.delete('/session', async (request, reply) => {
    const principal = await authenticate(store, request);
    if (principal?.sessionId) await accounts.signOut(principal.sessionId);
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  // Set one's own password (required after signing in with an admin's one-time password). Every
  // session ends, this one too: sign in again with the new password.
  app.post('/session/password', async (request, reply) => {
    const principal = await authenticate(store, request);
    if (!principal?.userId) throw new DomainError('unauthorized', 'sign in to change your password');
    const { currentPassword, newPassword } = parseInput(ChangePasswordSchema, request.body);
    await accounts.changeOwnPassword(principal.userId, currentPassword, newPassword, request.ip);
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  // "Log out everywhere": every session of the signed-in user, on every device, ends now.
  app.post('/session/everywhere', async (request, reply) => {
    const principal = await authenticate(store, request);
    if (!principal?.userId) throw new DomainError('unauthorized', 'not signed in');
    await accounts.signOutEverywhere(principal.userId);
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });
}
