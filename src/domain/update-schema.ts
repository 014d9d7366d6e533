/**
 * The one schema of an update: its fields, their types and the limits an author's input must keep.
 * Everything else follows from it: the `Update` and `UpdateContent` types (types.ts), the columns of
 * the `updates` table and their mapping (store/sql/update-row.ts), the revisioned fields, the API's
 * request fields and its `Update` response schema (http/api/schemas.ts). A field an author sets is
 * added to `UpdateContentSchema`; see README, "Adding a field to updates".
 *
 * Stored as the schema says: a boolean field is the engine's boolean, a string or number its own
 * column, anything else (arrays, objects) JSON text. An optional field is absent on records written
 * before it existed; an optional array is stored as `[]` and an optional nullable field as null.
 */
import { z } from 'zod';
import { CLAIM_STATUSES } from './types.ts';
import type { ClaimChange, Correction, MediaRef, Source } from './types.ts';

// NUL is refused: PostgreSQL cannot store it in text, and no author means to type it.
/** Text of at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character');
/** Text of at most `max` characters that is not blank (trimmed). */
export const required = (max: number) => text(max).trim().min(1, 'must not be empty');
/** An absolute http(s) URL. */
export const httpUrl = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');

/** An instant as ISO 8601 text (`Date#toISOString()`). */
const instant = z.string().meta({ format: 'date-time' });

/** A source cited by an update. */
export const SourceSchema = z.strictObject({
  label: required(200),
  url: httpUrl,
}) satisfies z.ZodType<Source>;

/** A photo as an update keeps it (a snapshot of the upload: pages render it without a lookup). */
export const MediaRefSchema = z.object({
  id: z.string(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  variants: z.array(
    z.object({ width: z.number(), url: z.string(), type: z.enum(['image/webp', 'image/jpeg']) }),
  ),
}) satisfies z.ZodType<MediaRef>;

const ClaimChangeSchema = z.object({
  at: instant,
  by: z.string(),
  from: z.enum(CLAIM_STATUSES).nullable(),
  to: z.enum(CLAIM_STATUSES),
  note: z.string(),
}) satisfies z.ZodType<ClaimChange>;

const CorrectionSchema = z.object({
  at: instant,
  note: z.string(),
}) satisfies z.ZodType<Correction>;

/**
 * The fields of an update its author sets, with the limits of their input. The API takes each as an
 * optional request field (but `bodyHtml`, rendered from `body`, and the photos, given by id).
 */
export const UpdateContentSchema = z.object({
  body: required(20_000).describe('Markdown; rendered to sanitised HTML'),
  bodyHtml: z.string(),
  headline: text(300).nullable(),
  claimStatus: z.enum(CLAIM_STATUSES),
  claimNote: text(2000).describe('the evidence behind the claim status'),
  sources: z.array(SourceSchema).max(20, 'at most 20 sources'),
  pinned: z.boolean(),
  keyEvent: z.boolean(),
  /** Link to a video or social post, shown as a click-to-load facade. */
  videoUrl: httpUrl.nullable().describe('video or social post, shown as a click-to-load facade'),
  /** Uploaded photo shown with the update: the first of its photos. */
  media: MediaRefSchema.nullable().optional(),
  /** Further photos after `media`, in order: with it, a gallery. */
  gallery: z.array(MediaRefSchema).optional(),
  /** The byline's names, as the author gave them (several allowed); absent or empty: `author`. */
  authors: z
    .array(required(100))
    .max(10, 'at most 10 authors')
    .optional()
    .describe('byline names; omitted or []: the byline is the user or token that filed it'),
});

/** One entry in a live page: what its author set, and what the live page keeps about it. */
export const UpdateSchema = UpdateContentSchema.extend({
  id: z.string(),
  storyId: z.string(),
  /** Per-story order of creation, from 1. */
  sequence: z.int(),
  /** Who filed it (a user's or API token's name); the byline unless `authors` are given. */
  author: z.string(),
  publishedAt: instant,
  updatedAt: instant,
  /** Every claim change, oldest first; shown to readers under the label. */
  claimHistory: z.array(ClaimChangeSchema),
  /**
   * Corrections after publication (edits of the headline or body, or with a note), oldest first; readers
   * see "Updated HH:MM" and the notes. Absent on events written before corrections were kept.
   */
  corrections: z.array(CorrectionSchema).optional(),
  /** Set when deleted; deleted updates are tombstones and never shown. */
  deletedAt: instant.nullable(),
  version: z.int(),
});
