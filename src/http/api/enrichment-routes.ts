/**
 * Enrichment over HTTP: `GET /api/v1/updates/{id}/enrichment` (what was extracted from one update,
 * the schema `dateline enrich` prints) and `GET /api/v1/events.json` / `.csv` (the events of public
 * stories' updates as ACLED-like rows).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { toCsv, toEventRows, EVENT_ROW_FIELDS } from './event-rows.ts';
import type { Site } from '../../domain/site.ts';
import type { Store } from '../../store/store.ts';
import { mayReadStory } from '../auth.ts';
import { parseInput } from './schemas.ts';

const ExportQuery = z.object({
  desk: z.string().min(1).max(80).optional(),
  /** How many of the newest enriched updates to export. */
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** Registers the enrichment and events export routes. */
export async function registerEnrichmentRoutes(
  app: FastifyInstance,
  deps: { store: Store; site: Site },
): Promise<void> {
  const rowsFor = async (request: FastifyRequest) => {
    const query = parseInput(ExportQuery, request.query, 'query');
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

  app.get('/updates/:id/enrichment', async (request) => {
    const { id } = parseInput(z.object({ id: z.string().min(1).max(64) }), request.params, 'path');
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
  });

  app.get('/events.json', async (request) => {
    const events = await rowsFor(request);
    return { fields: EVENT_ROW_FIELDS, count: events.length, events };
  });

  app.get('/events.csv', async (request, reply) => {
    const events = await rowsFor(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="dateline-events.csv"')
      .send(toCsv(events));
  });
}

/** OpenAPI paths of the export, merged into the API document. */
export function enrichmentPaths(): Record<string, object> {
  const parameters = [
    { name: 'desk', in: 'query', description: 'only this desk (slug)', schema: { type: 'string' } },
    {
      name: 'limit',
      in: 'query',
      description: 'how many of the newest enriched updates (1–5000, default 1000)',
      schema: { type: 'integer', minimum: 1, maximum: 5000 },
    },
  ];
  const summary = (format: string) =>
    `Events extracted from updates of live and ended stories, one ACLED-like row per event (${format}); ` +
    `columns: ${EVENT_ROW_FIELDS.join(', ')}`;
  return {
    '/updates/{id}/enrichment': {
      get: {
        summary:
          'People, organisations, countries, places, dates and events extracted from an update (the schema `dateline enrich` prints), with the update version it was taken from',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The enrichment',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '404': { description: 'No such update, or not enriched yet' },
        },
      },
    },
    '/events.json': {
      get: {
        summary: summary('JSON'),
        parameters,
        responses: {
          '200': {
            description: '`{ fields, count, events }`, newest update first',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    '/events.csv': {
      get: {
        summary: summary('CSV, RFC 4180'),
        parameters,
        responses: {
          '200': {
            description: 'CSV with a header line',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
        },
      },
    },
  };
}
