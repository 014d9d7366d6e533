/**
 * Authors' profiles (`/users/{id}/profile`): an editor or admin reads and sets their own, an admin
 * anyone's; the service checks who may. The page readers see is /authors/{slug} (reader/authors/).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorPath, type AuthorProfile } from '../../domain/authors.ts';
import type { MediaService } from '../../media/media-service.ts';
import { AuthorProfileService, PROFILE_LIMITS } from '../../service/author-profiles.ts';
import type { Store } from '../../store/store.ts';
import { endpoints } from '../kit/endpoint.ts';
import { errors, problem } from '../kit/openapi-parts.ts';

/** What the profile routes need. */
export interface AuthorRouteDeps {
  store: Store;
  media: MediaService;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character');

/** Body of PUT /users/{id}/profile. */
export const ProfileSchema = z.strictObject({
  name: text(PROFILE_LIMITS.name).describe('as bylined; the page is at /authors/{slug of the name}'),
  jobTitle: text(PROFILE_LIMITS.jobTitle).optional().describe('e.g. "Kyiv correspondent"'),
  bio: text(PROFILE_LIMITS.bio).optional().describe('plain text; blank lines separate paragraphs'),
  photoId: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .describe('id of a photo from POST /media; null removes it; omitted keeps it'),
  updatedAt: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .describe('`updatedAt` of the profile the form was filled from (null: none yet); a save since is a 409'),
});

/** A profile in API answers. */
function profileJson(profile: AuthorProfile) {
  return { ...profile, url: authorPath(profile.slug) };
}

/** Registers the profile routes (mounted under /api/v1). */
export async function registerAuthorRoutes(app: FastifyInstance, deps: AuthorRouteDeps): Promise<void> {
  const profiles = new AuthorProfileService({ store: deps.store, media: deps.media });
  const define = endpoints(app, deps.store);

  define({
    method: 'GET',
    url: '/users/:id/profile',
    permissions: 'editor',
    params: IdParams,
    docs: {
      summary: 'A user’s author profile (their own, or anyone’s for an admin); null when none is set',
      secured: true,
      responses: { '200': { description: '`{user: {id, name}, profile}`' }, ...errors },
    },
    handler: async ({ principal, params }) => {
      const { user, profile } = await profiles.get(principal, params.id);
      return { user: { id: user.id, name: user.name }, profile: profile && profileJson(profile) };
    },
  });

  define({
    method: 'PUT',
    url: '/users/:id/profile',
    permissions: 'editor',
    params: IdParams,
    body: ProfileSchema,
    docs: {
      summary: 'Set a user’s author profile (their own, or anyone’s for an admin); its page is public',
      secured: true,
      responses: {
        '200': { description: 'The profile, with its page’s `url`' },
        '409': problem('Another author’s page has that address, or it was changed since `updatedAt`'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) =>
      profileJson(await profiles.save(principal, params.id, body)),
  });
}
