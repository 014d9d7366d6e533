/**
 * Outbound webhooks (store/webhooks.ts): subscribers, the delivery queue and log, and the cursor
 * into the event log from which the queue is filled (its one row is written with the first
 * subscriber, so a fresh database stays empty for `dateline migrate-data`).
 */
import { type Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('webhook_subscribers')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('after_event_id', t.bigint, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('removed_at', t.instant)
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', t.serial, t.serialKey)
    .addColumn('subscriber_id', t.id, (c) => c.notNull().references('webhook_subscribers.id'))
    .addColumn('event_id', t.bigint, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', t.instant)
    .addColumn('lease_until', t.instant)
    .addColumn('last_attempt_at', t.instant)
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_once', ['subscriber_id', 'event_id', 'type'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_log')
    .on('webhook_deliveries')
    .columns(['subscriber_id', 'id'])
    .execute();
  await db.schema
    .createTable('webhook_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_event_id', t.bigint, (c) => c.notNull())
    .execute();
}
