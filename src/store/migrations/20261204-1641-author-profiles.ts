/**
 * Author pages: a newsroom user's public profile (name as bylined, role such as "Kyiv correspondent",
 * short bio, photo snapshot), and `update_bylines`, the byline slugs of every live update, so an
 * author's page lists their updates newest first without reading every update. Bylines are derived
 * from `updates` (written with each update; filled here for updates published before).
 */
import type { Kysely } from 'kysely';
import { bylineSlugs } from '../../domain/authors.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('author_profiles')
    .addColumn('user_id', t.id, (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull())
    .addColumn('photo', t.json)
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('update_bylines')
    .addColumn('update_id', t.id, (c) => c.notNull().references('updates.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('published_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('update_bylines_pk', ['update_id', 'slug'])
    .execute();
  await db.schema
    .createIndex('update_bylines_slug')
    .on('update_bylines')
    .columns(['slug', 'published_at', 'update_id'])
    .execute();

  // Updates published before bylines were indexed, in batches by id.
  const typed = db as Kysely<{
    updates: {
      id: string;
      author: string;
      authors: unknown;
      published_at: string;
      deleted_at: string | null;
    };
    update_bylines: { update_id: string; slug: string; published_at: string };
  }>;
  let after = '';
  for (;;) {
    const rows = await typed
      .selectFrom('updates')
      .select(['id', 'author', 'authors', 'published_at'])
      .where('deleted_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    const values = rows.flatMap((row) =>
      bylineSlugs({ author: row.author, authors: jsonArray(row.authors) }).map((slug) => ({
        update_id: row.id,
        slug,
        published_at: row.published_at,
      })),
    );
    if (values.length > 0) await typed.insertInto('update_bylines').values(values).execute();
    after = rows.at(-1)!.id;
  }
}

// SQLite hands JSON back as text; a PostgreSQL connection may have parsed it already.
function jsonArray(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}
