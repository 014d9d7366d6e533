/**
 * One gate for accounts signed in with a one-time password from an admin: until they choose their own,
 * their session reaches only the change-password form, sign-in and sign-out. Newsroom pages redirect
 * to the password form, the API answers 403 naming `password`, and anywhere else (reader pages) the
 * session cookie is ignored, as if they were not signed in. A hook rather than a check per route, so a
 * route added later is covered without anyone remembering to.
 */
import type { FastifyInstance } from 'fastify';
import { hashSessionSecret } from '../accounts/account-service.ts';
import { DomainError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { SESSION_COOKIE } from './auth.ts';

/** Method and path of what a one-time password still opens. */
export const TEMPORARY_PASSWORD_ROUTES = new Set([
  'GET /newsroom/login',
  'POST /newsroom/login',
  'GET /newsroom/password',
  'POST /newsroom/password',
  'POST /newsroom/logout',
  'POST /api/v1/session',
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/password',
  'POST /api/v1/session/everywhere',
]);

/** Adds the gate to `app`; register it before the routes (and after the cookie parser). */
export function installTemporaryPasswordGate(app: FastifyInstance, store: Store): void {
  app.addHook('onRequest', async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    // A bearer token wins over the cookie in auth.ts, so the cookie does not matter then.
    if (secret === undefined || secret === '' || request.headers.authorization !== undefined) return;
    const path = request.url.split('?')[0] ?? '';
    if (TEMPORARY_PASSWORD_ROUTES.has(`${request.method} ${path}`)) return;
    const found = await store.accounts.findSession(hashSessionSecret(secret), new Date().toISOString());
    if (!found?.user.passwordTemporary) return;
    if (path === '/newsroom' || path.startsWith('/newsroom/')) {
      if (request.method === 'GET' || request.method === 'HEAD')
        return reply.redirect('/newsroom/password', 303);
    } else if (path !== '/api' && !path.startsWith('/api/')) {
      delete request.cookies[SESSION_COOKIE];
      return;
    }
    throw new DomainError(
      'forbidden',
      'you signed in with a one-time password: set your own first (/newsroom/password, or POST /api/v1/session/password)',
      { field: 'password' },
    );
  });
}
