/** Photo records over the `media` table. */
import type { Media, MediaVariant } from '../../domain/types.ts';
import type { MediaStore } from '../store.ts';
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
