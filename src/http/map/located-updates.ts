/**
 * Updates placed on the map: each enriched, public update where its text names a place, at the place
 * of its first located event (else its most precise place), with the filters the map page offers.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../domain/days.ts';
import { storyPath, updatePath } from '../../domain/paths.ts';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/types.ts';
import { EVENT_TYPES } from '../../enrich/events/taxonomy.ts';
import { localIso } from '../../enrich/local-time.ts';
import type { PlaceMention } from '../../enrich/types.ts';
import { markdownToText } from '../../render/markdown.ts';
import type { EnrichedUpdate } from '../../store/store.ts';

/** One marker's worth of an update. */
export interface LocatedUpdate {
  updateId: string;
  storyId: string;
  /** Reader URL of the update's own page. */
  url: string;
  headline: string;
  publishedAt: string;
  /** Publication day in the desk's time zone. */
  day: string;
  claimStatus: ClaimStatus;
  eventType: string | null;
  place: PlaceMention;
  desk: { slug: string; name: string } | null;
}

/** The map's filters, from the query string; all optional. */
export const MapFilterSchema = z.object({
  desk: z.string().max(80).optional(),
  story: z.string().max(64).optional(),
  from: z.string().refine(isCalendarDate, 'must be a date as YYYY-MM-DD').optional(),
  to: z.string().refine(isCalendarDate, 'must be a date as YYYY-MM-DD').optional(),
  type: z.enum(EVENT_TYPES, 'must be one of the event types').optional(),
  claim: z.enum(CLAIM_STATUSES, 'must be a claim status').optional(),
  /** The day the map's layers are shown as of (map-layers-view.tsx); markers are not filtered by it. */
  date: z.string().refine(isCalendarDate, 'must be a date as YYYY-MM-DD').optional(),
});
/** Parsed filters. */
export type MapFilter = z.infer<typeof MapFilterSchema>;

const PRECISION_RANK: Record<string, number> = { city: 0, region: 1, country: 2 };

/** The located updates among `enriched` that pass `filter`, newest first. */
export function locateUpdates(enriched: EnrichedUpdate[], filter: MapFilter): LocatedUpdate[] {
  const located: LocatedUpdate[] = [];
  for (const { enrichment, update, story, desk } of enriched) {
    const { places, events } = enrichment.enrichment;
    const firstLocated = events.find((e) => e.place !== undefined && places.some((p) => p.name === e.place));
    const place =
      places.find((p) => p.name === firstLocated?.place) ??
      [...places].sort((a, b) => (PRECISION_RANK[a.precision] ?? 3) - (PRECISION_RANK[b.precision] ?? 3))[0];
    if (place === undefined) continue;
    const eventType = firstLocated?.type ?? events[0]?.type ?? null;
    const day = localIso(new Date(update.publishedAt), desk?.timezone ?? 'UTC').slice(0, 10);
    if (filter.story !== undefined && story.id !== filter.story) continue;
    if (filter.from !== undefined && day < filter.from) continue;
    if (filter.to !== undefined && day > filter.to) continue;
    if (filter.claim !== undefined && update.claimStatus !== filter.claim) continue;
    if (filter.type !== undefined && !events.some((e) => e.type === filter.type)) continue;
    located.push({
      updateId: update.id,
      storyId: story.id,
      url: updatePath(storyPath(desk?.slug ?? null, story.slug), update.id),
      headline: update.headline ?? firstSentence(update.body),
      publishedAt: update.publishedAt,
      day,
      claimStatus: update.claimStatus,
      eventType,
      place,
      desk: desk === null ? null : { slug: desk.slug, name: desk.name },
    });
  }
  return located;
}

function firstSentence(markdown: string): string {
  // The renderer's plain text: Markdown syntax goes, the author's brackets stay ("Djibo (Djibo, Soum)").
  const text = markdownToText(markdown);
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? text : text.slice(0, end + 1);
  return sentence.length > 140 ? `${sentence.slice(0, 139)}…` : sentence;
}
