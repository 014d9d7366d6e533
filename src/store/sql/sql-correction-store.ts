/** CorrectionStore over `enrichment_corrections` and `enrichment_reviews`. */
import { createId } from '../../domain/ids.ts';
import type {
  Correction,
  CorrectionRule,
  NewCorrection,
  Review,
  ReviewVerdict,
} from '../../enrich/corrections.ts';
import type { CorrectionStore } from '../corrections.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { EnrichmentCorrectionRow, EnrichmentReviewRow } from './schema.ts';

function toCorrection(row: EnrichmentCorrectionRow): Correction {
  // Rows are only written by put(), from a validated rule.
  const rule = {
    field: row.field,
    action: row.action,
    target: JSON.parse(row.target) as unknown,
  } as CorrectionRule;
  return {
    ...rule,
    id: row.id,
    surface: row.surface,
    updateId: row.update_id,
    actor: row.actor,
    createdAt: row.created_at,
  };
}

function toReview(row: EnrichmentReviewRow): Review {
  return {
    updateId: row.update_id,
    item: row.item,
    verdict: row.verdict as ReviewVerdict,
    value: JSON.parse(row.value) as unknown,
    actor: row.actor,
    at: row.at,
  };
}

/** Corrections and reviews in the shared SQL schema. */
export class SqlCorrectionStore implements CorrectionStore {
  constructor(private readonly deps: SqlDeps) {}

  async put(c: NewCorrection): Promise<Correction> {
    const row: EnrichmentCorrectionRow = {
      id: createId(),
      field: c.field,
      surface: c.surface,
      action: c.action,
      target: JSON.stringify(c.target),
      update_id: c.updateId,
      actor: c.actor,
      created_at: this.deps.clock(),
    };
    // One statement: two editors correcting the same spelling at once leave exactly one row.
    const saved = await this.deps.db
      .insertInto('enrichment_corrections')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['field', 'surface']).doUpdateSet((eb) => ({
          id: eb.ref('excluded.id'),
          action: eb.ref('excluded.action'),
          target: eb.ref('excluded.target'),
          update_id: eb.ref('excluded.update_id'),
          actor: eb.ref('excluded.actor'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCorrection(saved);
  }

  async list(): Promise<Correction[]> {
    const rows = await this.deps.db
      .selectFrom('enrichment_corrections')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCorrection);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.deps.db
      .deleteFrom('enrichment_corrections')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async review(r: Review): Promise<void> {
    const row: EnrichmentReviewRow = {
      update_id: r.updateId,
      item: r.item,
      verdict: r.verdict,
      value: JSON.stringify(r.value ?? null),
      actor: r.actor,
      at: r.at,
    };
    await this.deps.db
      .insertInto('enrichment_reviews')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['update_id', 'item']).doUpdateSet((eb) => ({
          verdict: eb.ref('excluded.verdict'),
          value: eb.ref('excluded.value'),
          actor: eb.ref('excluded.actor'),
          at: eb.ref('excluded.at'),
        })),
      )
      .execute();
  }

  async reviewsOf(updateId: string): Promise<Review[]> {
    const rows = await this.deps.db
      .selectFrom('enrichment_reviews')
      .selectAll()
      .where('update_id', '=', updateId)
      .orderBy('item')
      .execute();
    return rows.map(toReview);
  }
}
