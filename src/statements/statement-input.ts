/** Validation of statements and similarity queries coming from outside (API, CLI, feeds). */
import { z } from 'zod';
import { SIMILARITY_METRICS } from './statement-store.ts';
import { MAX_STATEMENT_TEXT } from './statement.ts';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).trim().min(1, 'must not be empty');

/** An absolute http(s) URL. */
export const HttpUrlSchema = z
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

/** An instant with a time zone, normalised to `toISOString()` form. */
export const InstantSchema = z
  .string()
  .max(40, 'must be at most 40 characters')
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value),
    'must be an ISO-8601 time with a zone, e.g. 2026-05-27T14:30:00Z',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real time')
  .transform((value) => new Date(value).toISOString());

/** Body of POST /statements and the CLI's `statements add`. */
export const CreateStatementSchema = z.strictObject({
  issuer: required(200).describe('who issued it, e.g. "Presidency of Ruritania"'),
  publishedAt: InstantSchema,
  text: required(MAX_STATEMENT_TEXT).describe('plain text of the statement'),
  title: text(500).trim().optional(),
  url: HttpUrlSchema.nullable().optional(),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as "en" or "fr-CA"')
    .optional(),
  parties: z.array(required(200)).max(50, 'at most 50 parties').optional(),
  tags: z.array(required(60)).max(20, 'at most 20 tags').optional(),
});
/** A validated new statement. */
export type CreateStatementInput = z.infer<typeof CreateStatementSchema>;

/** Options of a similarity query (query string of /similar, CLI flags). */
export const SimilarOptionsSchema = z.object({
  metric: z.enum(SIMILARITY_METRICS).default('jaccard'),
  threshold: z.coerce
    .number()
    .gt(0, 'must be above 0')
    .max(1, 'must be at most 1')
    .default(0.3)
    .describe('lowest score listed'),
  maskNames: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((value) => value === true || value === 'true' || value === '1')
    .default(false)
    .describe('compare with names masked, so a template matches across counterparts'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
/** Validated similarity options. */
export type SimilarOptions = z.infer<typeof SimilarOptionsSchema>;
