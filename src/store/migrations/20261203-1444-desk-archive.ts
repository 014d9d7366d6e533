/**
 * Desks can be archived: off every reader listing, their pages still readable. A deployment that
 * already has a real desk next to the sample one gets the sample desk archived, as a new one would.
 */
import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** The sample desk's slug when this was written (src/sample/sample-content.ts). */
const SAMPLE_SLUG = 'sample-desk-kestria-daily';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema.alterTable('desks').addColumn('archived_at', t.instant).execute();
  await sql`update desks set archived_at = ${new Date().toISOString()}
    where slug = ${SAMPLE_SLUG} and exists (select 1 from desks other where other.slug <> ${SAMPLE_SLUG})`.execute(
    db,
  );
}
