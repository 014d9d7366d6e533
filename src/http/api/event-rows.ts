/**
 * ACLED-like event records: one row per event the pipeline found in an update, with the
 * update's claim status, sources and permalink. Where a sentence gives no date the event is
 * dated by the update's publication day (in the desk's time zone) and `date_precision` says so.
 */
import { csvCell } from '../../domain/csv-cell.ts';
import { storyPath, updatePath } from '../../domain/paths.ts';
import type { EnrichedUpdate } from '../../store/store.ts';
import { EVENT_CODES, type EventType } from '../../enrich/events/taxonomy.ts';
import { localIso } from '../../enrich/local-time.ts';

export const EVENT_ROW_FIELDS = [
  'event_id',
  'event_date',
  'date_precision',
  'event_type',
  'plover',
  'cameo',
  'actor1',
  'actor2',
  'country',
  'admin1',
  'location',
  'lat',
  'lon',
  'geo_precision',
  'sources',
  'claim_status',
  'update_url',
  'desk',
  'published_at',
  'sentence',
] as const;
/** One exported event. */
export type EventRow = Record<(typeof EVENT_ROW_FIELDS)[number], string | number | null>;

/** The event rows of one enriched update; `origin` is the site's base URL. */
export function toEventRows({ enrichment, update, story, desk }: EnrichedUpdate, origin: string): EventRow[] {
  const { places, dates, countries } = enrichment.enrichment;
  const url = `${origin}${updatePath(storyPath(desk?.slug ?? null, story.slug), update.id)}`;
  const publishedDay = localIso(new Date(update.publishedAt), desk?.timezone ?? 'UTC').slice(0, 10);
  return enrichment.enrichment.events.map((event, index) => {
    const place = places.find((p) => p.name === event.place);
    const date =
      event.date === undefined ? undefined : dates.find((d) => d.start.startsWith(event.date ?? ''));
    const codes = EVENT_CODES[event.type as EventType];
    return {
      event_id: `${update.id}-${index + 1}`,
      event_date: event.date?.slice(0, 10) ?? publishedDay,
      date_precision: event.date === undefined ? 'published' : (date?.granularity ?? 'day'),
      event_type: event.type,
      plover: codes?.plover ?? null,
      cameo: codes?.cameo.join('/') ?? null,
      actor1: event.actors[0] ?? null,
      actor2: event.actors[1] ?? null,
      // The update's first country is this event's only when the update names one: "Turkish-made
      // drones" in one sentence does not put an air raid alert over Ukraine in Turkey.
      country:
        event.country ?? place?.country ?? (countries.length === 1 ? countries[0]?.iso2 : null) ?? null,
      admin1: place?.admin1 ?? null,
      location: place?.name ?? null,
      lat: place?.lat ?? null,
      lon: place?.lon ?? null,
      geo_precision: place?.precision ?? null,
      sources: update.sources.map((s) => `${s.label} <${s.url}>`).join('; '),
      claim_status: update.claimStatus,
      update_url: url,
      desk: desk?.slug ?? null,
      published_at: update.publishedAt,
      sentence: event.sentence,
    };
  });
}

/** RFC 4180 CSV with a header line. */
export function toCsv(rows: EventRow[]): string {
  const lines = [EVENT_ROW_FIELDS.join(',')];
  for (const row of rows) lines.push(EVENT_ROW_FIELDS.map((f) => csvCell(row[f])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
