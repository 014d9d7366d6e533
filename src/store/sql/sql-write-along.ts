/** What an update or submission write carries into its transaction: citations and audit entries. */
import type { Kysely } from 'kysely';
import type { NewAuditEntry, WriteAlong } from '../store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { Database } from './schema.ts';

/**
 * Writes `along` for the record `id` with `db` (the write's open transaction), after the record itself,
 * so a failure here rolls the whole write back: no update is published without its citations or audit.
 */
export async function writeAlong<T>(
  db: Kysely<Database>,
  deps: SqlDeps,
  id: string,
  along: WriteAlong<T> | undefined,
  written: T,
  before: T | null,
): Promise<void> {
  if (along?.citations !== undefined) await replaceCitations(db, id, along.citations);
  for (const entry of along?.audit?.(written, before) ?? []) await insertAudit(db, deps, entry);
}

/** Replaces the statements `updateId` cites with `statementIds`, in order, without repeats. */
export async function replaceCitations(
  db: Kysely<Database>,
  updateId: string,
  statementIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(statementIds)];
  await db.deleteFrom('update_statements').where('update_id', '=', updateId).execute();
  if (ids.length === 0) return;
  await db
    .insertInto('update_statements')
    .values(
      ids.map((statementId, position) => ({ update_id: updateId, statement_id: statementId, position })),
    )
    .execute();
}

/** Appends one audit entry. */
export async function insertAudit(db: Kysely<Database>, deps: SqlDeps, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: deps.clock(),
      actor: entry.actor,
      actor_key: entry.actorKey,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}
