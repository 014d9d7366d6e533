/**
 * Editors' place edits over JSON (src/service/place-edits.ts), under /api/v1:
 * - `GET /places/{slug}`: a place as updates name it, with its spellings;
 * - `PUT /places/{slug}/name`: the deployment's displayed spelling of the place;
 * - `PUT /places/{slug}/pin`: the place's point (for a place placed approximately or not at all).
 * Editors only (checked by the service), cookie writes with the CSRF header (auth.ts), audited.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PlaceEdits } from '../../service/place-edits.ts';
import { MAX_PLACE_NAME } from '../../service/place-edits.ts';
import type { Store } from '../../store/store.ts';
import { endpoints } from '../kit/endpoint.ts';
import { json, problem } from '../kit/openapi-parts.ts';

/** What the place routes need. */
export interface PlaceRouteDeps {
  store: Store;
  places: PlaceEdits;
}

/** A place page's slug, as placeSlug writes it. */
export const PlaceSlugParams = z.object({
  slug: z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a place slug such as "odesa-ua"'),
});
export const RenameBody = z.strictObject({
  name: z.string().max(MAX_PLACE_NAME * 2, `must be at most ${MAX_PLACE_NAME} characters`),
});
export const PinBody = z.strictObject({
  lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
  lon: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
});

const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid credentials'),
  '403': problem('Editors and admins only (and only for places their desks’ updates name)'),
  '404': problem('No update names a place with this slug'),
};

/** Registers the place routes. */
export async function registerPlaceRoutes(app: FastifyInstance, deps: PlaceRouteDeps): Promise<void> {
  const { store, places } = deps;
  const define = endpoints(app, store);

  define({
    method: 'GET',
    url: '/places/:slug',
    permissions: 'editor',
    params: PlaceSlugParams,
    docs: {
      summary: 'A place as updates name it, with the spellings they use; editors only',
      secured: true,
      responses: {
        '200': { description: '`{ slug, place, spellings }`', content: json({ type: 'object' }) },
        ...errors,
      },
    },
    handler: async ({ principal, params: { slug } }) => {
      const { place, spellings } = await places.get(principal, slug);
      return { slug, place, spellings };
    },
  });

  define({
    method: 'PUT',
    url: '/places/:slug/name',
    permissions: 'editor',
    params: PlaceSlugParams,
    body: RenameBody,
    docs: {
      summary:
        'Show the place by another name on place pages, the map and exports, for the whole deployment; every earlier spelling still finds it. Updates naming it are enriched again; audited',
      secured: true,
      responses: {
        '200': {
          description: '`{ slug, name }`: the place’s new slug and name',
          content: json({ type: 'object' }),
        },
        ...errors,
      },
    },
    handler: ({ principal, params: { slug }, body: { name } }) => places.rename(principal, slug, name),
  });

  define({
    method: 'PUT',
    url: '/places/:slug/pin',
    permissions: 'editor',
    params: PlaceSlugParams,
    body: PinBody,
    docs: {
      summary:
        'Pin a place (one placed approximately, at its region, or anywhere else) at a point: its spellings name this point from now on. Updates naming it are enriched again; audited',
      secured: true,
      responses: {
        '200': { description: '`{ slug, place }`', content: json({ type: 'object' }) },
        ...errors,
      },
    },
    handler: async ({ principal, params: { slug }, body: { lat, lon } }) => ({
      slug,
      place: await places.pin(principal, slug, lat, lon),
    }),
  });
}
