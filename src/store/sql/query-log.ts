/** Query timings from Kysely's log hook, for the /metrics endpoint. */
import type { KyselyConfig, LogEvent } from 'kysely';

/** Receives each query's kind (select, insert, update, delete, other), duration and outcome. */
export type QueryObserver = (kind: string, durationMs: number, failed: boolean) => void;

const KINDS: Record<string, string> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
};

/** Kysely options that report every query to `observe` (none when it is absent). */
export function queryLog(observe: QueryObserver | undefined): Pick<KyselyConfig, 'log'> {
  if (observe === undefined) return {};
  return {
    log(event: LogEvent) {
      observe(KINDS[event.query.query.kind] ?? 'other', event.queryDurationMillis, event.level === 'error');
    },
  };
}
