/** Accounts over the `users` and `sessions` tables. */
import { DomainError, notFound } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type { Role, Session, User } from '../../domain/types.ts';
import type { AccountStore, NewUser } from '../store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { SessionRow, UserRow } from './schema.ts';

/** AccountStore over SQL. */
export class SqlAccountStore implements AccountStore {
  constructor(private readonly deps: SqlDeps) {}

  async createUser(user: NewUser): Promise<User> {
    const row: UserRow = {
      id: createId(),
      email: user.email.trim().toLowerCase(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      desks: null,
      disabled_at: null,
      created_at: this.deps.clock(),
      password_temporary: user.passwordTemporary ? 1 : 0,
    };
    try {
      await this.deps.db.insertInto('users').values(row).execute();
    } catch (error) {
      if (this.deps.adapter.isUniqueViolation(error))
        throw new DomainError('conflict', `a user with email ${row.email} already exists`, {
          field: 'email',
        });
      throw error;
    }
    return toUser(row);
  }

  async getUser(id: string): Promise<User | null> {
    const row = await this.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findLogin(email: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.deps.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.deps.db.selectFrom('users').selectAll().orderBy('email').execute();
    return rows.map(toUser);
  }

  async changeUser(
    id: string,
    change: {
      role?: Role;
      desks?: string[] | null;
      passwordHash?: string;
      passwordTemporary?: boolean;
      disabled?: boolean;
    },
  ): Promise<User> {
    const set: Partial<UserRow> = {};
    if (change.role !== undefined) set.role = change.role;
    if (change.desks !== undefined) set.desks = change.desks === null ? null : JSON.stringify(change.desks);
    if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
    if (change.passwordTemporary !== undefined) set.password_temporary = change.passwordTemporary ? 1 : 0;
    if (change.disabled !== undefined) set.disabled_at = change.disabled ? this.deps.clock() : null;
    const row =
      Object.keys(set).length === 0
        ? await this.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
        : await this.deps.db
            .updateTable('users')
            .set(set)
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst();
    if (!row) throw notFound('user');
    return toUser(row);
  }

  async createSession(input: Omit<Session, 'createdAt'> & { secretHash: string }): Promise<Session> {
    const row: SessionRow = {
      id: input.id,
      user_id: input.userId,
      secret_hash: input.secretHash,
      csrf_token: input.csrfToken,
      created_at: this.deps.clock(),
      expires_at: input.expiresAt,
    };
    await this.deps.db.insertInto('sessions').values(row).execute();
    return toSession(row);
  }

  async findSession(secretHash: string, now: string): Promise<{ session: Session; user: User } | null> {
    const row = await this.deps.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('s')
      .select([
        'u.email',
        'u.name',
        'u.role',
        'u.password_hash',
        'u.desks',
        'u.disabled_at',
        'u.password_temporary',
        'u.created_at as user_created_at',
      ])
      .where('s.secret_hash', '=', secretHash)
      .executeTakeFirst();
    if (!row || row.disabled_at !== null || Date.parse(row.expires_at) <= Date.parse(now)) return null;
    return {
      session: toSession(row),
      user: toUser({ ...row, id: row.user_id, created_at: row.user_created_at }),
    };
  }

  async deleteSession(id: string): Promise<void> {
    await this.deps.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(userId: string): Promise<number> {
    const result = await this.deps.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    desks: row.desks === null ? null : (JSON.parse(row.desks) as string[]),
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    passwordTemporary: Number(row.password_temporary) === 1,
  };
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
