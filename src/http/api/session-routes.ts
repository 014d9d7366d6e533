/** Signing in and out of the newsroom over JSON: what the editor's browser code uses. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_TTL_MS, type AccountService, type SignIn } from '../../accounts/account-service.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import { authenticate, SESSION_COOKIE } from '../auth.ts';
import { endpoints } from '../kit/endpoint.ts';
import { problem } from '../kit/openapi-parts.ts';

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
  const define = endpoints(app, store);
  // Signed in with the newsroom cookie (a token has no password of its own to change).
  const signedIn = (detail: string) => async (request: FastifyRequest) => {
    const principal = await authenticate(store, request);
    if (!principal?.userId) throw new DomainError('unauthorized', detail);
    return principal;
  };

  // The newsroom browser's own routes are left out of the public document, as they always were.
  define({
    method: 'POST',
    url: '/session',
    body: SignInSchema,
    handler: async ({ request, reply, body }) => {
      const signIn = await accounts.signIn(body.email, body.password, request.ip);
      setSessionCookie(request, reply, signIn);
      return { user: userJson(signIn.user), csrfToken: signIn.session.csrfToken };
    },
  });

  define({
    method: 'GET',
    url: '/session',
    permissions: signedIn('not signed in'),
    handler: async ({ principal }) => {
      const user = await store.accounts.getUser(principal.userId!);
      if (!user) throw new DomainError('unauthorized', 'not signed in');
      return { user: userJson(user), csrfToken: principal.csrfToken };
    },
  });

  define({
    method: 'DELETE',
    url: '/session',
    status: 204,
    handler: async ({ request, reply }) => {
      const principal = await authenticate(store, request);
      if (principal?.sessionId) await accounts.signOut(principal.sessionId);
      clearSessionCookie(request, reply);
      return reply.send();
    },
  });

  // Set one's own password (required after signing in with an admin's one-time password). Every
  // session ends, this one too: sign in again with the new password.
  define({
    method: 'POST',
    url: '/session/password',
    permissions: signedIn('sign in to change your password'),
    body: ChangePasswordSchema,
    status: 204,
    docs: {
      summary:
        'Set one’s own password (signed in with the cookie; required after an admin’s one-time password); ends every session',
      responses: {
        '204': { description: 'Set; sign in again' },
        '400': problem('Wrong current password, or too short'),
      },
    },
    handler: async ({ request, reply, principal, body }) => {
      await accounts.changeOwnPassword(principal.userId!, body.currentPassword, body.newPassword, request.ip);
      clearSessionCookie(request, reply);
      return reply.send();
    },
  });

  // "Log out everywhere": every session of the signed-in user, on every device, ends now.
  define({
    method: 'POST',
    url: '/session/everywhere',
    permissions: signedIn('not signed in'),
    status: 204,
    handler: async ({ request, reply, principal }) => {
      await accounts.signOutEverywhere(principal.userId!);
      clearSessionCookie(request, reply);
      return reply.send();
    },
  });
}
