/** Stories in SQLite: creation, daily pages, header patches with their `story` events. */
import { sql, type Kysely } from 'kysely';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type { LiveEvent, Story, StoryStatus } from '../../domain/types.ts';
import type { NewStory, Page, StoryPatch, StoryStore } from '../store.ts';
import { decodeCursor, encodeCursor, toStory } from './rows.ts';
import type { Database, StoryRow } from './schema.ts';
import { appendEvent, isUniqueViolation, type Clock } from './sqlite-store.ts';

// Daily pages sort by their date; standalone stories by the day they were created.
const DAY_KEY = sql<string>`coalesce(date, substr(created_at, 1, 10))`;

/** SQLite implementation of StoryStore. */
export class SqliteStoryStore implements StoryStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(story: NewStory): Promise<Story> {
    const row = this.#newRow(story);
    try {
      await this.db.insertInto('stories').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('conflict', `a story with slug "${story.slug}" already exists here`, {
          field: 'slug',
        });
      }
      throw error;
    }
    return toStory(row);
  }

  async getById(id: string): Promise<Story | null> {
    const row = await this.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStory(row) : null;
  }

  async getBySlug(deskId: string | null, slug: string): Promise<Story | null> {
    const row = await this.db
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
    await this.db
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
    let query = this.db.selectFrom('stories').selectAll().where('desk_id', '=', deskId);
    if (opts.publicOnly) query = query.where('status', 'in', ['live', 'ended']);
    if (opts.cursor) {
      const parts = decodeCursor(opts.cursor);
      if (!parts || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
        throw new DomainError('validation', 'cursor is not valid', { field: 'cursor' });
      }
      const [day, id] = parts as [string, string];
      query = query.where((eb) =>
        eb.or([eb(DAY_KEY, '<', day), eb.and([eb(DAY_KEY, '=', day), eb('id', '<', id)])]),
      );
    }
    const rows = await query
      .orderBy(DAY_KEY, 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1)
      .execute();
    return page(rows, opts.limit, (row) => [row.date ?? row.created_at.slice(0, 10), row.id]);
  }

  async listByStatus(statuses: StoryStatus[], limit: number): Promise<Story[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db
      .selectFrom('stories')
      .selectAll()
      .where('status', 'in', statuses)
      .orderBy('opened_at', 'desc')
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
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound('story');
      if (current.version !== baseVersion) {
        throw conflict(`story is at version ${current.version}, not ${baseVersion}`, toStory(current));
      }
      const now = this.clock();
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
      await trx.updateTable('stories').set(changes).where('id', '=', id).execute();
      const updated = await trx
        .selectFrom('stories')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const event = await appendEvent(trx, id, now, { type: 'story', story: toStory(updated) });
      return { story: { ...toStory(updated), lastEventSeq: event.seq }, event };
    });
  }

  #newRow(story: NewStory): StoryRow {
    const now = this.clock();
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
