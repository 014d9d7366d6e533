/** The audit log over the `audit_log` table. */
import type { AuditEntry, AuditStore } from '../store.ts';
import type { SqlDeps } from './sql-adapter.ts';

/** AuditStore over SQL. */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly deps: SqlDeps) {}

  async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.deps.db
      .insertInto('audit_log')
      .values({
        at: this.deps.clock(),
        actor: entry.actor,
        actor_key: entry.actorKey,
        action: entry.action,
        target: entry.target,
        detail: JSON.stringify(entry.detail),
      })
      .execute();
  }

  async list(opts: { limit: number; beforeId?: number | null }): Promise<AuditEntry[]> {
    let query = this.deps.db.selectFrom('audit_log').selectAll();
    if (opts.beforeId) query = query.where('id', '<', opts.beforeId);
    const rows = await query.orderBy('id', 'desc').limit(opts.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      actorKey: row.actor_key,
      action: row.action,
      target: row.target,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }
}
