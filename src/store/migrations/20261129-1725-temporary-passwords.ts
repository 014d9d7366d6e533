/**
 * A password an admin handed over (new account, or a reset) works for one sign-in: then its owner sets their own.
 */
import { type Kysely } from 'kysely';

/** Applies the migration. */
// An integer 0/1 on both engines (not the dialect's boolean): that is how it shipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('password_temporary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
