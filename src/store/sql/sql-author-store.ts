/** Author profiles and the updates bylined to an author, over `author_profiles` and `update_bylines`. */
import type { AuthorProfile } from '../../domain/authors.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Page } from '../../domain/types.ts';
import type { AuthorStore, UpdateInStory } from '../store.ts';
import { decodeCursor, encodeCursor, toStory, toUpdate } from './rows.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { AuthorProfileRow } from './schema.ts';

/** AuthorStore over SQL. */
export class SqlAuthorStore implements AuthorStore {
  constructor(private readonly deps: SqlDeps) {}

  async getProfile(userId: string): Promise<AuthorProfile | null> {
    const row = await this.deps.db
      .selectFrom('author_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toProfile(row) : null;
  }

  async findBySlug(slug: string): Promise<AuthorProfile | null> {
    const row = await this.deps.db
      .selectFrom('author_profiles as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .selectAll('p')
      .where('p.slug', '=', slug)
      .where('u.disabled_at', 'is', null)
      .executeTakeFirst();
    return row ? toProfile(row) : null;
  }

  async saveProfile(profile: Omit<AuthorProfile, 'updatedAt'>): Promise<AuthorProfile> {
    const row: AuthorProfileRow = {
      user_id: profile.userId,
      slug: profile.slug,
      name: profile.name,
      job_title: profile.jobTitle,
      bio: profile.bio,
      photo: profile.photo ? JSON.stringify(profile.photo) : null,
      updated_at: this.deps.clock(),
    };
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const { user_id: _id, ...change } = row;
        const updated = await trx
          .updateTable('author_profiles')
          .set(change)
          .where('user_id', '=', row.user_id)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) await trx.insertInto('author_profiles').values(row).execute();
      });
    } catch (error) {
      if (this.deps.adapter.isUniqueViolation(error))
        throw new DomainError('conflict', `another author's page is already at /authors/${row.slug}`, {
          field: 'name',
        });
      throw error;
    }
    return toProfile(row);
  }

  async listUpdates(
    slug: string,
    opts: { limit: number; cursor?: string | null },
  ): Promise<Page<UpdateInStory>> {
    let query = this.deps.db
      .selectFrom('update_bylines as b')
      .innerJoin('updates as u', 'u.id', 'b.update_id')
      .innerJoin('stories as s', 's.id', 'u.story_id')
      .selectAll('u')
      .where('b.slug', '=', slug)
      .where('u.deleted_at', 'is', null)
      .where('s.status', 'in', ['live', 'ended']);
    if (opts.cursor) {
      const parts = decodeCursor(opts.cursor);
      const [at, id] = parts ?? [];
      if (typeof at !== 'string' || typeof id !== 'string')
        throw new DomainError('validation', 'cursor is not valid', { field: 'cursor' });
      query = query.where((eb) =>
        eb.or([
          eb('b.published_at', '<', at),
          eb.and([eb('b.published_at', '=', at), eb('b.update_id', '<', id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('b.published_at', 'desc')
      .orderBy('b.update_id', 'desc')
      .limit(opts.limit + 1)
      .execute();
    const updates = rows.slice(0, opts.limit).map(toUpdate);
    const storyIds = [...new Set(updates.map((u) => u.storyId))];
    const stories =
      storyIds.length === 0
        ? []
        : await this.deps.db.selectFrom('stories').selectAll().where('id', 'in', storyIds).execute();
    const byId = new Map(stories.map((row) => [row.id, toStory(row)]));
    const items = updates.flatMap((update) => {
      const story = byId.get(update.storyId);
      return story ? [{ update, story }] : [];
    });
    const last = updates.at(-1);
    return {
      items,
      nextCursor: rows.length > opts.limit && last ? encodeCursor([last.publishedAt, last.id]) : null,
    };
  }
}

function toProfile(row: AuthorProfileRow): AuthorProfile {
  return {
    userId: row.user_id,
    slug: row.slug,
    name: row.name,
    jobTitle: row.job_title,
    bio: row.bio,
    photo: row.photo === null ? null : JSON.parse(row.photo),
    updatedAt: row.updated_at,
  };
}
