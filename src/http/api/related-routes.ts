/** `POST /api/v1/related`: related earlier coverage for a draft, for the composer (editors). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Enricher } from '../../enrich/pipeline.ts';
import { suggestRelated } from '../../related/related-coverage.ts';
import type { Store } from '../../store/store.ts';
import { endpoints } from '../kit/endpoint.ts';
import { problem } from '../kit/openapi-parts.ts';

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
  endpoints(
    app,
    deps.store,
  )({
    method: 'POST',
    url: '/related',
    permissions: 'editor',
    body: RelatedSchema,
    docs: {
      summary: 'Earlier stories and updates related to a draft, with "See …" cross-links to insert (editor)',
      description:
        'The enrichment pipeline reads the unsaved draft; earlier updates whose stored enrichment names the same people, organisations and places (by canonical name, so another spelling still matches) come first, then those sharing its terms.',
      secured: true,
      responses: {
        '200': {
          description:
            'Suggestions: kind, id, url, label, snippetHtml, at, markdown, shared (the canonical names the draft and the update both name)',
        },
        '400': problem('Invalid input; `field` names what is wrong'),
      },
    },
    handler: async ({ body }) => ({
      items: await suggestRelated(
        { search: deps.store.search, enrichments: deps.store.enrichments, enricher },
        body,
      ),
    }),
  });
}
