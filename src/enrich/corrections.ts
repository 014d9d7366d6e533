/**
 * Editors' corrections to what the pipeline extracts, kept per deployment and applied to every later
 * enrichment: a spelling that is not a name (or not that place) is no longer suggested, an alias or a
 * new person or organisation is matched in later updates, and a chosen place wins for its spelling.
 * One correction per field and spelling; the latest replaces the one before.
 */
import { z } from 'zod';

/** Kinds of named entity an editor may add or point a spelling at. */
export const NAME_KINDS = ['person', 'organization'] as const;
/** A person or an organisation. */
export type NameKind = (typeof NAME_KINDS)[number];

/** A gazetteer place (or country) an editor chose for a spelling; kept whole, so a rebuilt gazetteer cannot lose it. */
export const PlaceChoiceSchema = z.object({
  kind: z.enum(['city', 'region', 'country']),
  name: z.string().min(1).max(200),
  iso2: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  admin1Code: z.string().max(20).default(''),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  population: z.number().int().min(0).default(0),
});
/** A place an editor chose. */
export type PlaceChoice = z.infer<typeof PlaceChoiceSchema>;

/** A person or organisation an editor added ("new name?" confirmed). */
export const NewNameSchema = z.strictObject({
  kind: z.enum(NAME_KINDS),
  name: z.string().trim().min(2).max(200),
  role: z.string().trim().max(200).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
});
/** A name an editor added. */
export type NewName = z.infer<typeof NewNameSchema>;

/** What a correction says about one spelling. */
export type CorrectionRule =
  /** The spelling is not a person's or organisation's name: not matched, not offered as "new name?". */
  | { field: 'name'; action: 'reject'; target: null }
  /** The spelling names this person or organisation (curated or added). */
  | { field: 'name'; action: 'alias'; target: { kind: NameKind; name: string } }
  /** The spelling is a new person or organisation. */
  | { field: 'name'; action: 'add'; target: NewName }
  /** The spelling is not a place here. */
  | { field: 'place'; action: 'reject'; target: null }
  /** The spelling is this place. */
  | { field: 'place'; action: 'choose'; target: PlaceChoice }
  /**
   * The deployment shows this place by another name (src/enrich/places/display-names.ts). `surface` is
   * the place's key (placeKey), not a spelling: one rename per place.
   */
  | { field: 'display'; action: 'rename'; target: { place: PlaceChoice; name: string } };

/** A stored correction. */
export type Correction = CorrectionRule & {
  id: string;
  /** The spelling as it appears in updates ("Jolani", "Palmyra"). */
  surface: string;
  /** The update it was made on, if any. */
  updateId: string | null;
  actor: string;
  createdAt: string;
};

/** A correction to store; `surface` is normalised by the store's caller. */
export type NewCorrection = Omit<Correction, 'id' | 'createdAt'>;

/**
 * Verdicts on one suggestion of one update. `dismissed`: cleared from the editor's view with the rest
 * of the update's suggestions; the extraction stays as it is and nothing is taught to later ones.
 */
export const REVIEW_VERDICTS = ['confirmed', 'rejected', 'corrected', 'dismissed'] as const;
/** A verdict. */
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/**
 * An editor's verdict on one suggestion of one update. `item` names the suggestion:
 * `people:NAME`, `organizations:NAME`, `places:NAME|ISO2`, `dates:TEXT`, `events:SENTENCE`, `names:TEXT`.
 * `value` carries a correction's result (the event type chosen, the place chosen…).
 */
export interface Review {
  updateId: string;
  item: string;
  verdict: ReviewVerdict;
  value: unknown;
  actor: string;
  at: string;
}

/** The same spelling, however its apostrophes and spaces were typed. */
export function normaliseSurface(surface: string): string {
  return surface.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}
