/** WebhookStore over the webhook tables (see ../webhooks.ts), shared by both engines. */
import { createId } from '../../domain/ids.ts';
import type {
  AttemptResult,
  DeliveryState,
  NewDelivery,
  WebhookDelivery,
  WebhookStore,
  WebhookSubscriber,
} from '../webhooks.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { WebhookDeliveryRow, WebhookSubscriberRow } from './schema.ts';

type DeliveryRow = Omit<WebhookDeliveryRow, 'id'> & { id: number };

function toSubscriber(row: WebhookSubscriberRow): WebhookSubscriber {
  return {
    id: row.id,
    url: row.url,
    secret: row.secret,
    afterEventId: Number(row.after_event_id),
    createdAt: row.created_at,
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: Number(row.id),
    subscriberId: row.subscriber_id,
    eventId: Number(row.event_id),
    type: row.type,
    payload: row.payload,
    state: row.state as DeliveryState,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

/** Subscribers and the delivery queue in SQL. */
export class SqlWebhookStore implements WebhookStore {
  constructor(private readonly deps: SqlDeps) {}

  async addSubscriber(subscriber: { url: string; secret: string }): Promise<WebhookSubscriber> {
    const { db, clock } = this.deps;
    const last = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const row: WebhookSubscriberRow = {
      id: createId(),
      url: subscriber.url,
      secret: subscriber.secret,
      after_event_id: Number(last?.id ?? 0),
      created_at: clock(),
      removed_at: null,
    };
    await db.insertInto('webhook_subscribers').values(row).execute();
    // The first subscriber starts the cursor; later ones leave it where the dispatcher has it.
    await db
      .insertInto('webhook_cursor')
      .values({ id: 1, last_event_id: row.after_event_id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return toSubscriber(row);
  }

  async listSubscribers(): Promise<WebhookSubscriber[]> {
    const rows = await this.deps.db
      .selectFrom('webhook_subscribers')
      .selectAll()
      .where('removed_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscriber);
  }

  async getSubscriber(id: string): Promise<WebhookSubscriber | null> {
    const row = await this.deps.db
      .selectFrom('webhook_subscribers')
      .selectAll()
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return row ? toSubscriber(row) : null;
  }

  async removeSubscriber(id: string): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock();
      const result = await trx
        .updateTable('webhook_subscribers')
        .set({ removed_at: now })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await trx
        .updateTable('webhook_deliveries')
        .set({ state: 'failed', last_error: 'subscriber removed', next_attempt_at: null, lease_until: null })
        .where('subscriber_id', '=', id)
        .where('state', '=', 'pending')
        .execute();
      return true;
    });
  }

  async readCursor(): Promise<number> {
    const row = await this.deps.db
      .selectFrom('webhook_cursor')
      .select('last_event_id')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (row) return Number(row.last_event_id);
    // No subscriber yet: nothing before now will ever be delivered.
    const last = await this.deps.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(last?.id ?? 0);
  }

  async enqueue(from: number, to: number, deliveries: NewDelivery[]): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      // The cursor row is the lock: of two nodes enqueueing the same events, one moves it and the other
      // finds it moved and writes nothing.
      const moved = await trx
        .updateTable('webhook_cursor')
        .set({ last_event_id: to })
        .where('id', '=', 1)
        .where('last_event_id', '=', from)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) {
        const started = await trx
          .insertInto('webhook_cursor')
          .values({ id: 1, last_event_id: to })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if ((started.numInsertedOrUpdatedRows ?? 0n) === 0n) return false;
      }
      if (deliveries.length === 0) return true;
      const now = this.deps.clock();
      await trx
        .insertInto('webhook_deliveries')
        .values(
          deliveries.map((d) => ({
            subscriber_id: d.subscriberId,
            event_id: d.eventId,
            type: d.type,
            payload: d.payload,
            state: 'pending',
            attempts: 0,
            next_attempt_at: now,
            lease_until: null,
            last_attempt_at: null,
            last_status: null,
            last_error: null,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      return true;
    });
  }

  async takeDue(now: string, limit: number, leaseMs: number): Promise<WebhookDelivery[]> {
    if (limit <= 0) return [];
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      if (due.length === 0) return [];
      // Re-checked in the update: a concurrent sender (another node) that leased a row first wins it.
      const leased = await trx
        .updateTable('webhook_deliveries')
        .set({ lease_until: leaseUntil })
        .where(
          'id',
          'in',
          due.map((row) => row.id),
        )
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .returningAll()
        .execute();
      return leased.map((row) => toDelivery(row as DeliveryRow)).sort((a, b) => a.id - b.id);
    });
  }

  async recordAttempt(id: number, at: string, result: AttemptResult): Promise<void> {
    const state: DeliveryState = result.ok
      ? 'delivered'
      : result.nextAttemptAt === null
        ? 'failed'
        : 'pending';
    await this.deps.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        state,
        last_attempt_at: at,
        last_status: result.status,
        last_error: result.error,
        next_attempt_at: result.ok ? null : result.nextAttemptAt,
        lease_until: null,
      }))
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
  }

  async listDeliveries(opts: { subscriberId?: string; limit: number }): Promise<WebhookDelivery[]> {
    let query = this.deps.db.selectFrom('webhook_deliveries').selectAll();
    if (opts.subscriberId !== undefined) query = query.where('subscriber_id', '=', opts.subscriberId);
    const rows = await query.orderBy('id', 'desc').limit(opts.limit).execute();
    return rows.map((row) => toDelivery(row as DeliveryRow));
  }
}
