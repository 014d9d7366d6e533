/**
 * Places imported from GeoNames dumps, looked up per text. An import of one country is 10⁴–10⁵
 * names and allCountries about 10⁷, too many to hold in every process's matcher, so instead each
 * capitalised span of a text (up to MAX_SPAN words, the way the matcher reads them) is looked up in
 * the indexed `gazetteer_names` table, through an LRU cache of answers (misses included). The
 * store's generation, bumped by every import batch, is read once per text: when another process
 * (the CLI) imported or removed places, the cache is dropped and the new places are used at once.
 */
import type { GazetteerHit, GazetteerStore } from './gazetteer-store.ts';
import { Lexicon, spanVariants, surfaceKey, type Place } from '../lexicon.ts';
import { splitSentences, tokenize, type Token } from '../text/tokenize.ts';

/** The most words a looked-up span has ("Ras al Ma'arra al Kabir" is five). */
const MAX_SPAN = 5;
const ADMIN_AREAS = new Set(['ADM1', 'ADM2', 'ADM3', 'ADMD']);
const PREFIX = /^(?:pro|anti|Pro|Anti|non|ex)-(?=\p{Lu})|^[ʿʾ](?=\p{Lu})/u;
const ARTICLE = /^(?:al|el|an|ar|as|ad|ash|at|az)-/;

/** The spans of `text` that may be place names: runs of up to MAX_SPAN words starting capitalised. */
export function candidateSpans(
  text: string,
  tokens: Token[] = tokenize(text, splitSentences(text)),
): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first) continue;
    let start = first.start;
    const prefix = PREFIX.exec(first.text);
    if (prefix) start += prefix[0].length;
    if (!/\p{Lu}/u.test(text[start] ?? '') && !ARTICLE.test(text.slice(start, start + 4))) continue;
    for (let j = i; j < Math.min(tokens.length, i + MAX_SPAN); j++) {
      const end = tokens[j];
      if (!end || end.sentence !== first.sentence) break;
      const span = surfaceKey(text.slice(start, end.end));
      out.add(span);
      // "Nad ‘Ali" is looked up as "Nad Ali" too, "Lanao Del Sur" as "Lanao del Sur"
      for (const variant of spanVariants(span)) out.add(variant);
    }
  }
  return [...out];
}

/** An imported GeoNames feature as the matcher's Place: admin areas are regions, the rest points. */
export function placeOfHit(hit: GazetteerHit): Place {
  const p = hit.place;
  return {
    kind: p.featureClass === 'A' && ADMIN_AREAS.has(p.featureCode) ? 'region' : 'city',
    name: p.name,
    iso2: p.iso2,
    admin1Code: p.admin1Code,
    lat: p.lat,
    lon: p.lon,
    population: p.population,
    geonameId: p.geonameId,
    feature: p.featureCode,
    ...(p.admin2Code !== '' && { admin2Code: p.admin2Code }),
    ...(hit.admin2Name !== undefined && { admin2: hit.admin2Name }),
  };
}

/** Looks up imported places by spelling for the enricher; one per process, shared by its requests. */
export class ImportedPlaces {
  readonly #store: Pick<GazetteerStore, 'generation' | 'findByNames'>;
  readonly #maxCached: number;
  /** Spelling → places (empty for a miss); Map order is recency, oldest first. */
  readonly #cache = new Map<string, Place[]>();
  #generation = -1;

  constructor(
    store: Pick<GazetteerStore, 'generation' | 'findByNames'>,
    options: { maxCached?: number } = {},
  ) {
    this.#store = store;
    this.#maxCached = options.maxCached ?? 200_000;
  }

  /**
   * The imported places any span of `text` spells, as a small lexicon to pass to the enricher
   * (`EnrichOptions.importedPlaces`); undefined when nothing is imported.
   */
  async lexiconFor(text: string): Promise<Lexicon | undefined> {
    const found = await this.lookup(candidateSpans(text));
    if (found === undefined || found.size === 0) return found === undefined ? undefined : new Lexicon();
    const lexicon = new Lexicon();
    for (const [spelling, places] of found)
      for (const place of places)
        lexicon.add(spelling, { kind: 'place', place, canonical: spelling === place.name });
    return lexicon;
  }

  /** Imported places by spelling, for the spellings that have any; undefined when nothing is imported. */
  async lookup(spellings: readonly string[]): Promise<Map<string, Place[]> | undefined> {
    const generation = await this.#store.generation();
    if (generation !== this.#generation) {
      this.#cache.clear();
      this.#generation = generation;
    }
    if (generation === 0) return undefined;
    const out = new Map<string, Place[]>();
    const missing: string[] = [];
    for (const spelling of spellings) {
      const cached = this.#cache.get(spelling);
      if (cached === undefined) missing.push(spelling);
      else {
        this.#cache.delete(spelling);
        this.#cache.set(spelling, cached);
        if (cached.length > 0) out.set(spelling, cached);
      }
    }
    if (missing.length > 0) {
      const hits = await this.#store.findByNames(missing);
      const found = new Map<string, Place[]>(missing.map((m) => [m, []]));
      for (const hit of hits) found.get(hit.name)?.push(placeOfHit(hit));
      for (const [spelling, places] of found) {
        this.#cache.set(spelling, places);
        if (places.length > 0) out.set(spelling, places);
      }
      for (const oldest of this.#cache.keys()) {
        if (this.#cache.size <= this.#maxCached) break;
        this.#cache.delete(oldest);
      }
    }
    return out;
  }
}
