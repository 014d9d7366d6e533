/** Validation of a feed an admin configures. */
import { z } from 'zod';
import { HttpUrlSchema } from '../statement-input.ts';

/** Body of POST /statement-feeds. */
export const CreateFeedSchema = z.strictObject({
  url: HttpUrlSchema.describe('RSS 2.0, Atom or JSON Feed'),
  issuer: z.string().max(200, 'must be at most 200 characters').trim().min(1, 'must not be empty'),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as "en"')
    .optional(),
  intervalSeconds: z.int().min(60, 'must be at least 60').max(86_400, 'must be at most 86400').optional(),
});
