/** The interface every extractor implements, and the context the pipeline hands them. */
import type { Reference } from './dates/report-dates.ts';
import type { Place } from './lexicon.ts';
import type { Gazetteer } from './places/gazetteer.ts';
import type { Sentence, Token } from './text/tokenize.ts';
import type { Resolved } from './mentions.ts';
import type { PatternName } from './names/patterns.ts';
import type { Enrichment } from './types.ts';

/** One text being enriched: its words, dictionary matches and what earlier extractors found. */
export interface EnrichContext {
  text: string;
  sentences: Sentence[];
  tokens: Token[];
  /** Dictionary matches resolved to one kind each, in text order. */
  mentions: Resolved[];
  /** People and organisations no list knows, found by how the text marks them. */
  patternNames: PatternName[];
  reference: Reference;
  gazetteer: Gazetteer;
  /**
   * Every place (built-in, and imported for this text) spelled exactly `surface`, case-sensitive:
   * towns and admin areas; imported ones carry `geonameId`, `feature`, `admin2Code`/`admin2`.
   */
  findPlaces(surface: string): Place[];
  /** Outputs of the extractors that ran before this one. */
  result: Partial<Enrichment>;
}

/** Produces one field of the enrichment; extractors run in pipeline order. */
export interface Extractor<K extends keyof Enrichment = keyof Enrichment> {
  readonly field: K;
  extract(context: EnrichContext): Enrichment[K];
}
