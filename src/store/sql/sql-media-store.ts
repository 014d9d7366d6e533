/** Photo records over the `media` table. */
import { sql, type RawBuilder } from 'kysely';
import type { Media, MediaVariant } from '../../domain/types.ts';
import { notFound } from '../../domain/errors.ts';
import type { MediaReference, MediaStore } from '../store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { MediaRow } from './schema.ts';

/** MediaStore over SQL. */
export class SqlMediaStore implements MediaStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(media: Media): Promise<Media> {
    await this.deps.db
      .insertInto('media')
      .values({
        id: media.id,
        alt: media.alt,
        caption: media.caption,
        credit: media.credit,
        width: media.width,
        height: media.height,
        variants: JSON.stringify(media.variants),
        uploaded_by: media.uploadedBy,
        created_at: media.createdAt,
      })
      .execute();
    return media;
  }

  async getById(id: string): Promise<Media | null> {
    const row = await this.deps.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async list(limit: number): Promise<Media[]> {
    const rows = await this.deps.db
      .selectFrom('media')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMedia);
  }

  // Updates, headers and submissions keep a JSON snapshot of the photo (see MediaRef), not a foreign
  // key; ids are [a-z0-9] only (createId), so they need no LIKE escaping. The snapshot's JSON starts
  // with the id (in `media`, and in each of a gallery's), and a top photo names it as "mediaId".
  async findReferences(id: string): Promise<MediaReference[]> {
    if (!/^[a-z0-9]{1,40}$/.test(id)) return [];
    const { db } = this.deps;
    const [updates, stories, submissions, profiles] = await Promise.all([
      db
        .selectFrom('updates')
        .select(['id', 'story_id'])
        .where((eb) =>
          eb.or([
            eb(asText('media'), 'like', `{"id":"${id}"%`),
            eb(asText('gallery'), 'like', `%{"id":"${id}"%`),
          ]),
        )
        .where('deleted_at', 'is', null)
        .execute(),
      db
        .selectFrom('stories')
        .select(['id'])
        .where(asText('top_photo'), 'like', `%"mediaId":"${id}"%`)
        .execute(),
      db
        .selectFrom('submissions')
        .select(['id', 'story_id'])
        .where('status', 'in', ['pending', 'draft'])
        .where((eb) =>
          eb.or([
            eb(asText('content'), 'like', `%"media":{"id":"${id}"%`),
            eb(asText('content'), 'like', `%"gallery":[%{"id":"${id}"%`),
          ]),
        )
        .execute(),
      db
        .selectFrom('author_profiles')
        .select(['user_id'])
        .where(asText('photo'), 'like', `{"id":"${id}"%`)
        .execute(),
    ]);
    return [
      ...updates.map((r): MediaReference => ({ kind: 'update', id: r.id, storyId: r.story_id })),
      ...stories.map((r): MediaReference => ({ kind: 'story', id: r.id, storyId: r.id })),
      ...submissions.map((r): MediaReference => ({ kind: 'submission', id: r.id, storyId: r.story_id })),
      ...profiles.map((r): MediaReference => ({ kind: 'profile', id: r.user_id, storyId: '' })),
    ];
  }

  async delete(id: string): Promise<void> {
    const result = await this.deps.db.deleteFrom('media').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('photo');
  }
}

// PostgreSQL keeps these documents as `json`, which LIKE does not take; SQLite as text. CAST works on both.
function asText(column: string): RawBuilder<string> {
  return sql<string>`cast(${sql.ref(column)} as text)`;
}

function toMedia(row: MediaRow): Media {
  const variants = JSON.parse(row.variants) as MediaVariant[];
  return {
    id: row.id,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    width: row.width,
    height: row.height,
    url: defaultUrl(variants),
    variants,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

/** The middle-sized JPEG: what a client that takes one URL should show. */
export function defaultUrl(variants: MediaVariant[]): string {
  const jpegs = variants.filter((v) => v.type === 'image/jpeg');
  return (jpegs[Math.min(1, jpegs.length - 1)] ?? variants[0])?.url ?? '';
}
