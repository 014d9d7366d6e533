/**
 * The enrichment pipeline: loads the curated names and the gazetteer once, then runs the
 * extractors in order over each text (places need the names, events need everything).
 */
import { join } from 'node:path';
import type { Correction } from './corrections.ts';
import { normaliseSurface } from './corrections.ts';
import { parseReference, type Reference } from './dates/report-dates.ts';
import type { EnrichContext, Extractor } from './extractor.ts';
import { countriesExtractor } from './extractors/countries.ts';
import { datesExtractor } from './extractors/dates.ts';
import { contactsExtractor } from './events/contacts.ts';
import { eventsExtractor } from './extractors/events.ts';
import { organizationsExtractor } from './extractors/organizations.ts';
import { peopleExtractor } from './extractors/people.ts';
import { createPlacesExtractor } from './extractors/places.ts';
import {
  Lexicon,
  type Country,
  type LexEntry,
  type Organization,
  type Person,
  type Place,
} from './lexicon.ts';
import { findMentions, type Resolved } from './mentions.ts';
import { loadNameData, type NameData } from './names/name-data.ts';
import { OfficeHolders, officeHolderMentions } from './names/office-holders.ts';
import { findPatternNames, givenNamesOf } from './names/patterns.ts';
import { suggestNames } from './names/suggest.ts';
import { applyDisplayNames, placeKey } from './places/display-names.ts';
import { loadGazetteer, type Gazetteer } from './places/gazetteer.ts';
import { candidateSpans } from './places/imported-places.ts';
import { splitSentences, tokenize, type Token } from './text/tokenize.ts';
import type { Enrichment, NameCandidate, NameSuggestion, PlaceCandidate } from './types.ts';
import { spelledAsWritten, unshout } from './text/unshout.ts';
import { titleCased } from './spelling.ts';

/** The shipped reference data (resources/ at the package root): gazetteer and names. */
export const DEFAULT_DATA_DIR = join(import.meta.dirname, '..', '..', 'resources');

/** What an update is enriched against. */
export interface EnrichOptions {
  /** Publication time, ISO 8601 with offset; relative dates resolve against it. */
  published: Date | string;
  /** ISO2 codes of the story's countries (its desk), which disambiguate place names. */
  storyCountries?: string[];
  /** Editors' corrections, compiled by `Enricher.compile`. */
  corrections?: CompiledCorrections;
  /** Imported GeoNames places this text spells: `await ImportedPlaces.lexiconFor(text)`. */
  importedPlaces?: Lexicon;
  /**
   * The people the story's earlier updates named (their `name`s, latest first): a surname alone in
   * this text ("Votel said") is one of them.
   */
  storyPeople?: readonly string[];
}

/** Editors' corrections in the form the matcher uses them; build with `Enricher.compile`. */
export interface CompiledCorrections {
  /** Aliases, added names and chosen places, matched over the shipped data and winning over it. */
  overlay: Lexicon;
  /** Spellings that are not names, and spellings that are not places. */
  rejectedNames: Set<string>;
  rejectedPlaces: Set<string>;
  /** The deployment's names of renamed places, by placeKey of the gazetteer's place. */
  displayNames?: Map<string, string>;
}

/** Extracts people, organisations, countries, places, dates and events from update text. */
export interface Enricher {
  enrich(text: string, options: EnrichOptions): Enrichment;
  /** Capitalised names no dictionary knows, offered to the editor as "new name?". */
  suggest(text: string, corrections?: CompiledCorrections): NameSuggestion[];
  readonly versions: NameData['versions'];
  /** Turns stored corrections into what `enrich` and `suggest` take. */
  compile(corrections: readonly Correction[]): CompiledCorrections;
  /**
   * Gazetteer entries (countries, regions, towns) spelled `name`, biggest first, at most `limit`;
   * `imported` adds imported places (`ImportedPlaces.lexiconFor(name)`).
   */
  placeCandidates(
    name: string,
    limit?: number,
    corrections?: CompiledCorrections,
    imported?: Lexicon,
  ): PlaceCandidate[];
  /** The biggest towns of the built-in gazetteer inside a box, for a map's landmarks. */
  townsWithin: Gazetteer['townsWithin'];
  /** People and organisations whose name or an alias starts with `query` (any case), at most `limit`. */
  findNames(query: string, limit?: number, corrections?: CompiledCorrections): NameCandidate[];
}

/** The places (not countries) among lexicon entries. */
function placesOf(entries: readonly LexEntry[]): Place[] {
  return entries.flatMap((e) => (e.kind === 'place' ? [e.place] : []));
}

/** Whether two entries are one place: same country and kind, and the same region or a town within ~10 km. */
function samePlace(a: Place, b: Place): boolean {
  if (a.iso2 !== b.iso2 || a.kind !== b.kind) return false;
  if (a.kind === 'region') return a.admin1Code === b.admin1Code && (b.feature ?? 'ADM1') === 'ADM1';
  return Math.abs(a.lat - b.lat) < 0.1 && Math.abs(a.lon - b.lon) < 0.1;
}

/**
 * Imported places less those the built-in data has under the same spelling: the built-in entry (with
 * its news name, "Odesa" for Odessa, "Washington, D.C.") stays the one named, so importing a country
 * does not rename the places updates already name.
 */
function newPlaces(imported: Lexicon, ...builtIn: Lexicon[]): Lexicon {
  const out = new Lexicon();
  for (const [surface, entries] of imported.surfaces()) {
    const known = placesOf(builtIn.flatMap((b) => b.get(surface) ?? []));
    for (const entry of entries)
      if (entry.kind !== 'place' || !known.some((place) => samePlace(place, entry.place)))
        out.add(surface, entry);
  }
  return out;
}

/** Drops the matches of spellings editors rejected. */
function withoutRejected(mentions: Resolved[], corrections: CompiledCorrections | undefined): Resolved[] {
  if (!corrections) return mentions;
  const { rejectedNames, rejectedPlaces } = corrections;
  if (rejectedNames.size === 0 && rejectedPlaces.size === 0) return mentions;
  return mentions.filter((m) => {
    const surface = normaliseSurface(m.match.text);
    if (m.kind === 'person' || m.kind === 'org') return !rejectedNames.has(surface);
    return !rejectedPlaces.has(surface);
  });
}

function placeFromChoice(choice: Extract<Correction, { action: 'choose' }>['target']): LexEntry {
  if (choice.kind === 'country') {
    const country: Country = { iso2: choice.iso2, name: choice.name, lat: choice.lat, lon: choice.lon };
    return { kind: 'country', country, demonym: false };
  }
  const place: Place = {
    kind: choice.kind,
    name: choice.name,
    iso2: choice.iso2,
    admin1Code: choice.admin1Code,
    lat: choice.lat,
    lon: choice.lon,
    population: choice.population,
  };
  return { kind: 'place', place, canonical: true };
}

function referenceOf(published: Date | string): Reference {
  if (published instanceof Date) return { instant: published, offsetMinutes: 0 };
  const reference = parseReference(published);
  if (!reference) throw new RangeError(`published: not an ISO 8601 time: ${published}`);
  return reference;
}

/** Loads the data (about a tenth of a second of CPU: towns are searched per text) and returns a reusable enricher. */
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
    contactsExtractor,
  ];

  /**
   * The towns this text names by one of GeoNames' other spellings, with the deployment's
   * imported places, as one small lexicon beside the built-in one.
   */
  /** The built-in towns spelled as one of `spellings` (the towns are searched, not in the matcher). */
  const townsSpelled = (spellings: readonly string[]): Lexicon => {
    const towns = new Lexicon();
    for (const [spelling, places] of gazetteer.alternates(spellings))
      for (const { place, canonical } of places) towns.add(spelling, { kind: 'place', place, canonical });
    return towns;
  };

  /**
   * The towns this text names, with the deployment's imported places, as one small lexicon beside the
   * built-in one.
   */
  const perText = (text: string, tokens: Token[], importedPlaces?: Lexicon): Lexicon | undefined => {
    const towns = townsSpelled(candidateSpans(text, tokens));
    const extra = newPlaces(towns, lexicon);
    if (importedPlaces) extra.addAll(newPlaces(importedPlaces, lexicon, towns));
    return extra;
  };

  const prepare = (
    text: string,
    corrections?: CompiledCorrections,
    importedPlaces?: Lexicon,
    storyPeople: readonly string[] = [],
  ) => {
    const sentences = splitSentences(text);
    const tokens = tokenize(text, sentences);
    const imported = perText(text, tokens, importedPlaces);
    const listed = storyPeople.flatMap((name) => {
      const person = curatedPeople.get(name) ?? (corrections && addedPerson(corrections.overlay, name));
      return person ? [person] : [];
    });
    const mentions = findMentions(text, tokens, lexicon, corrections?.overlay, imported, listed);
    return { sentences, tokens, imported, mentions: withoutRejected(mentions, corrections) };
  };

  const curatedPeople = new Map(names.people.map((p) => [p.name, p]));
  const givenNames = new Set([...givenNamesOf(names.givenNamePeople), ...names.givenNames]);
  const commonWords = new Set(names.commonWords);
  const curatedOrgs = new Map(names.organizations.map((o) => [o.name, o]));
  // Each country's listed army ("Russian Armed Forces"): "Russian forces" and "Russian army" are it.
  const armedForces = new Map<string, string>();
  for (const o of names.organizations)
    if (
      o.kind === 'military' &&
      o.country &&
      !armedForces.has(o.country) &&
      [o.name, ...o.aliases].some((n) => /\b(?:[Aa]rmy|[Aa]rmed [Ff]orces|[Mm]ilitary)\b/.test(n)) &&
      !/\b(?:[Aa]ir [Ff]orce|[Nn]avy|[Nn]aval|[Gg]uard|[Pp]olice)\b/.test(o.name)
    )
      armedForces.set(o.country, o.name);
  const officeHolders = new OfficeHolders(names.people, new Set(names.givenNamePeople), lexicon, givenNames);

  const compile = (corrections: readonly Correction[]): CompiledCorrections => {
    const overlay = new Lexicon();
    const rejectedNames = new Set<string>();
    const rejectedPlaces = new Set<string>();
    const displayNames = new Map<string, string>();
    // Added names first, so an alias may point at a name added by another correction.
    const addedPeople = new Map<string, Person>();
    const addedOrgs = new Map<string, Organization>();
    for (const c of corrections) {
      if (c.field !== 'name' || c.action !== 'add') continue;
      const t = c.target;
      if (t.kind === 'person') {
        const person: Person = {
          name: t.name,
          aliases: [],
          ...(t.role !== undefined && { role: t.role }),
          ...(t.country !== undefined && { country: t.country }),
        };
        addedPeople.set(t.name, person);
        overlay.add(c.surface, { kind: 'person', person });
        if (t.name !== c.surface) overlay.add(t.name, { kind: 'person', person });
      } else {
        const org: Organization = {
          name: t.name,
          aliases: [],
          kind: 'political',
          ...(t.country !== undefined && { country: t.country }),
        };
        addedOrgs.set(t.name, org);
        overlay.add(c.surface, { kind: 'org', org });
        if (t.name !== c.surface) overlay.add(t.name, { kind: 'org', org });
      }
    }
    for (const c of corrections) {
      if (c.field === 'name' && c.action === 'reject') rejectedNames.add(c.surface);
      else if (c.field === 'place' && c.action === 'reject') rejectedPlaces.add(c.surface);
      else if (c.field === 'place' && c.action === 'choose')
        overlay.add(c.surface, placeFromChoice(c.target));
      else if (c.field === 'display') {
        // The new spelling finds the place too; the old ones still do, from the gazetteer.
        const { place, name } = c.target;
        displayNames.set(placeKey({ ...place, country: place.iso2 }), name);
        if (name !== place.name) overlay.add(name, placeFromChoice(place));
      } else if (c.field === 'name' && c.action === 'alias') {
        const { kind, name } = c.target;
        if (kind === 'person') {
          const person = curatedPeople.get(name) ?? addedPeople.get(name);
          if (person) overlay.add(c.surface, { kind: 'person', person });
        } else {
          const org = curatedOrgs.get(name) ?? addedOrgs.get(name);
          if (org) overlay.add(c.surface, { kind: 'org', org });
        }
      }
    }
    return { overlay, rejectedNames, rejectedPlaces, displayNames };
  };

  const candidateOf = (entry: LexEntry): PlaceCandidate | undefined => {
    if (entry.kind === 'country')
      return entry.demonym ? undefined : { kind: 'country', ...entry.country, admin1Code: '', population: 0 };
    if (entry.kind !== 'place') return undefined;
    const { place } = entry;
    const region = place.kind === 'city' ? gazetteer.regions.get(`${place.iso2}.${place.admin1Code}`) : place;
    return {
      kind: place.kind,
      name: place.name,
      iso2: place.iso2,
      admin1Code: place.admin1Code,
      ...(region && { admin1: region.name }),
      lat: place.lat,
      lon: place.lon,
      population: place.population,
    };
  };

  return {
    versions: names.versions,
    enrich(loud, options) {
      // in a shouted headline a word stays in capitals when the lists know it so ("PKK"), or when it
      // looks like an acronym and is neither a word nor a name in title case ("CTSAMM", "GSA"; not
      // "MOROBO"): an acronym no list knows
      const text = unshout(loud, (word) => {
        if (lexicon.get(word) !== undefined) return true;
        const titled = titleCased(word);
        const acronymLike = word.length <= 4 || /[^AEIOUY]{3}|^[^AEIOUY]+$/.test(word);
        return acronymLike && !commonWords.has(word.toLowerCase()) && lexicon.get(titled) === undefined;
      });
      storyCountries = options.storyCountries ?? [];
      const { imported, ...prepared } = prepare(
        text,
        options.corrections,
        options.importedPlaces,
        options.storyPeople,
      );
      const reference = referenceOf(options.published);
      const sitting = officeHolderMentions(
        text,
        prepared.tokens,
        prepared.mentions,
        officeHolders.on(reference.instant.toISOString().slice(0, 10)),
        commonWords,
      );
      if (sitting.length > 0) {
        const heads = withoutRejected(sitting, options.corrections);
        const displaced = (m: Resolved) =>
          m.kind === 'place' && heads.some((h) => h.match.start < m.match.end && h.match.end > m.match.start);
        prepared.mentions = [...prepared.mentions.filter((m) => !displaced(m)), ...heads].sort(
          (a, b) => a.match.start - b.match.start,
        );
      }
      const context: EnrichContext = {
        text,
        ...prepared,
        patternNames: findPatternNames(
          text,
          prepared.tokens,
          prepared.mentions,
          givenNames,
          options.storyPeople,
          (word) => lexicon.get(word) !== undefined,
          (iso2) => armedForces.get(iso2),
          commonWords,
          (word) => lexicon.get(word)?.some((e) => e.kind === 'place') ?? false,
        ),
        reference,
        gazetteer,
        findPlaces: (surface) =>
          placesOf([...(lexicon.get(surface) ?? []), ...(imported?.get(surface) ?? [])]),
        result: {},
      };
      // A country's name that opens a person's name ("Salvador Bastida Garcia") names no country.
      const inPerson = (m: Resolved) =>
        m.kind === 'country' &&
        context.patternNames.some(
          (p) => p.kind === 'person' && p.start <= m.match.start && p.end >= m.match.end,
        );
      if (context.mentions.some(inPerson)) context.mentions = context.mentions.filter((m) => !inPerson(m));
      for (const extractor of extractors)
        (context.result as Record<string, unknown>)[extractor.field] = extractor.extract(context);
      const r = context.result;
      const enrichment: Enrichment = {
        people: r.people ?? [],
        organizations: r.organizations ?? [],
        countries: r.countries ?? [],
        places: r.places ?? [],
        dates: r.dates ?? [],
        events: r.events ?? [],
        contacts: r.contacts ?? [],
      };
      const displayNames = options.corrections?.displayNames;
      const spelled = text === loud ? enrichment : spelledAsWritten(enrichment, text, loud);
      return displayNames ? applyDisplayNames(spelled, displayNames) : spelled;
    },
    suggest(text, corrections) {
      const { tokens, mentions } = prepare(text, corrections);
      const suggestions = suggestNames(tokens, mentions);
      return corrections
        ? suggestions.filter((s) => !corrections.rejectedNames.has(normaliseSurface(s.text)))
        : suggestions;
    },
    compile,
    townsWithin: (box, limit) => gazetteer.townsWithin(box, limit),
    placeCandidates(name, limit = 12, corrections, imported) {
      const key = normaliseSurface(name);
      const towns = townsSpelled([key]);
      const entries = [
        ...(corrections?.overlay.get(key) ?? []),
        ...(lexicon.get(key) ?? []),
        ...[...towns.surfaces()].flatMap(([, found]) => found),
        ...((imported && newPlaces(imported, lexicon, towns).get(key)) ?? []),
      ];
      const seen = new Set<string>();
      const out: PlaceCandidate[] = [];
      for (const entry of entries) {
        const candidate = candidateOf(entry);
        if (!candidate) continue;
        const id = `${candidate.kind}:${candidate.iso2}:${candidate.name}:${candidate.lat}:${candidate.lon}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(candidate);
      }
      const rank = (c: PlaceCandidate) =>
        (c.kind === 'country' ? 1e12 : c.kind === 'region' ? 1e9 : 0) + c.population;
      return out.sort((a, b) => rank(b) - rank(a)).slice(0, limit);
    },
    findNames(query, limit = 10, corrections) {
      const q = query
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, ' ');
      if (q.length < 2) return [];
      const out = new Map<string, NameCandidate>();
      const consider = (kind: 'person' | 'organization', entity: Person | Organization) => {
        if (out.size >= limit) return;
        const hit = [entity.name, ...entity.aliases].some((n) =>
          n
            .toLowerCase()
            .split(/[\s-]+/)
            .some((_, i, words) => words.slice(i).join(' ').startsWith(q)),
        );
        if (!hit) return;
        const role = kind === 'person' ? (entity as Person).role : undefined;
        out.set(`${kind}:${entity.name}`, {
          kind,
          name: entity.name,
          ...(role !== undefined && { role }),
          ...(entity.country !== undefined && { country: entity.country }),
        });
      };
      const added = corrections ? [...addedNames(corrections.overlay)] : [];
      for (const e of added) if (e.kind === 'person') consider('person', e.person);
      for (const e of added) if (e.kind === 'org') consider('organization', e.org);
      for (const person of names.people) consider('person', person);
      for (const org of names.organizations) consider('organization', org);
      return [...out.values()];
    },
  };
}

/** The person editors added under `name`, if any. */
function addedPerson(overlay: Lexicon, name: string): Person | undefined {
  for (const entry of overlay.get(name) ?? [])
    if (entry.kind === 'person' && entry.person.name === name) return entry.person;
  return undefined;
}

/** The people and organisations in an overlay of corrections. */
function* addedNames(overlay: Lexicon): Iterable<Extract<LexEntry, { kind: 'person' | 'org' }>> {
  for (const entry of overlay.all()) if (entry.kind === 'person' || entry.kind === 'org') yield entry;
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
