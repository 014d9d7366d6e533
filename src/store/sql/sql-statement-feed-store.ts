/** Configured statement feeds over the `statement_feeds` table. */
import { DomainError, notFound } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type {
  FeedPollOutcome,
  FeedStatus,
  NewStatementFeed,
  StatementFeed,
  StatementFeedStore,
} from '../../statements/feeds/feed-store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { StatementFeedRow } from './schema.ts';

/** StatementFeedStore over SQL. */
export class SqlStatementFeedStore implements StatementFeedStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(feed: NewStatementFeed): Promise<StatementFeed> {
    const now = this.deps.clock();
    const row: StatementFeedRow = {
      id: createId(),
      url: feed.url,
      issuer: feed.issuer,
      language: feed.language,
      interval_seconds: feed.intervalSeconds,
      etag: null,
      last_modified: null,
      status: 'pending',
      last_error: null,
      last_polled_at: null,
      last_success_at: null,
      next_poll_at: now,
      failures: 0,
      statements_added: 0,
      created_at: now,
      disabled_at: null,
    };
    try {
      await this.deps.db.insertInto('statement_feeds').values(row).execute();
    } catch (error) {
      if (this.deps.adapter.isUniqueViolation(error)) {
        throw new DomainError('conflict', `a feed with URL ${feed.url} is already configured`, {
          field: 'url',
        });
      }
      throw error;
    }
    return toFeed(row);
  }

  async getById(id: string): Promise<StatementFeed | null> {
    const row = await this.deps.db
      .selectFrom('statement_feeds')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toFeed(row) : null;
  }

  async list(): Promise<StatementFeed[]> {
    const rows = await this.deps.db
      .selectFrom('statement_feeds')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toFeed);
  }

  async listDue(now: string, limit: number): Promise<StatementFeed[]> {
    const rows = await this.deps.db
      .selectFrom('statement_feeds')
      .selectAll()
      .where('next_poll_at', '<=', now)
      .where('disabled_at', 'is', null)
      .orderBy('next_poll_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toFeed);
  }

  async setDisabled(id: string, disabledAt: string | null): Promise<StatementFeed> {
    const row = await this.deps.db
      .updateTable('statement_feeds')
      .set({
        disabled_at: disabledAt,
        ...(disabledAt === null && { next_poll_at: this.deps.clock(), failures: 0 }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('feed');
    return toFeed(row);
  }

  async recordPoll(id: string, outcome: FeedPollOutcome): Promise<StatementFeed> {
    const row = await this.deps.db
      .updateTable('statement_feeds')
      .set((eb) => ({
        status: outcome.status,
        last_error: outcome.lastError,
        last_polled_at: outcome.polledAt,
        next_poll_at: outcome.nextPollAt,
        failures: outcome.failures,
        statements_added: eb('statements_added', '+', outcome.added),
        ...(outcome.status === 'ok' && { last_success_at: outcome.polledAt }),
        ...(outcome.etag !== undefined && { etag: outcome.etag }),
        ...(outcome.lastModified !== undefined && { last_modified: outcome.lastModified }),
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('feed');
    return toFeed(row);
  }
}

function toFeed(row: StatementFeedRow): StatementFeed {
  return {
    id: row.id,
    url: row.url,
    issuer: row.issuer,
    language: row.language,
    intervalSeconds: row.interval_seconds,
    etag: row.etag,
    lastModified: row.last_modified,
    status: row.status as FeedStatus,
    lastError: row.last_error,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    nextPollAt: row.next_poll_at,
    failures: row.failures,
    statementsAdded: row.statements_added,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}
