/** `POST /api/v1/related`: related earlier coverage for a draft, for the composer (editors). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Enricher } from '../../enrich/pipeline.ts';
import { suggestRelated } from '../../related/related-coverage.ts';
import type { Store } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import { parseInput } from './schemas.ts';

const RelatedSchema = z.strictObject({
  text: z.string().max(20_000, 'must be at most 20000 characters'),
  storyId: z
    .string()
    .max(64)
    .optional()
    .describe('the story being written for; its own updates are left out'),
  limit: z.int().min(1).max(20).default(5),
});

/** Registers the related-coverage route (mounted under /api/v1). */
export async function registerRelatedRoutes(
  app: FastifyInstance,
  deps: { store: Store; enricher: Enricher },
): Promise<void> {
  // The app's one enricher (the enrichment worker's): the draft's names are found by the same
  // pipeline that enriched the earlier updates.
  const { enricher } = deps;
  app.post('/related', async (request) => {
    await requireRole(deps.store, request, 'editor');
    const input = parseInput(RelatedSchema, request.body);
    return {
      items: await suggestRelated(
        { search: deps.store.search, enrichments: deps.store.enrichments, enricher },
        input,
      ),
    };
  });
}
