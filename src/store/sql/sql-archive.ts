/** ArchiveStore over the `stories` table (see ../archive.ts). */
import { sql, type RawBuilder } from 'kysely';
import type { Story } from '../../domain/types.ts';
import type { ArchivedStory, ArchiveStore } from '../archive.ts';
import { toStory } from './rows.ts';
import type { SqlDeps } from './sql-adapter.ts';

const PUBLIC = ['live', 'ended'];

/** Archive queries shared by both engines. */
export class SqlArchive implements ArchiveStore {
  // Daily pages sort by their date; standalone stories by the UTC day they were created.
  readonly #dayKey: RawBuilder<string>;

  constructor(private readonly deps: SqlDeps) {
    this.#dayKey = sql<string>`coalesce(date, ${deps.adapter.utcDay('created_at')})`;
  }

  async listDeskDays(deskId: string): Promise<string[]> {
    const rows = await this.deps.db
      .selectFrom('stories')
      .select(this.#dayKey.as('day'))
      .where('desk_id', '=', deskId)
      .where('status', 'in', PUBLIC)
      .groupBy(this.#dayKey)
      .orderBy(this.#dayKey, 'desc')
      .execute();
    return rows.map((row) => String(row.day));
  }

  async listDeskStoriesBetween(deskId: string, from: string, to: string): Promise<Story[]> {
    const rows = await this.deps.db
      .selectFrom('stories')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where('status', 'in', PUBLIC)
      .where(this.#dayKey, '>=', from)
      .where(this.#dayKey, '<=', to)
      .orderBy(this.#dayKey)
      .orderBy('id')
      .execute();
    return rows.map(toStory);
  }

  async listPublic(opts: { limit: number; openedSince?: string }): Promise<ArchivedStory[]> {
    let query = this.deps.db
      .selectFrom('stories as s')
      .leftJoin('desks as d', 'd.id', 's.desk_id')
      .selectAll('s')
      .select('d.slug as desk_slug')
      // One index lookup per story: (story_id, seq) is the events table's unique key.
      .select((eb) =>
        eb
          .selectFrom('events as e')
          .select('e.at')
          .whereRef('e.story_id', '=', 's.id')
          .whereRef('e.seq', '=', 's.last_event_seq')
          .as('last_event_at'),
      )
      .where('s.status', 'in', PUBLIC);
    if (opts.openedSince !== undefined) query = query.where('s.opened_at', '>=', opts.openedSince);
    const rows = await query.orderBy('s.updated_at', 'desc').orderBy('s.id').limit(opts.limit).execute();
    return rows.map((row) => ({
      story: toStory(row),
      deskSlug: row.desk_slug,
      lastChangedAt:
        row.last_event_at !== null && row.last_event_at > row.updated_at ? row.last_event_at : row.updated_at,
    }));
  }
}
