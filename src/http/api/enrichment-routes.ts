/**
 * Enrichment over HTTP: `GET /api/v1/updates/{id}/enrichment` (what was extracted from one update,
 * the schema `dateline enrich` prints) and `GET /api/v1/events.json` / `.csv` (the events of public
 * stories' updates as ACLED-like rows).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { toCsv, toEventRows, EVENT_ROW_FIELDS } from './event-rows.ts';
import type { Site } from '../../domain/site.ts';
import type { Store } from '../../store/store.ts';
import { mayReadStory } from '../auth.ts';
import { endpoints } from '../kit/endpoint.ts';

const ExportQuery = z.object({
  desk: z.string().min(1).max(80).optional().describe('only this desk (slug)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(1000)
    .describe('how many of the newest enriched updates (1–5000, default 1000)'),
});
const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Registers the enrichment and events export routes. */
export async function registerEnrichmentRoutes(
  app: FastifyInstance,
  deps: { store: Store; site: Site },
): Promise<void> {
  const define = endpoints(app, deps.store);
  const rowsFor = async (query: z.output<typeof ExportQuery>) => {
    let deskId: string | undefined;
    if (query.desk !== undefined) {
      const desk = await deps.store.desks.getBySlug(query.desk);
      if (!desk) throw notFound('desk');
      deskId = desk.id;
    }
    const enriched = await deps.store.enrichments.listEnriched({
      statuses: ['live', 'ended'],
      limit: query.limit,
      ...(deskId !== undefined && { deskId }),
    });
    return enriched.flatMap((e) => toEventRows(e, deps.site.origin()));
  };
  const summary = (format: string) =>
    `Events extracted from updates of live and ended stories, one ACLED-like row per event (${format}); ` +
    `columns: ${EVENT_ROW_FIELDS.join(', ')}`;

  define({
    method: 'GET',
    url: '/updates/:id/enrichment',
    params: IdParams,
    docs: {
      summary:
        'People, organisations, countries, places, dates and events extracted from an update (the schema `dateline enrich` prints), with the update version it was taken from',
      responses: {
        '200': {
          description: 'The enrichment',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '404': { description: 'No such update, or not enriched yet' },
      },
    },
    handler: async ({ request, params: { id } }) => {
      const update = await deps.store.updates.getById(id);
      if (!update || update.deletedAt !== null) throw notFound('update');
      const story = await deps.store.stories.getById(update.storyId);
      // Drafts are readable only by those who may work on the desk, as for the update itself.
      if (!story || !(await mayReadStory(deps.store, request, story))) throw notFound('update');
      const stored = await deps.store.enrichments.get(id);
      if (!stored) throw notFound('enrichment');
      return {
        updateId: stored.updateId,
        updateVersion: stored.updateVersion,
        current: stored.updateVersion === update.version,
        dataVersion: stored.dataVersion,
        enrichedAt: stored.enrichedAt,
        ...stored.enrichment,
      };
    },
  });

  define({
    method: 'GET',
    url: '/events.json',
    querystring: ExportQuery,
    docs: {
      summary: summary('JSON'),
      responses: {
        '200': {
          description: '`{ fields, count, events }`, newest update first',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
    handler: async ({ query }) => {
      const events = await rowsFor(query);
      return { fields: EVENT_ROW_FIELDS, count: events.length, events };
    },
  });

  define({
    method: 'GET',
    url: '/events.csv',
    querystring: ExportQuery,
    docs: {
      summary: summary('CSV, RFC 4180'),
      responses: {
        '200': {
          description: 'CSV with a header line',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
      },
    },
    handler: async ({ reply, query }) => {
      const events = await rowsFor(query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="dateline-events.csv"')
        .send(toCsv(events));
    },
  });
}
