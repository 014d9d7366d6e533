/**
 * The enrichment pipeline: loads the curated names and the gazetteer once, then runs the
 * extractors in order over each text (places need the names, events need everything).
 */
import { join } from 'node:path';
import { parseReference, type Reference } from './dates/report-dates.ts';
import type { EnrichContext, Extractor } from './extractor.ts';
import { countriesExtractor } from './extractors/countries.ts';
import { datesExtractor } from './extractors/dates.ts';
import { eventsExtractor } from './extractors/events.ts';
import { organizationsExtractor } from './extractors/organizations.ts';
import { peopleExtractor } from './extractors/people.ts';
import { createPlacesExtractor } from './extractors/places.ts';
import { Lexicon } from './lexicon.ts';
import { findMentions } from './mentions.ts';
import { loadNameData, type NameData } from './names/name-data.ts';
import { suggestNames } from './names/suggest.ts';
import { loadGazetteer, type Gazetteer } from './places/gazetteer.ts';
import { splitSentences, tokenize } from './text/tokenize.ts';
import type { Enrichment, NameSuggestion } from './types.ts';

/** The shipped data directory (data/ at the repository root). */
export const DEFAULT_DATA_DIR = join(import.meta.dirname, '..', '..', 'data');

/** What an update is enriched against. */
export interface EnrichOptions {
  /** Publication time, ISO 8601 with offset; relative dates resolve against it. */
  published: Date | string;
  /** ISO2 codes of the story's countries (its desk), which disambiguate place names. */
  storyCountries?: string[];
}

/** Extracts people, organisations, countries, places, dates and events from update text. */
export interface Enricher {
  enrich(text: string, options: EnrichOptions): Enrichment;
  /** Capitalised names no dictionary knows, offered to the editor as "new name?". */
  suggest(text: string): NameSuggestion[];
  readonly versions: NameData['versions'];
}

function referenceOf(published: Date | string): Reference {
  if (published instanceof Date) return { instant: published, offsetMinutes: 0 };
  const reference = parseReference(published);
  if (!reference) throw new RangeError(`published: not an ISO 8601 time: ${published}`);
  return reference;
}

/** Loads the data (about a third of a second) and returns a reusable enricher. */
export function createEnricher(dataDir: string = DEFAULT_DATA_DIR): Enricher {
  const lexicon = new Lexicon();
  const names = loadNameData(join(dataDir, 'names'), lexicon);
  const gazetteer: Gazetteer = loadGazetteer(join(dataDir, 'gazetteer'), lexicon);
  let storyCountries: string[] = [];
  const extractors: Extractor[] = [
    peopleExtractor,
    organizationsExtractor,
    countriesExtractor,
    createPlacesExtractor(() => storyCountries),
    datesExtractor,
    eventsExtractor,
  ];

  const prepare = (text: string) => {
    const sentences = splitSentences(text);
    const tokens = tokenize(text, sentences);
    return { sentences, tokens, mentions: findMentions(text, tokens, lexicon) };
  };

  return {
    versions: names.versions,
    enrich(text, options) {
      storyCountries = options.storyCountries ?? [];
      const context: EnrichContext = {
        text,
        ...prepare(text),
        reference: referenceOf(options.published),
        gazetteer,
        result: {},
      };
      for (const extractor of extractors)
        (context.result as Record<string, unknown>)[extractor.field] = extractor.extract(context);
      const r = context.result;
      return {
        people: r.people ?? [],
        organizations: r.organizations ?? [],
        countries: r.countries ?? [],
        places: r.places ?? [],
        dates: r.dates ?? [],
        events: r.events ?? [],
      };
    },
    suggest(text) {
      const { tokens, mentions } = prepare(text);
      return suggestNames(tokens, mentions);
    },
  };
}

const loaded = new Map<string, Enricher>();

/** The enricher for `dataDir`, loaded once per process (the data is read-only). */
export function loadEnricher(dataDir: string = DEFAULT_DATA_DIR): Enricher {
  let enricher = loaded.get(dataDir);
  if (!enricher) {
    enricher = createEnricher(dataDir);
    loaded.set(dataDir, enricher);
  }
  return enricher;
}
