/** API tokens: random secrets shown once; only their SHA-256 is stored. Roles are checked here. */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
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

/** The token presented in the Authorization header, or null if none was sent. Invalid ones are 401. */
export async function authenticate(store: Store, request: FastifyRequest): Promise<ApiToken | null> {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new DomainError('unauthorized', 'Authorization must be "Bearer <token>"');
  const token = await store.tokens.findBySecretHash(hashSecret(match[1]));
  if (!token) throw new DomainError('unauthorized', 'the token is not valid or has been revoked');
  return token;
}

const RANK: Record<Role, number> = { editor: 1, admin: 2 };

/** The caller's token if it carries at least `role`; 401 without a token, 403 with too weak a one. */
export async function requireRole(store: Store, request: FastifyRequest, role: Role): Promise<ApiToken> {
  const token = await authenticate(store, request);
  if (!token)
    throw new DomainError('unauthorized', 'this request needs an API token (Authorization: Bearer …)');
  if (RANK[token.role] < RANK[role])
    throw new DomainError('forbidden', `this request needs the ${role} role`);
  return token;
}
