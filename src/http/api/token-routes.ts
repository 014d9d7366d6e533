/**
 * Admin API for API tokens: list (never the secrets), create (the secret is in the response once) and
 * revoke. A revoked or expired token is refused on the next request, on every node.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { tokenState, type TokenService } from '../../accounts/token-service.ts';
import { ROLES, type ApiToken } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import { requireRole, type Principal } from '../auth.ts';
import { parseInput } from './schemas.ts';

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
  const by = (p: Principal) => ({ name: p.name, key: p.key });

  app.get('/tokens', async (request) => {
    await requireRole(store, request, 'admin');
    const now = new Date();
    return { items: (await tokens.list()).map((t) => tokenJson(t, now)), nextCursor: null };
  });

  app.post('/tokens', async (request, reply) => {
    const principal = await requireRole(store, request, 'admin');
    const input = parseInput(CreateTokenSchema, request.body);
    const { token, secret } = await tokens.create(input, by(principal));
    return reply
      .code(201)
      .header('location', `/api/v1/tokens/${token.id}`)
      .send({ token: tokenJson(token), secret });
  });

  app.delete('/tokens/:id', async (request, reply) => {
    const principal = await requireRole(store, request, 'admin');
    const { id } = parseInput(IdParams, request.params, 'path');
    await tokens.revoke(id, by(principal));
    return reply.code(204).send();
  });
}
