/** Assembles a Store from the shared Kysely repositories and one engine's adapter and connection. */
import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type { ApiToken, Desk, Role } from '../../domain/types.ts';
import type { SearchStore } from '../search.ts';
import type { DeskChange, DeskStore, NewDesk, Store, TokenStore } from '../store.ts';
import { toDesk } from './rows.ts';
import type { Clock, SqlAdapter, SqlDeps } from './sql-adapter.ts';
import { SqlArchive } from './sql-archive.ts';
import { SqlCorrectionStore } from './sql-correction-store.ts';
import { SqlContactStore } from './sql-contact-store.ts';
import { SqlContactNetwork } from './sql-contact-network.ts';
import { SqlMapLayerStore } from './sql-map-layer-store.ts';
import { SqlEnrichmentStore } from './sql-enrichment-store.ts';
import { SqlEventLog } from './sql-event-log.ts';
import { SqlGazetteerStore } from './sql-gazetteer-store.ts';
import { SqlAccountStore } from './sql-account-store.ts';
import { SqlAuthorStore } from './sql-author-store.ts';
import { SqlAuditStore } from './sql-audit-store.ts';
import { SqlMediaStore } from './sql-media-store.ts';
import { SqlSubmissionStore } from './sql-submission-store.ts';
import { SqlStatementFeedStore } from './sql-statement-feed-store.ts';
import { SqlStatementStore } from './sql-statement-store.ts';
import { SqlStoryStore } from './sql-story-store.ts';
import { SqlUpdateStore } from './sql-update-store.ts';
import { SqlWebhookStore } from './sql-webhook-store.ts';
import type { Database, TokenRow } from './schema.ts';

/** What an engine hands over once its database is open and migrated. */
export interface SqlStoreParts {
  db: Kysely<Database>;
  adapter: SqlAdapter;
  clock: Clock;
  /** The engine's full-text search (its index comes with the engine's migrations). */
  search: (deps: SqlDeps) => SearchStore;
  /** Whether the database answers; must fail fast when it does not. */
  ping(): Promise<void>;
}

/** The Store over an open, migrated database; `close()` destroys `db`. */
export function createSqlStore(parts: SqlStoreParts): Store {
  const deps: SqlDeps = { db: parts.db, adapter: parts.adapter, clock: parts.clock };
  return {
    desks: new SqlDeskStore(deps),
    stories: new SqlStoryStore(deps),
    updates: new SqlUpdateStore(deps),
    events: new SqlEventLog(parts.db),
    tokens: new SqlTokenStore(deps),
    enrichments: new SqlEnrichmentStore(deps),
    corrections: new SqlCorrectionStore(deps),
    contacts: new SqlContactStore(deps),
    contactNetwork: new SqlContactNetwork(deps),
    mapLayers: new SqlMapLayerStore(deps),
    gazetteer: new SqlGazetteerStore(deps),
    statements: new SqlStatementStore(deps),
    statementFeeds: new SqlStatementFeedStore(deps),
    search: parts.search(deps),
    archive: new SqlArchive(deps),
    webhooks: new SqlWebhookStore(deps),
    submissions: new SqlSubmissionStore(deps),
    accounts: new SqlAccountStore(deps),
    authors: new SqlAuthorStore(deps),
    media: new SqlMediaStore(deps),
    audit: new SqlAuditStore(deps),
    ping: parts.ping,
    async close() {
      await parts.db.destroy();
    },
  };
}

class SqlDeskStore implements DeskStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(desk: NewDesk): Promise<Desk> {
    const row = { id: createId(), ...desk, created_at: this.deps.clock(), archived_at: null };
    try {
      await this.deps.db.insertInto('desks').values(row).execute();
    } catch (error) {
      if (this.deps.adapter.isUniqueViolation(error)) {
        throw new DomainError('conflict', `a desk with slug "${desk.slug}" already exists`, {
          field: 'slug',
        });
      }
      throw error;
    }
    return toDesk(row);
  }

  async getById(id: string): Promise<Desk | null> {
    const row = await this.deps.db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDesk(row) : null;
  }

  async getBySlug(slug: string): Promise<Desk | null> {
    const row = await this.deps.db
      .selectFrom('desks')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toDesk(row) : null;
  }

  async list(options: { includeArchived?: boolean } = {}): Promise<Desk[]> {
    let query = this.deps.db.selectFrom('desks').selectAll().orderBy('name');
    if (!options.includeArchived) query = query.where('archived_at', 'is', null);
    return (await query.execute()).map(toDesk);
  }

  async update(id: string, change: DeskChange): Promise<Desk | null> {
    const set = {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.description !== undefined && { description: change.description }),
      ...(change.timezone !== undefined && { timezone: change.timezone }),
      ...(change.archivedAt !== undefined && { archived_at: change.archivedAt }),
    };
    if (Object.keys(set).length > 0)
      await this.deps.db.updateTable('desks').set(set).where('id', '=', id).execute();
    return this.getById(id);
  }
}

class SqlTokenStore implements TokenStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(token: {
    name: string;
    role: Role;
    secretHash: string;
    expiresAt?: string | null;
  }): Promise<ApiToken> {
    const row: TokenRow = {
      id: createId(),
      name: token.name,
      role: token.role,
      secret_hash: token.secretHash,
      created_at: this.deps.clock(),
      revoked_at: null,
      expires_at: token.expiresAt ?? null,
      last_used_at: null,
    };
    await this.deps.db.insertInto('api_tokens').values(row).execute();
    return toApiToken(row);
  }

  async findBySecretHash(secretHash: string, now = this.deps.clock()): Promise<ApiToken | null> {
    const row = await this.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    // Compared as instants here, not in SQL, so both engines agree whatever their timestamp types.
    if (!row || (row.expires_at !== null && Date.parse(row.expires_at) <= Date.parse(now))) return null;
    return toApiToken(row);
  }

  async getById(id: string): Promise<ApiToken | null> {
    const row = await this.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toApiToken);
  }

  async revoke(id: string, at: string): Promise<ApiToken | null> {
    await this.deps.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.getById(id);
  }

  async touch(id: string, at: string): Promise<void> {
    await this.deps.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
