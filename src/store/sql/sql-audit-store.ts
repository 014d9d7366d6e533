/** The audit log over the `audit_log` table. */
import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from '../store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import { insertAudit } from './sql-write-along.ts';

/** AuditStore over SQL. */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly deps: SqlDeps) {}

  async record(entry: NewAuditEntry): Promise<void> {
    await insertAudit(this.deps.db, this.deps, entry);
  }

  async list(opts: { limit: number; beforeId?: number | null } & AuditFilter): Promise<AuditEntry[]> {
    let query = this.deps.db.selectFrom('audit_log').selectAll();
    if (opts.beforeId) query = query.where('id', '<', opts.beforeId);
    const { actor, action, from, to } = opts;
    if (actor !== undefined)
      query = query.where((eb) => eb.or([eb('actor_key', '=', actor), eb('target', '=', actor)]));
    if (action !== undefined)
      query = action.endsWith('.')
        ? // A family: "update." matches "update.publish" etc.; substr avoids LIKE's own wildcards.
          query.where((eb) => eb(eb.fn('substr', ['action', eb.val(1), eb.val(action.length)]), '=', action))
        : query.where('action', '=', action);
    if (from !== undefined) query = query.where('at', '>=', from);
    if (to !== undefined) query = query.where('at', '<', to);
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
