/**
 * Newsroom accounts: argon2id password hashes (@node-rs/argon2, at its OWASP-level defaults), sessions
 * whose secret lives only in the browser's cookie (the database keeps its SHA-256), throttled sign-in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { createId } from '../domain/ids.ts';
import type { Role, Session, User } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { LoginThrottle } from './login-throttle.ts';
import { checkPassword, type PasswordContext } from './password-policy.ts';
/** How long a sign-in lasts. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Dependencies of the account service. */
export interface AccountDeps {
  store: Store;
  throttle?: LoginThrottle;
  now?: () => Date;
  /** Told after a change that may take someone's access away, so open streams recheck at once. */
  onAccessLessened?: () => Promise<void>;
}

/** A new sign-in: the cookie secret (shown to no one else) and its session. */
export interface SignIn {
  user: User;
  session: Session;
  secret: string;
}

/** Who made an account change: an admin in the newsroom, or (absent) the command line. */
export interface ChangedBy {
  name: string;
  key: string;
}

/** SHA-256 of a session secret (256 random bits, so a fast hash suffices). */
export function hashSessionSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates users, checks passwords, opens and ends sessions. */
export class AccountService {
  readonly #store: Store;
  readonly #throttle: LoginThrottle;
  readonly #now: () => Date;
  readonly #accessLessened: () => Promise<void>;
  // Verified against when the email is unknown, so a miss takes as long as a wrong password.
  #decoy: Promise<string> | null = null;

  constructor(deps: AccountDeps) {
    this.#store = deps.store;
    this.#throttle = deps.throttle ?? new LoginThrottle();
    this.#now = deps.now ?? (() => new Date());
    this.#accessLessened = deps.onAccessLessened ?? (() => Promise.resolve());
  }

  /** Creates a user with an argon2id hash of `password`. */
  async addUser(
    input: { email: string; name: string; role: Role; password: string; temporary?: boolean },
    by?: ChangedBy,
  ): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 200)
      throw invalid('email', 'email must be an address like a@b.org');
    const name = input.name.trim();
    if (name === '' || name.length > 100) throw invalid('name', 'name must be 1 to 100 characters');
    const user = await this.#store.accounts.createUser({
      email,
      name,
      role: input.role,
      passwordHash: await hashPassword(input.password, 'password', { email, name }),
      passwordTemporary: input.temporary ?? false,
    });
    await this.#audit('user.add', user, { role: user.role }, by);
    return user;
  }

  /** The user with `email`, or `not_found`. */
  async userByEmail(email: string): Promise<User> {
    const found = await this.#store.accounts.findLogin(email);
    if (!found) throw notFound(`user ${email.trim().toLowerCase()}`);
    return found.user;
  }

  /**
   * Sets a new password and ends every session of the user. `temporary`: one an admin hands over, which
   * its owner must replace with their own at the next sign-in.
   */
  async setPassword(email: string, password: string, by?: ChangedBy, temporary = false): Promise<User> {
    const user = await this.userByEmail(email);
    const changed = await this.#store.accounts.changeUser(user.id, {
      passwordHash: await hashPassword(password, 'password', user),
      passwordTemporary: temporary,
    });
    await this.#store.accounts.deleteSessionsOf(user.id);
    await this.#accessLessened();
    await this.#audit('user.password', user, {}, by);
    return changed;
  }

  /** Changes a user's role; their sessions pick it up on the next request. */
  async setRole(email: string, role: Role, by?: ChangedBy): Promise<User> {
    const user = await this.userByEmail(email);
    const changed = await this.#store.accounts.changeUser(user.id, { role });
    await this.#accessLessened();
    await this.#audit('user.role', user, { from: user.role, to: role }, by);
    return changed;
  }

  /** Limits a user to desks by slug, or (null) lets them work on every desk. */
  async setDesks(email: string, deskSlugs: string[] | null, by?: ChangedBy): Promise<User> {
    const user = await this.userByEmail(email);
    if (deskSlugs === null) {
      await this.#audit('user.desks', user, { desks: 'all' }, by);
      return this.#store.accounts.changeUser(user.id, { desks: null });
    }
    const ids: string[] = [];
    for (const slug of deskSlugs) {
      const desk = await this.#store.desks.getBySlug(slug);
      if (!desk) throw invalid('desks', `desk "${slug}" does not exist`);
      ids.push(desk.id);
    }
    await this.#audit('user.desks', user, { desks: deskSlugs }, by);
    return this.#store.accounts.changeUser(user.id, { desks: ids });
  }

  /** Disables (or re-enables) a user; disabling ends their sessions. */
  async setDisabled(email: string, disabled: boolean, by?: ChangedBy): Promise<User> {
    const user = await this.userByEmail(email);
    const changed = await this.#store.accounts.changeUser(user.id, { disabled });
    if (disabled) {
      await this.#store.accounts.deleteSessionsOf(user.id);
      await this.#accessLessened();
    }
    await this.#audit(disabled ? 'user.disable' : 'user.enable', user, {}, by);
    return changed;
  }

  /**
   * Signs in, or throws `unauthorized` with one message for every kind of failure (so it does not tell
   * which emails exist) and `rate_limited` after too many failures for the account or the address.
   */
  async signIn(email: string, password: string, address: string): Promise<SignIn> {
    const account = email.trim().toLowerCase();
    // Reserved before anything is awaited: simultaneous attempts each take a place in the limit.
    const attempt = this.#throttle.begin(account, address);
    let found: Awaited<ReturnType<Store['accounts']['findLogin']>>;
    let ok: boolean;
    try {
      found = await this.#store.accounts.findLogin(account);
      ok = found
        ? await verify(found.passwordHash, password)
        : await verify(await this.#decoyHash(), password).then(() => false);
    } catch (error) {
      attempt.fail();
      throw error;
    }
    if (!found || !ok || found.user.disabledAt !== null) {
      attempt.fail();
      await this.#store.audit.record({
        actor: account,
        actorKey: found ? `user:${found.user.id}` : 'unknown',
        action: 'login.failed',
        target: account,
        detail: { address },
      });
      throw new DomainError('unauthorized', 'email or password is wrong, or the account is disabled');
    }
    attempt.succeed();
    const secret = randomBytes(32).toString('base64url');
    const session = await this.#store.accounts.createSession({
      id: createId(),
      userId: found.user.id,
      secretHash: hashSessionSecret(secret),
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(this.#now().getTime() + SESSION_TTL_MS).toISOString(),
    });
    await this.#audit(
      'login',
      found.user,
      { address },
      {
        name: found.user.name,
        key: `user:${found.user.id}`,
      },
    );
    return { user: found.user, session, secret };
  }

  /**
   * A signed-in user replaces their own password (the one-time one an admin gave them, or any): the
   * current one must be right. Every session ends, this one too, so they sign in with the new one.
   * Guesses at the current password are throttled like sign-ins (a stolen session must not become a
   * way to find the password), and counted against the same account and `address`.
   */
  async changeOwnPassword(userId: string, current: string, next: string, address: string): Promise<void> {
    const user = await this.#store.accounts.getUser(userId);
    if (!user) throw invalid('currentPassword', 'the current password is wrong');
    const attempt = this.#throttle.begin(user.email, address);
    let ok = false;
    try {
      const found = await this.#store.accounts.findLogin(user.email);
      ok = found !== null && (await verify(found.passwordHash, current));
    } finally {
      if (ok) attempt.succeed();
      else attempt.fail();
    }
    if (!ok) throw invalid('currentPassword', 'the current password is wrong');
    if (next === current) throw invalid('newPassword', 'choose a password different from the current one');
    await this.#store.accounts.changeUser(user.id, {
      passwordHash: await hashPassword(next, 'newPassword', user),
      passwordTemporary: false,
    });
    await this.#store.accounts.deleteSessionsOf(user.id);
    await this.#accessLessened();
    await this.#audit('user.password', user, { own: true }, { name: user.name, key: `user:${user.id}` });
  }

  /** The session and user behind a cookie secret, or null. */
  async resume(secret: string): Promise<{ session: Session; user: User } | null> {
    return this.#store.accounts.findSession(hashSessionSecret(secret), this.#now().toISOString());
  }

  /** Ends one session. */
  async signOut(sessionId: string): Promise<void> {
    await this.#store.accounts.deleteSession(sessionId);
    await this.#accessLessened();
  }

  /** Ends every session of the user, on every device. */
  async signOutEverywhere(userId: string): Promise<number> {
    const ended = await this.#store.accounts.deleteSessionsOf(userId);
    await this.#accessLessened();
    return ended;
  }

  /** Records an account event in the audit log; `by` is who did it (absent: the command line). */
  async #audit(action: string, user: User, detail: Record<string, unknown> = {}, by?: ChangedBy) {
    await this.#store.audit.record({
      actor: by?.name ?? 'command line',
      actorKey: by?.key ?? 'cli',
      action,
      target: user.email,
      detail,
    });
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hash(randomBytes(16).toString('hex'));
    return this.#decoy;
  }
}

/** argon2id hash of a password that the policy accepts (else a `validation` error naming `field`). */
async function hashPassword(password: string, field: string, owner: PasswordContext): Promise<string> {
  checkPassword(password, field, owner);
  return hash(password);
}
