/**
 * Request schemas of the JSON API, with the size limits of every field. Types are inferred from them
 * and the OpenAPI document is generated from them, so the docs cannot drift from what is enforced.
 */
import { z } from 'zod';
import { STORY_STATUSES } from '../../domain/types.ts';
import {
  httpUrl,
  required,
  SourceSchema,
  text,
  UpdateContentSchema,
  UpdateSchema,
} from '../../domain/update-schema.ts';

export { SourceSchema };

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

/**
 * The fields of an update request: every field an author sets (domain/update-schema.ts), optional
 * (the service fills in defaults), but `bodyHtml`, rendered from `body`, and the photos, which are
 * given by id; then the citations.
 */
const updateFields = {
  ...UpdateContentSchema.omit({ bodyHtml: true, media: true, gallery: true }).partial().shape,
  body: UpdateContentSchema.shape.body,
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

/**
 * An update as the API answers it (domain/api-json.ts): the update schema without its tombstone, with
 * its places and citations. A field added to the schema is documented here with no further change.
 */
export const UpdateResponseSchema = UpdateSchema.omit({ deletedAt: true }).extend({
  author: z.string().describe('who filed it (a user or API token)'),
  authors: z.array(z.string()).describe('the byline: the names given, or who filed it'),
  media: UpdateSchema.shape.media.describe(
    'the photo (the first, when there are several): id, url, alt, caption, credit, width, height, variants',
  ),
  gallery: UpdateSchema.shape.gallery.describe('the photos after `media`, in order, each like `media`'),
  corrections: UpdateSchema.shape.corrections.describe(
    'corrections after publication (headline or body changed), oldest first',
  ),
  url: z.string().describe('permalink page'),
  anchor: z.string().describe('the update on its story page'),
  statementIds: z.array(z.string()).describe('statements it cites'),
  statements: z
    .array(z.looseObject({}))
    .describe('the statements it cites: id, title, issuer, publishedAt, page'),
});
