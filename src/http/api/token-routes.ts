/**
 * Admin API for API tokens: list (never the secrets), create (the secret is in the response once) and
 * revoke. A revoked or expired token is refused on the next request, on every node.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { tokenState, type TokenService } from '../../accounts/token-service.ts';
import { ROLES, type ApiToken } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import type { Principal } from '../auth.ts';
import { endpoints } from '../kit/endpoint.ts';
import { json, problem } from '../kit/openapi-parts.ts';

/** What the token routes need. */
export interface TokenRouteDeps {
  store: Store;
  tokens: TokenService;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const CreateTokenSchema = z.strictObject({
  name: z.string().max(100, 'must be at most 100 characters'),
  role: z.enum(ROLES),
  expires: z.string().max(40).optional().describe('a duration (30d, 12h) or an ISO date; absent: never'),
});

const denied = {
  '400': problem('Invalid input; `field` names it'),
  '401': problem('No credentials'),
  '403': problem('Not an admin'),
};
const tokenDoc = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    state: { type: 'string', enum: ['active', 'expired', 'revoked'] },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time', description: 'to within ten minutes' },
    expiresAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

/** A token as admins see it: no secret, no hash. */
export function tokenJson(token: ApiToken, now = new Date()) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    state: tokenState(token, now),
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
  };
}

/** Registers /tokens routes (mounted under /api/v1). */
export async function registerTokenRoutes(app: FastifyInstance, deps: TokenRouteDeps): Promise<void> {
  const { store, tokens } = deps;
  const define = endpoints(app, store);
  const by = (p: Principal) => ({ name: p.name, key: p.key });

  define({
    method: 'GET',
    url: '/tokens',
    permissions: 'admin',
    docs: {
      summary: 'List API tokens (admin): name, role, state, created, last used, expiry; never the secrets',
      secured: true,
      responses: {
        '200': json({ type: 'object', properties: { items: { type: 'array', items: tokenDoc } } }),
        ...denied,
      },
    },
    handler: async () => {
      const now = new Date();
      return { items: (await tokens.list()).map((t) => tokenJson(t, now)), nextCursor: null };
    },
  });

  define({
    method: 'POST',
    url: '/tokens',
    permissions: 'admin',
    body: CreateTokenSchema,
    status: 201,
    docs: {
      summary: 'Create an API token (admin); the secret is in this response once and never again',
      secured: true,
      responses: {
        '201': json({ type: 'object', properties: { token: tokenDoc, secret: { type: 'string' } } }),
        ...denied,
      },
    },
    handler: async ({ principal, body, reply }) => {
      const { token, secret } = await tokens.create(body, by(principal));
      reply.header('location', `/api/v1/tokens/${token.id}`);
      return { token: tokenJson(token), secret };
    },
  });

  define({
    method: 'DELETE',
    url: '/tokens/:id',
    permissions: 'admin',
    params: IdParams,
    status: 204,
    docs: {
      summary: 'Revoke an API token (admin): every node refuses it from now on, its open streams end',
      secured: true,
      responses: {
        '204': { description: 'Revoked (or already was)' },
        ...denied,
        '404': problem('No such token'),
      },
    },
    handler: async ({ principal, params, reply }) => {
      await tokens.revoke(params.id, by(principal));
      return reply.send();
    },
  });
}
