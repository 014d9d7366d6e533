/** Stories: creation, daily pages, header patches with their `story` events. */
import { sql, type RawBuilder } from 'kysely';
import { isCalendarDate } from '../../domain/days.ts';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type { LiveEvent, Story, StoryStatus } from '../../domain/types.ts';
import type { Page } from '../../domain/types.ts';
import type { NewStory, StoryPatch, StoryStore } from '../store.ts';
import { decodeCursor, encodeCursor, toStory } from './rows.ts';
import type { SqlDeps } from './sql-adapter.ts';
import { appendEvent } from './sql-event-log.ts';
import type { StoryRow } from './schema.ts';

/** StoryStore over the `stories` table. */
export class SqlStoryStore implements StoryStore {
  // Daily pages sort by their date; standalone stories by the day they were created.
  readonly #dayKey: RawBuilder<string>;

  constructor(private readonly deps: SqlDeps) {
    this.#dayKey = sql<string>`coalesce(date, ${deps.adapter.utcDay('created_at')})`;
  }

  async create(story: NewStory): Promise<Story> {
    const row = this.#newRow(story);
    try {
      await this.deps.db.insertInto('stories').values(row).execute();
    } catch (error) {
      if (this.deps.adapter.isUniqueViolation(error)) {
        throw new DomainError('conflict', `a story with slug "${story.slug}" already exists here`, {
          field: 'slug',
        });
      }
      throw error;
    }
    return toStory(row);
  }

  async getById(id: string): Promise<Story | null> {
    const row = await this.deps.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStory(row) : null;
  }

  async getBySlug(deskId: string | null, slug: string): Promise<Story | null> {
    const row = await this.deps.db
      .selectFrom('stories')
      .selectAll()
      .where(sql<string>`coalesce(desk_id, '')`, '=', deskId ?? '')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toStory(row) : null;
  }

  async getOrCreateDaily(
    deskId: string,
    date: string,
    story: Omit<NewStory, 'deskId' | 'slug' | 'date'>,
  ): Promise<Story> {
    // Two readers may open the same new day at once: insert-or-ignore, then read whichever row won.
    await this.deps.db
      .insertInto('stories')
      .values(this.#newRow({ ...story, deskId, slug: date, date }))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const created = await this.getBySlug(deskId, date);
    if (!created) throw new Error(`daily page ${date} vanished after insert`);
    return created;
  }

  async listByDesk(
    deskId: string,
    opts: { limit: number; cursor?: string | null; publicOnly: boolean },
  ): Promise<Page<Story>> {
    let query = this.deps.db.selectFrom('stories').selectAll().where('desk_id', '=', deskId);
    if (opts.publicOnly) query = query.where('status', 'in', ['live', 'ended']);
    if (opts.cursor) {
      const parts = decodeCursor(opts.cursor);
      if (
        !parts ||
        typeof parts[0] !== 'string' ||
        !isCalendarDate(parts[0]) ||
        typeof parts[1] !== 'string'
      ) {
        throw new DomainError('validation', 'cursor is not valid', { field: 'cursor' });
      }
      const [day, id] = parts as [string, string];
      query = query.where((eb) =>
        eb.or([eb(this.#dayKey, '<', day), eb.and([eb(this.#dayKey, '=', day), eb('id', '<', id)])]),
      );
    }
    const rows = await query
      .orderBy(this.#dayKey, 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1)
      .execute();
    return page(rows, opts.limit, (row) => [row.date ?? row.created_at.slice(0, 10), row.id]);
  }

  async listByStatus(statuses: StoryStatus[], limit: number): Promise<Story[]> {
    if (statuses.length === 0) return [];
    const rows = await this.deps.db
      .selectFrom('stories')
      .selectAll()
      .where('status', 'in', statuses)
      .where((eb) =>
        eb.or([
          eb('desk_id', 'is', null),
          eb('desk_id', 'not in', eb.selectFrom('desks').select('id').where('archived_at', 'is not', null)),
        ]),
      )
      // Engines disagree on where NULLs sort; drafts were never opened and come last on both.
      .orderBy('opened_at', (ob) => ob.desc().nullsLast())
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toStory);
  }

  async patch(
    id: string,
    baseVersion: number,
    patch: StoryPatch,
  ): Promise<{ story: Story; event: LiveEvent }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound('story');
      if (current.version !== baseVersion) throw this.#stale(toStory(current), baseVersion);
      const now = this.deps.clock();
      const changes: Partial<StoryRow> = { updated_at: now, version: current.version + 1 };
      if (patch.headline !== undefined) changes.headline = patch.headline;
      if (patch.standfirst !== undefined) changes.standfirst = patch.standfirst;
      if (patch.body !== undefined) changes.body = patch.body;
      if (patch.bodyHtml !== undefined) changes.body_html = patch.bodyHtml;
      if (patch.topPhoto !== undefined)
        changes.top_photo = patch.topPhoto === null ? null : JSON.stringify(patch.topPhoto);
      if (patch.status !== undefined && patch.status !== current.status) {
        changes.status = patch.status;
        if (patch.status === 'live') {
          changes.ended_at = null;
          if (current.opened_at === null) changes.opened_at = now;
        }
        if (patch.status === 'ended') changes.ended_at = now;
      }
      // Where writers run concurrently (PostgreSQL), another patch may land between the read and
      // this write; the version condition turns that into a conflict instead of a lost edit.
      const updated = await trx
        .updateTable('stories')
        .set(changes)
        .where('id', '=', id)
        .where('version', '=', current.version)
        .returningAll()
        .executeTakeFirst();
      if (!updated) {
        const latest = await trx
          .selectFrom('stories')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        throw this.#stale(toStory(latest), baseVersion);
      }
      const event = await appendEvent(trx, this.deps.adapter, id, now, {
        type: 'story',
        story: toStory(updated),
      });
      return { story: { ...toStory(updated), lastEventSeq: event.seq }, event };
    });
  }

  #stale(current: Story, baseVersion: number): DomainError {
    return conflict(`story is at version ${current.version}, not ${baseVersion}`, current);
  }

  #newRow(story: NewStory): StoryRow {
    const now = this.deps.clock();
    return {
      id: createId(),
      desk_id: story.deskId,
      slug: story.slug,
      date: story.date,
      headline: story.headline,
      standfirst: story.standfirst,
      body: story.body,
      body_html: story.bodyHtml,
      top_photo: story.topPhoto === null ? null : JSON.stringify(story.topPhoto),
      status: story.status,
      opened_at: story.status === 'draft' ? null : now,
      ended_at: story.status === 'ended' ? now : null,
      created_at: now,
      updated_at: now,
      version: 1,
      last_event_seq: 0,
      last_update_seq: 0,
    };
  }
}

function page(rows: StoryRow[], limit: number, key: (row: StoryRow) => (string | number)[]): Page<Story> {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(toStory), nextCursor: more && last ? encodeCursor(key(last)) : null };
}
