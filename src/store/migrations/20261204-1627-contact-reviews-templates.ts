/**
 * Contacts carry whether an editor confirmed them (`source`) and the readout template their sentence
 * shares with contacts of other updates (`template_id`, src/service/contacts.ts). Rows stored before
 * are as extracted, and each its own template until its update is enriched again.
 */
import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .alterTable('contacts')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('extracted'))
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('template_id', t.id, (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update contacts set template_id = update_id || '-' || cast(ordinal as text)`.execute(db);
  // A template's contacts, for its comparison page and the count beside each contact.
  await db.schema.createIndex('contacts_template').on('contacts').column('template_id').execute();
}
