/**
 * Request schemas of the JSON API, with the size limits of every field. Types are inferred from them
 * and the OpenAPI document is generated from them, so the docs cannot drift from what is enforced.
 */
import { z } from 'zod';
import { CLAIM_STATUSES, STORY_STATUSES } from '../../domain/types.ts';

// NUL is refused here: PostgreSQL cannot store it in text, and no author means to type it.
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character');
const required = (max: number) => text(max).trim().min(1, 'must not be empty');
const httpUrl = z
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

/** A source cited by an update. */
export const SourceSchema = z.strictObject({ label: required(200), url: httpUrl });

/** Body of POST /desks. */
export const CreateDeskSchema = z.strictObject({
  name: required(100),
  slug: text(80).optional(),
  description: text(1000).optional(),
  timezone: text(64).optional().describe('IANA time zone, default UTC'),
});

const TopPhotoSchema = z.strictObject({
  url: httpUrl,
  alt: required(500),
  caption: text(1000),
  credit: text(200),
});

/** Body of POST /stories. */
export const CreateStorySchema = z.strictObject({
  desk: text(80).optional().describe('slug of the desk; omit for a standalone story'),
  headline: required(300),
  slug: text(80).optional(),
  standfirst: text(1000).optional(),
  body: text(100_000).optional().describe('Markdown'),
  status: z.enum(STORY_STATUSES).optional(),
  topPhoto: TopPhotoSchema.nullable().optional(),
  topPhotoId: text(64).nullable().optional().describe('id of a photo from POST /media; replaces topPhoto'),
});

/** Body of PATCH /stories/{id}. */
export const PatchStorySchema = z.strictObject({
  version: z.int().min(1).describe('the version this edit is based on'),
  headline: required(300).optional(),
  standfirst: text(1000).optional(),
  body: text(100_000).optional(),
  status: z.enum(STORY_STATUSES).optional(),
  topPhoto: TopPhotoSchema.nullable().optional(),
  topPhotoId: text(64).nullable().optional().describe('id of a photo from POST /media; replaces topPhoto'),
});

const updateFields = {
  body: required(20_000).describe('Markdown; rendered to sanitised HTML'),
  headline: text(300).nullable().optional(),
  claimStatus: z.enum(CLAIM_STATUSES).optional(),
  claimNote: text(2000).optional().describe('the evidence behind the claim status'),
  sources: z.array(SourceSchema).max(20, 'at most 20 sources').optional(),
  pinned: z.boolean().optional(),
  keyEvent: z.boolean().optional(),
  videoUrl: httpUrl.nullable().optional().describe('video or social post, shown as a click-to-load facade'),
  mediaId: text(64).nullable().optional().describe('id of a photo from POST /media'),
  photoCaption: text(1000).optional().describe('caption of the photo (the one given now, or the one it has)'),
  photoCredit: text(200).optional().describe('credit of the photo, e.g. "Reuters" (shown as "Photo: …")'),
  photos: z
    .array(
      z.strictObject({
        mediaId: required(64).describe('id of a photo from POST /media'),
        alt: required(500).optional().describe('replaces the alt text given at upload'),
        caption: text(1000).optional(),
        credit: text(200).optional().describe('shown as "Photo: …"'),
      }),
    )
    .max(20, 'at most 20 photos')
    .optional()
    .describe(
      'every photo of the update in order: the first leads, several make a gallery; replaces mediaId and the photos it had ([] removes them)',
    ),
  authors: z
    .array(required(100))
    .max(10, 'at most 10 authors')
    .optional()
    .describe('byline names; omitted or []: the byline is the user or token that filed it'),
  statementIds: z
    .array(z.string().regex(/^[0-9a-z]{10,40}$/, 'must be a statement id'))
    .max(20, 'at most 20 statements')
    .optional()
    .describe('official statements the update cites (see /statements); [] removes them'),
};

/** Body of POST /stories/{id}/updates. */
export const CreateUpdateSchema = z.strictObject({
  ...updateFields,
  publishAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-05-27T14:00:00Z' })
    .optional()
    .describe('editors: publish at this time instead of now (with `status: "draft"`: when it is published)'),
  status: z
    .literal('draft')
    .optional()
    .describe('editors: hold it as a draft (saved, not published; see POST /updates/{id}/publish)'),
});

/** Body of PATCH /updates/{id}. */
export const PatchUpdateSchema = z.strictObject({
  version: z.int().min(1).describe('the version this edit is based on'),
  savedAt: z.iso
    .datetime({ offset: true, message: 'must be the draft’s `savedAt` as loaded' })
    .optional()
    .describe(
      'drafts: the `savedAt` of the draft as loaded; a draft saved since is refused (409, `current` holds it). Leave it out only to overwrite whatever is saved',
    ),
  ...updateFields,
  body: updateFields.body.optional(),
  correctionNote: text(500)
    .optional()
    .describe(
      'shown to readers with the "Updated" mark, e.g. "An earlier version named the wrong town"; a changed headline or body is marked even without one',
    ),
});

/** Body of POST /updates/{id}/approve: optional changes the editor makes while approving. */
export const ApproveSchema = z.strictObject({ ...updateFields, body: updateFields.body.optional() });

/** Body of PATCH /updates/{id} for a pending submission: like an edit; `version` is accepted and ignored. */
export const EditSubmissionSchema = ApproveSchema.extend({
  version: z.int().min(1).optional(),
  savedAt: z.iso
    .datetime({ offset: true, message: 'must be the draft’s `savedAt` as loaded' })
    .optional()
    .describe(
      'drafts: the `savedAt` of the draft as loaded; a draft saved since is refused (409, `current` holds it). Leave it out only to overwrite whatever is saved',
    ),
  // Only a draft's publish time moves (null: publish it when Publish is pressed).
  publishAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-05-27T14:00:00Z' })
    .nullable()
    .optional(),
});

/** Body of POST /updates/{id}/reject. */
export const RejectSchema = z.strictObject({
  reason: required(1000).describe('why, shown to the contributor'),
});

/** Query of list endpoints. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: text(200).optional(),
});
