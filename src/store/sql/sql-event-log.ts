/** The live event log, and the one function every write uses to append to it. */
import type { Kysely, Transaction } from 'kysely';
import type { LiveEvent, LiveEventData } from '../../domain/types.ts';
import type { EventLog } from '../store.ts';
import { toEvent } from './rows.ts';
import type { SqlAdapter } from './sql-adapter.ts';
import type { Database } from './schema.ts';

/**
 * Appends the story's next live event inside `trx`. The story row's counter is bumped in the same
 * transaction, and that row stays locked until commit, so per-story sequence numbers have no gaps and
 * never repeat. The event log lock is taken last: once it is held the transaction waits for nothing
 * else, so it cannot deadlock and is held only for the insert and the commit.
 */
export async function appendEvent(
  trx: Transaction<Database>,
  adapter: SqlAdapter,
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
  await adapter.lockEventLog(trx);
  const { id } = await trx
    .insertInto('events')
    .values({ story_id: storyId, seq, at, data: JSON.stringify(data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { globalId: id, storyId, seq, at, data };
}

/** EventLog over the `events` table. */
export class SqlEventLog implements EventLog {
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

  async lastSeq(storyId: string): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('story_id', '=', storyId)
      .executeTakeFirst();
    return row?.seq ?? 0;
  }

  async lastGlobalId(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return row?.id ?? 0;
  }
}
