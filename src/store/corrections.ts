/** Storage of editors' enrichment corrections and per-update verdicts (see src/enrich/corrections.ts). */
import type { Correction, NewCorrection, Review } from '../enrich/corrections.ts';

/**
 * Corrections per deployment and verdicts per update. Implementations pass the contract in
 * test/store/enrichment-store-contract.ts on every engine.
 */
export interface CorrectionStore {
  /** Stores a correction, replacing the one for the same field and spelling (the latest wins). */
  put(correction: NewCorrection): Promise<Correction>;
  /** Every correction, oldest first (later ones were made with earlier ones in force). */
  list(): Promise<Correction[]>;
  /** Removes one; says whether it existed. */
  remove(id: string): Promise<boolean>;
  /** Records a verdict on one suggestion of an update, replacing an earlier one on the same item. */
  review(review: Review): Promise<void>;
  /** The verdicts on an update's suggestions. */
  reviewsOf(updateId: string): Promise<Review[]>;
}
