/**
 * Places: each place name resolved to one gazetteer entry. Candidates in the countries the
 * story and the text are about win ("Palmyra" in a Syria story is Tadmur, not the town in
 * Missouri); among them a town beats a region of the same name unless "province"/"region"
 * follows, the place's own name beats an alias, and the larger town wins. A candidate in
 * another country is kept only if it is a big city, since small foreign towns that share a
 * name are mostly false pins.
 */
import type { EnrichContext, Extractor } from '../extractor.ts';
import type { Place } from '../lexicon.ts';
import type { Resolved } from '../mentions.ts';
import type { PlaceMention } from '../types.ts';

/** A town abroad this big is kept even when the text is about other countries. */
const BIG_CITY = 250_000;

/** The countries a text is about, weighted by how often they come up. */
export function contextCountries(context: EnrichContext, storyCountries: string[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (iso2: string | undefined, weight: number) => {
    if (iso2) weights.set(iso2, (weights.get(iso2) ?? 0) + weight);
  };
  for (const iso2 of storyCountries) add(iso2, 3);
  for (const m of context.mentions) {
    if (m.kind === 'country') add(m.country.iso2, 2);
    else if (m.kind === 'person') add(m.person.country, 1);
    else if (m.kind === 'org') add(m.org.country, 1);
  }
  return weights;
}

function choose(m: Extract<Resolved, { kind: 'place' }>, context: Map<string, number>): Place | undefined {
  if (m.chosen) return m.candidates[0]?.place;
  let candidates = m.candidates;
  if (m.preferRegion) candidates = candidates.filter((c) => c.place.kind === 'region');
  const score = ({ place, canonical }: { place: Place; canonical: boolean }) =>
    (context.get(place.iso2) ?? 0) * 1e12 +
    (place.kind === 'city' ? 1e11 : 0) +
    (canonical ? 1e10 : 0) +
    place.population;
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
  if (!best) return undefined;
  const inContext = context.has(best.place.iso2);
  if (inContext) return best.place;
  if (context.size > 0 && best.place.population < BIG_CITY) return undefined;
  if (context.size === 0 && best.place.kind === 'city' && best.place.population < 50_000) return undefined;
  return best.place;
}

/** Builds the places extractor; `storyCountries` (ISO2) are the story's own countries. */
export function createPlacesExtractor(storyCountries: () => string[]): Extractor<'places'> {
  return {
    field: 'places',
    extract(context) {
      const weights = contextCountries(context, storyCountries());
      const out: PlaceMention[] = [];
      const seen = new Set<string>();
      const push = (p: PlaceMention) => {
        const key = `${p.kind}:${p.country}:${p.name}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(p);
        }
      };
      for (const m of context.mentions) {
        if (m.kind === 'country' && !m.demonym) {
          const c = m.country;
          push({
            name: c.name,
            matched: m.match.text,
            kind: 'country',
            country: c.iso2,
            lat: c.lat,
            lon: c.lon,
            precision: 'country',
          });
        }
        if (m.kind !== 'place') continue;
        const place = choose(m, weights);
        if (!place) continue;
        // An imported district (ADM2, ADM3) is a region too, but its admin-1 is the province above it.
        const region =
          place.kind === 'region' && (place.feature === undefined || place.feature === 'ADM1')
            ? place
            : context.gazetteer.regions.get(`${place.iso2}.${place.admin1Code}`);
        push({
          name: place.name,
          matched: m.match.text,
          kind: place.kind,
          country: place.iso2,
          ...(region && { admin1: region.name }),
          lat: place.lat,
          lon: place.lon,
          precision: place.kind,
          ...(place.admin2 !== undefined && { admin2: place.admin2 }),
          ...(place.geonameId !== undefined && { geonameId: place.geonameId }),
        });
      }
      return out;
    },
  };
}
