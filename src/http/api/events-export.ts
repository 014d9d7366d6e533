/** `GET /api/v1/events.json` and `/api/v1/events.csv`: the events of public stories' updates. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { toCsv, toEventRows, EVENT_ROW_FIELDS } from '../../enrich/export/event-rows.ts';
import type { Store } from '../../store/store.ts';
import { parseInput } from './schemas.ts';

const ExportQuery = z.object({
  desk: z.string().min(1).max(80).optional(),
  /** How many of the newest enriched updates to export. */
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** Registers the events export routes. */
export async function registerEventsExport(app: FastifyInstance, deps: { store: Store }): Promise<void> {
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
    const origin = `${request.protocol}://${request.host}`;
    return enriched.flatMap((e) => toEventRows(e, origin));
  };

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
