/**
 * A deployment's own spelling of a place ("Kyiv Oblast" for the Kyiv region, "Bakhmut" kept as a
 * desk writes it): an editor's rename, kept as a correction and applied to every later enrichment.
 * The place is still found by all its old spellings; only the name shown (place pages, map, exports)
 * changes, and the new spelling resolves to it too.
 */
import type { Enrichment, PlaceMention } from '../types.ts';

/** What identifies a place across enrichments: kind, country, gazetteer name and point (~1 km). */
export function placeKey(place: Pick<PlaceMention, 'kind' | 'country' | 'name' | 'lat' | 'lon'>): string {
  return `${place.kind}|${place.country}|${place.name}|${place.lat.toFixed(2)}|${place.lon.toFixed(2)}`;
}

/** The enrichment with renamed places shown by their deployment's names (events follow). */
export function applyDisplayNames(enrichment: Enrichment, names: ReadonlyMap<string, string>): Enrichment {
  if (names.size === 0) return enrichment;
  const renamed = new Map<string, string>();
  const places = enrichment.places.map((p) => {
    const name = names.get(placeKey(p));
    if (name === undefined || name === p.name) return p;
    renamed.set(p.name, name);
    return { ...p, name };
  });
  if (renamed.size === 0) return enrichment;
  const events = enrichment.events.map((e) =>
    e.place !== undefined && renamed.has(e.place) ? { ...e, place: renamed.get(e.place) as string } : e,
  );
  return { ...enrichment, places, events };
}
