/**
 * Updates citing statements. `update_id` has no foreign key: a contributor's submission is cited under
 * the id it is later published with (see SubmissionStore).
 */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('update_statements')
    .addColumn('update_id', t.id, (c) => c.notNull())
    .addColumn('statement_id', t.id, (c) => c.notNull().references('statements.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('update_statements_pk', ['update_id', 'statement_id'])
    .execute();
  await db.schema
    .createIndex('update_statements_statement')
    .on('update_statements')
    .column('statement_id')
    .execute();
}
