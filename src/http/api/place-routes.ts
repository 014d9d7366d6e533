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
import { requireRole } from '../auth.ts';
import { parseInput } from './schemas.ts';

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

/** Registers the place routes. */
export async function registerPlaceRoutes(app: FastifyInstance, deps: PlaceRouteDeps): Promise<void> {
  const { store, places } = deps;

  app.get('/places/:slug', async (request) => {
    const { slug } = parseInput(PlaceSlugParams, request.params, 'path');
    const { place, spellings } = await places.get(await requireRole(store, request, 'editor'), slug);
    return { slug, place, spellings };
  });

  app.put('/places/:slug/name', async (request) => {
    const { slug } = parseInput(PlaceSlugParams, request.params, 'path');
    const actor = await requireRole(store, request, 'editor');
    const { name } = parseInput(RenameBody, request.body);
    return places.rename(actor, slug, name);
  });

  app.put('/places/:slug/pin', async (request) => {
    const { slug } = parseInput(PlaceSlugParams, request.params, 'path');
    const actor = await requireRole(store, request, 'editor');
    const { lat, lon } = parseInput(PinBody, request.body);
    return { slug, place: await places.pin(actor, slug, lat, lon) };
  });
}
