/** Scheduled submissions and the audit log. */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('publish_at', t.instant).execute();
  await db.schema
    .createIndex('submissions_due')
    .on('submissions')
    .columns(['status', 'publish_at'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.serial, t.serialKey)
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('detail', t.json, (c) => c.notNull())
    .execute();
}
