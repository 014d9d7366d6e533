/** Updates: each write records a revision and appends a live event in one transaction. */
import { sql, type Transaction } from 'kysely';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import { bylineSlugs } from '../../domain/authors.ts';
import { createId } from '../../domain/ids.ts';
import type { LiveEvent, Revision, StoryStatus, Update, UpdateContent } from '../../domain/types.ts';
import type { Page } from '../../domain/types.ts';
import type { ListUpdatesOptions, UpdateInStory, UpdateStore, WriteAlong } from '../store.ts';
import { decodeCursor, encodeCursor, toRevision, toStory, toUpdate, updateRows } from './rows.ts';
import { UpdateContentSchema } from '../../domain/update-schema.ts';
import type { SqlDeps } from './sql-adapter.ts';
import { appendEvent } from './sql-event-log.ts';
import { writeAlong } from './sql-write-along.ts';
import type { Database } from './schema.ts';

/** The fields an author sets, each recorded in revisions when it changes. */
const CONTENT_FIELDS = Object.keys(UpdateContentSchema.shape) as (keyof UpdateContent)[];

/** UpdateStore over the `updates` and `revisions` tables. */
export class SqlUpdateStore implements UpdateStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(
    storyId: string,
    content: UpdateContent,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<{ update: Update; event: LiveEvent }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const written = await insertUpdate(trx, this.deps, storyId, content, actor);
      await writeAlong(trx, this.deps, written.update.id, along, written.update, null);
      return written;
    });
  }

  async edit(
    id: string,
    baseVersion: number,
    patch: Partial<UpdateContent>,
    actor: string,
    along?: WriteAlong<Update>,
    correctionNote?: string,
  ): Promise<{ update: Update; event: LiveEvent }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await this.#getLive(trx, id);
      if (current.version !== baseVersion) {
        throw conflict(`update is at version ${current.version}, not ${baseVersion}`, current);
      }
      const changes: Revision['changes'] = {};
      for (const field of CONTENT_FIELDS) {
        const to = patch[field];
        if (to !== undefined && JSON.stringify(to) !== JSON.stringify(current[field])) {
          changes[field] = { from: current[field], to };
        }
      }
      const now = this.deps.clock();
      const update: Update = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
      if (update.claimStatus !== current.claimStatus || update.claimNote !== current.claimNote) {
        update.claimHistory = [
          ...current.claimHistory,
          { at: now, by: actor, from: current.claimStatus, to: update.claimStatus, note: update.claimNote },
        ];
      }
      // Changed words (or an editor's note) are a correction readers are told of; claim changes,
      // pins and sources have their own display.
      const note = correctionNote?.trim() ?? '';
      if (changes['body'] !== undefined || changes['headline'] !== undefined || note !== '') {
        update.corrections = [...(current.corrections ?? []), { at: now, note }];
      }
      await this.#write(trx, update, baseVersion);
      await writeBylines(trx, update);
      await insertRevision(trx, update, 'edit', actor, now, changes);
      const event = await appendEvent(trx, this.deps.adapter, update.storyId, now, { type: 'edit', update });
      await writeAlong(trx, this.deps, id, along, update, current);
      return { update, event };
    });
  }

  async delete(
    id: string,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<{ update: Update; event: LiveEvent }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock();
      // One statement, so that of two concurrent deletes exactly one finds the update still live.
      const row = await trx
        .updateTable('updates')
        .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('update');
      const update = toUpdate(row);
      await writeBylines(trx, update);
      await insertRevision(trx, update, 'delete', actor, now, { deletedAt: { from: null, to: now } });
      const event = await appendEvent(trx, this.deps.adapter, update.storyId, now, {
        type: 'delete',
        update: { id, sequence: update.sequence },
      });
      await writeAlong(trx, this.deps, id, along, update, null);
      return { update, event };
    });
  }

  async getById(id: string): Promise<Update | null> {
    const row = await this.deps.db.selectFrom('updates').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUpdate(row) : null;
  }

  async listByStory(storyId: string, opts: ListUpdatesOptions): Promise<Page<Update>> {
    let query = this.deps.db
      .selectFrom('updates')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('deleted_at', 'is', null);
    if (opts.contains) {
      // A plain substring, so % and _ typed by an editor match themselves.
      const pattern = `%${opts.contains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(
        sql<boolean>`lower(coalesce(headline, '') || ' ' || body) like ${pattern} escape '\\'`,
      );
    }
    if (opts.beforeSequence !== undefined) query = query.where('sequence', '<', opts.beforeSequence);
    if (opts.cursor) {
      const parts = decodeCursor(opts.cursor);
      if (!parts || typeof parts[0] !== 'number') {
        throw new DomainError('validation', 'cursor is not valid', { field: 'cursor' });
      }
      query = query.where('sequence', '<', parts[0]);
    }
    const rows = await query
      .orderBy('sequence', 'desc')
      .limit(opts.limit + 1)
      .execute();
    const more = rows.length > opts.limit;
    const items = rows.slice(0, opts.limit).map(toUpdate);
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor([last.sequence]) : null };
  }

  async listHighlights(storyId: string): Promise<{ pinned: Update[]; keyEvents: Update[] }> {
    const rows = await this.deps.db
      .selectFrom('updates')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('pinned', '=', this.deps.adapter.bool(true)),
          eb('key_event', '=', this.deps.adapter.bool(true)),
        ]),
      )
      .orderBy('sequence', 'desc')
      .execute();
    const updates = rows.map(toUpdate);
    return { pinned: updates.filter((u) => u.pinned), keyEvents: updates.filter((u) => u.keyEvent) };
  }

  async listLatest(statuses: StoryStatus[], limit: number): Promise<UpdateInStory[]> {
    if (statuses.length === 0) return [];
    const rows = await this.deps.db
      .selectFrom('updates as u')
      .innerJoin('stories as s', 's.id', 'u.story_id')
      .selectAll('u')
      .select([
        's.id as s_id',
        's.desk_id as s_desk_id',
        's.slug as s_slug',
        's.date as s_date',
        's.headline as s_headline',
        's.standfirst as s_standfirst',
        's.body as s_body',
        's.body_html as s_body_html',
        's.top_photo as s_top_photo',
        's.status as s_status',
        's.opened_at as s_opened_at',
        's.ended_at as s_ended_at',
        's.created_at as s_created_at',
        's.updated_at as s_updated_at',
        's.version as s_version',
        's.last_event_seq as s_last_event_seq',
        's.last_update_seq as s_last_update_seq',
      ])
      .where('s.status', 'in', statuses)
      .where('u.deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('s.desk_id', 'is', null),
          eb('s.desk_id', 'not in', eb.selectFrom('desks').select('id').where('archived_at', 'is not', null)),
        ]),
      )
      .orderBy('u.published_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      update: toUpdate(row),
      story: toStory({
        id: row.s_id,
        desk_id: row.s_desk_id,
        slug: row.s_slug,
        date: row.s_date,
        headline: row.s_headline,
        standfirst: row.s_standfirst,
        body: row.s_body,
        body_html: row.s_body_html,
        top_photo: row.s_top_photo,
        status: row.s_status,
        opened_at: row.s_opened_at,
        ended_at: row.s_ended_at,
        created_at: row.s_created_at,
        updated_at: row.s_updated_at,
        version: row.s_version,
        last_event_seq: row.s_last_event_seq,
        last_update_seq: row.s_last_update_seq,
      }),
    }));
  }

  async countByStory(storyId: string): Promise<number> {
    const row = await this.deps.db
      .selectFrom('updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('story_id', '=', storyId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listRevisions(id: string): Promise<Revision[]> {
    const rows = await this.deps.db
      .selectFrom('revisions')
      .selectAll()
      .where('update_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map(toRevision);
  }

  async #getLive(trx: Transaction<Database>, id: string): Promise<Update> {
    const row = await trx.selectFrom('updates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.deleted_at !== null) throw notFound('update');
    return toUpdate(row);
  }

  /**
   * Stores the edited `update` over the row at `baseVersion`. Where writers run concurrently
   * (PostgreSQL), another edit or a delete may land between the read and this write; the version
   * condition fails the later one as if it had come second, instead of silently overwriting.
   */
  async #write(trx: Transaction<Database>, update: Update, baseVersion: number): Promise<void> {
    const result = await trx
      .updateTable('updates')
      .set(updateRows.toRow(update, this.deps.adapter))
      .where('id', '=', update.id)
      .where('version', '=', baseVersion)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) return;
    const latest = await this.#getLive(trx, update.id);
    throw conflict(`update is at version ${latest.version}, not ${baseVersion}`, latest);
  }
}

/**
 * Inserts an update at the story's next sequence inside `trx`, with its `create` revision and `update`
 * event. `id` is given when a submission is approved, so the update keeps the submission's id.
 */
export async function insertUpdate(
  trx: Transaction<Database>,
  deps: SqlDeps,
  storyId: string,
  content: UpdateContent,
  actor: string,
  id: string = createId(),
): Promise<{ update: Update; event: LiveEvent }> {
  const story = await trx
    .updateTable('stories')
    .set((eb) => ({ last_update_seq: eb('last_update_seq', '+', 1) }))
    .where('id', '=', storyId)
    .returning('last_update_seq')
    .executeTakeFirst();
  if (!story) throw notFound('story');
  const now = deps.clock();
  const written: Update = {
    id,
    storyId,
    sequence: story.last_update_seq,
    ...content,
    claimHistory: [{ at: now, by: actor, from: null, to: content.claimStatus, note: content.claimNote }],
    corrections: [],
    author: actor,
    publishedAt: now,
    updatedAt: now,
    deletedAt: null,
    version: 1,
  };
  // Read back as stored, so the update returned and sent live is the one a reload reads (a field the
  // content left out holds its column's default).
  const update = toUpdate(
    await trx
      .insertInto('updates')
      .values(updateRows.toRow(written, deps.adapter))
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  await writeBylines(trx, update);
  const changes = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, { from: null, to: content[f] }]));
  await insertRevision(trx, update, 'create', actor, now, changes);
  const event = await appendEvent(trx, deps.adapter, storyId, now, { type: 'update', update });
  return { update, event };
}

/** Replaces the update's rows in `update_bylines` (none once it is deleted): what author pages read. */
async function writeBylines(trx: Transaction<Database>, update: Update): Promise<void> {
  await trx.deleteFrom('update_bylines').where('update_id', '=', update.id).execute();
  if (update.deletedAt !== null) return;
  const slugs = bylineSlugs(update);
  if (slugs.length === 0) return;
  await trx
    .insertInto('update_bylines')
    .values(slugs.map((slug) => ({ update_id: update.id, slug, published_at: update.publishedAt })))
    .execute();
}

async function insertRevision(
  trx: Transaction<Database>,
  update: Update,
  kind: Revision['kind'],
  actor: string,
  at: string,
  changes: Revision['changes'],
): Promise<void> {
  await trx
    .insertInto('revisions')
    .values({
      update_id: update.id,
      version: update.version,
      kind,
      actor,
      at,
      changes: JSON.stringify(changes),
    })
    .execute();
}
