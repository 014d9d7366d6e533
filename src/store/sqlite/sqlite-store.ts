/**
 * The embedded default: SQLite through better-sqlite3 (the only module that imports it), queried with
 * Kysely, in WAL mode with synchronous=FULL so an acknowledged write survives a crash of the process
 * (and of the machine).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type { ApiToken, Desk, LiveEvent, LiveEventData, Role } from '../../domain/types.ts';
import type { DeskStore, EventLog, NewDesk, Store, TokenStore } from '../store.ts';
import { MIGRATIONS } from './migrations.ts';
import { toDesk, toEvent } from './rows.ts';
import type { Database } from './schema.ts';
import { SqliteStoryStore } from './sqlite-story-store.ts';
import { SqliteUpdateStore } from './sqlite-update-store.ts';

/** Options for opening the SQLite store. */
export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  filename: string;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
}

/** Clock shared by the repositories. */
export type Clock = () => string;

/** Opens (creating if needed) the database, applies migrations and returns the store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
  const sqlite = new BetterSqlite3(options.filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (the CLI) may write while the server runs; wait rather than fail.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const now = options.now ?? (() => new Date());
  const clock: Clock = () => now().toISOString();
  return {
    desks: new SqliteDeskStore(db, clock),
    stories: new SqliteStoryStore(db, clock),
    updates: new SqliteUpdateStore(db, clock),
    events: new SqliteEventLog(db),
    tokens: new SqliteTokenStore(db, clock),
    async ping() {
      sqlite.prepare('select 1').get();
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Whether `error` is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT_UNIQUE');
}

/**
 * Appends the story's next live event inside `trx`. The story row's counter is bumped in the same
 * transaction, so sequence numbers have no gaps and never repeat.
 */
export async function appendEvent(
  trx: Transaction<Database>,
  storyId: string,
  at: string,
  data: LiveEventData,
): Promise<LiveEvent> {
  const { last_event_seq: seq } = await trx
    .updateTable('stories')
    .set((eb) => ({ last_event_seq: eb('last_event_seq', '+', 1) }))
    .where('id', '=', storyId)
    .returning('last_event_seq')
    .executeTakeFirstOrThrow();
  const { id } = await trx
    .insertInto('events')
    .values({ story_id: storyId, seq, at, data: JSON.stringify(data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { globalId: id, storyId, seq, at, data };
}

class SqliteDeskStore implements DeskStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(desk: NewDesk): Promise<Desk> {
    const row = { id: createId(), ...desk, created_at: this.clock() };
    try {
      await this.db.insertInto('desks').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('conflict', `a desk with slug "${desk.slug}" already exists`, {
          field: 'slug',
        });
      }
      throw error;
    }
    return toDesk(row);
  }

  async getById(id: string): Promise<Desk | null> {
    const row = await this.db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDesk(row) : null;
  }

  async getBySlug(slug: string): Promise<Desk | null> {
    const row = await this.db.selectFrom('desks').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toDesk(row) : null;
  }

  async list(): Promise<Desk[]> {
    const rows = await this.db.selectFrom('desks').selectAll().orderBy('name').execute();
    return rows.map(toDesk);
  }
}

class SqliteEventLog implements EventLog {
  constructor(private readonly db: Kysely<Database>) {}

  async listAfter(storyId: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async listAfterGlobal(afterId: number, limit: number): Promise<LiveEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async lastGlobalId(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return row?.id ?? 0;
  }
}

class SqliteTokenStore implements TokenStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(token: { name: string; role: Role; secretHash: string }): Promise<ApiToken> {
    const row = {
      id: createId(),
      name: token.name,
      role: token.role,
      secret_hash: token.secretHash,
      created_at: this.clock(),
      revoked_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return { id: row.id, name: row.name, role: token.role, createdAt: row.created_at };
  }

  async findBySecretHash(secretHash: string): Promise<ApiToken | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? { id: row.id, name: row.name, role: row.role as Role, createdAt: row.created_at } : null;
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role as Role,
      createdAt: row.created_at,
    }));
  }
}
