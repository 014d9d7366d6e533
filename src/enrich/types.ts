/** The structure extracted from one update: the schema the CLI prints and the API returns. */
import type { ContactActorKind, ContactChannel, ContactKind } from '../domain/contacts.ts';

export const NAME_SOURCES = ['known', 'pattern', 'confirmed'] as const;
/** How a name was found: in the shipped lists, by a textual pattern, or from an editor's correction. */
export type NameSource = (typeof NAME_SOURCES)[number];

/** A person named in the text; `name` is canonical, `matched` the spellings found. */
export interface PersonMention {
  name: string;
  matched: string[];
  role?: string;
  country?: string;
  /** Set by the pipeline; absent in enrichments stored before it was added. */
  source?: NameSource;
  /** 1 for listed and confirmed names; the pattern's certainty (0–1) otherwise. */
  confidence?: number;
}

/** An organisation named in the text. */
export interface OrganizationMention {
  name: string;
  matched: string[];
  source?: NameSource;
  confidence?: number;
}

/** A country named (or referred to by its demonym) in the text. */
export interface CountryMention {
  name: string;
  iso2: string;
}

export const PLACE_KINDS = ['city', 'region', 'country'] as const;
/** How precisely a place is located: a town's point, a region's or a country's centroid. */
export type PlaceKind = (typeof PLACE_KINDS)[number];

/**
 * A geocoded place; `precision` equals `kind` (the granularity of the coordinates), or is
 * `approximate` for a place no gazetteer knows, pinned at the admin area the text puts it in.
 */
export interface PlaceMention {
  name: string;
  matched: string;
  kind: PlaceKind;
  country: string;
  admin1?: string;
  lat: number;
  lon: number;
  precision: PlaceKind | 'approximate';
  /** The admin-2 area (district) of an imported place, when admin2Codes.txt was imported. */
  admin2?: string;
  /** The GeoNames id of a place imported with `dateline gazetteer import`. */
  geonameId?: number;
}

export const DATE_GRANULARITIES = [
  'time',
  'day',
  'weekend',
  'week',
  'part-of-month',
  'month',
  'part-of-year',
  'year',
] as const;
/**
 * How much of the date the text gave: "Saturday" is a day, "early May" part of a month, "late 2019"
 * part of a year.
 */
export type DateGranularity = (typeof DATE_GRANULARITIES)[number];

/** A date or period the text refers to, resolved against the publication time. `start` and
 * `end` are calendar dates (YYYY-MM-DD) except for granularity `time`, where they are ISO instants. */
export interface DateMention {
  text: string;
  start: string;
  end: string;
  granularity: DateGranularity;
}

/** One sentence's event: a coarse type with the actors, place and date the sentence gives. */
export interface EventMention {
  type: string;
  actors: string[];
  place?: string;
  /**
   * ISO2 of the country the event is in: its place's, else a country the sentence names as such
   * ("across eastern Ukraine"), never one named only by a demonym ("Turkish-made", "Russian troops").
   */
  country?: string;
  date?: string;
  sentence: string;
  /** `confirmed` once an editor confirmed it beside its update (see applyReviews); absent: as extracted. */
  source?: 'confirmed';
}

/** One side of a contact: a person or organisation, with the role the sentence gives it. */
export interface ContactParty {
  kind: ContactActorKind;
  name: string;
  role?: string;
}

/** Two actors in contact in one sentence (src/enrich/events/contacts.ts). */
export interface ContactMention {
  kind: ContactKind;
  channel?: ContactChannel;
  a: ContactParty;
  b: ContactParty;
  place?: string;
  country?: string;
  date?: string;
  sentence: string;
  /** `confirmed` once an editor confirmed it beside its update (see applyReviews); absent: as extracted. */
  source?: 'confirmed';
}

/** Everything extracted from one text. */
export interface Enrichment {
  people: PersonMention[];
  organizations: OrganizationMention[];
  countries: CountryMention[];
  places: PlaceMention[];
  dates: DateMention[];
  events: EventMention[];
  /** Absent in enrichments stored before contacts were extracted. */
  contacts?: ContactMention[];
}

/** A capitalised run the dictionaries do not know: offered to the editor as "new name?". */
export interface NameSuggestion {
  text: string;
  /** A title found right before it ("commander", "Foreign Minister"), a hint at what it is. */
  title?: string;
}

/** A gazetteer entry offered to an editor correcting a place. */
export interface PlaceCandidate {
  kind: 'city' | 'region' | 'country';
  name: string;
  iso2: string;
  admin1Code: string;
  /** The admin-1 region's name, for telling same-named towns apart. */
  admin1?: string;
  lat: number;
  lon: number;
  population: number;
}

/** A curated (or added) person or organisation offered to an editor correcting a name. */
export interface NameCandidate {
  kind: 'person' | 'organization';
  name: string;
  role?: string;
  country?: string;
}
