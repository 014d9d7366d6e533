/**
 * API tokens: created with an optional expiry (the secret is shown once; the database keeps its
 * SHA-256), listed, revoked, every change in the audit log. The database is the only record of whether a
 * token is valid — nothing caches it — so a revocation holds on every node from its commit on.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import type { ApiToken, Role } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { ChangedBy } from './account-service.ts';

const TOKEN_PREFIX = 'dl_';
/** The longest expiry accepted (a token meant for ever is made without one). */
const MAX_EXPIRY_DAYS = 5 * 366;
// Last use is written at most this often per token: a write per request would cost more than the request.
const LAST_USED_EVERY_MS = 10 * 60_000;

/** SHA-256 of a token secret. A fast hash is right here: secrets are 256 random bits, not passwords. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a token and returns its secret, which is never stored and cannot be shown again. */
export async function createApiToken(
  store: Store,
  input: { name: string; role: Role; expiresAt?: string | null },
): Promise<{ token: ApiToken; secret: string }> {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const token = await store.tokens.create({
    name: input.name,
    role: input.role,
    secretHash: hashTokenSecret(secret),
    expiresAt: input.expiresAt ?? null,
  });
  return { token, secret };
}

/**
 * The instant an expiry means: a duration from `now` ("30d", "12h") or an ISO date ("2027-01-31",
 * midnight UTC at its start) or date-time. Throws `validation` naming `expires` unless it is in the
 * future and at most five years away.
 */
export function parseExpiry(text: string, now: Date): string {
  const value = text.trim();
  const duration = /^(\d{1,5})([dh])$/.exec(value);
  let at: number;
  if (duration) {
    const hours = Number(duration[1]) * (duration[2] === 'd' ? 24 : 1);
    at = now.getTime() + hours * 3_600_000;
  } else if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  } else {
    throw invalid(
      'expires',
      'expires must be a duration such as 30d or 12h, or an ISO date such as 2027-01-31',
    );
  }
  if (!Number.isFinite(at)) throw invalid('expires', `expires: ${value} is not a real date`);
  if (at <= now.getTime()) throw invalid('expires', 'expires must be in the future');
  if (at - now.getTime() > MAX_EXPIRY_DAYS * 86_400_000)
    throw invalid('expires', 'expires must be at most five years away');
  return new Date(at).toISOString();
}

/** State of a token as admins see it. */
export function tokenState(token: ApiToken, now: Date): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** Dependencies of the token service. */
export interface TokenServiceDeps {
  store: Store;
  now?: () => Date;
  /** Told after a revocation, so streams the token opened end at once (AccountDeps has the same). */
  onAccessLessened?: () => Promise<void>;
}

/** Creates, lists and revokes API tokens (auth.ts finds the one behind a secret with findValidToken). */
export class TokenService {
  readonly #store: Store;
  readonly #now: () => Date;
  readonly #accessLessened: () => Promise<void>;

  constructor(deps: TokenServiceDeps) {
    this.#store = deps.store;
    this.#now = deps.now ?? (() => new Date());
    this.#accessLessened = deps.onAccessLessened ?? (() => Promise.resolve());
  }

  /** Creates a token; `expires` as `parseExpiry` reads it. Absent `by`: the command line. */
  async create(
    input: { name: string; role: Role; expires?: string },
    by?: ChangedBy,
  ): Promise<{ token: ApiToken; secret: string }> {
    const name = input.name.trim();
    if (name === '' || name.length > 100) throw invalid('name', 'name must be 1 to 100 characters');
    const expiresAt = input.expires === undefined ? null : parseExpiry(input.expires, this.#now());
    const created = await createApiToken(this.#store, { name, role: input.role, expiresAt });
    await this.#audit('token.create', created.token, by);
    return created;
  }

  /** Every token, revoked and expired ones too, oldest first. */
  async list(): Promise<ApiToken[]> {
    return this.#store.tokens.list();
  }

  /**
   * Revokes a token: from the commit on, every node refuses it and ends the streams it opened (at once
   * when told through `onAccessLessened`, else at their next recheck). Revoking a revoked token changes nothing; an unknown id is `not_found`.
   */
  async revoke(id: string, by?: ChangedBy): Promise<ApiToken> {
    const before = await this.#store.tokens.getById(id);
    if (!before) throw notFound('token');
    if (before.revokedAt !== null) return before;
    const revoked = await this.#store.tokens.revoke(id, this.#now().toISOString());
    if (!revoked) throw notFound('token');
    await this.#accessLessened();
    await this.#audit('token.revoke', revoked, by);
    return revoked;
  }

  async #audit(action: string, token: ApiToken, by?: ChangedBy) {
    await this.#store.audit.record({
      actor: by?.name ?? 'command line',
      actorKey: by?.key ?? 'cli',
      action,
      target: `token:${token.id}`,
      detail: { name: token.name, role: token.role, expiresAt: token.expiresAt },
    });
  }
}

/**
 * The valid token behind `secret` at `now`, read from the database on every call (no cache: a
 * revocation made by another process must hold at once); notes its last use every ten minutes at most.
 */
export async function findValidToken(store: Store, secret: string, now: Date): Promise<ApiToken> {
  const token = await store.tokens.findBySecretHash(hashTokenSecret(secret), now.toISOString());
  if (!token)
    throw new DomainError('unauthorized', 'the token is not valid, has expired or has been revoked');
  if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= LAST_USED_EVERY_MS)
    await store.tokens.touch(token.id, now.toISOString());
  return token;
}
