/**
 * GeoNames dump lines (https://download.geonames.org/export/dump/readme.txt) parsed into the rows
 * Dateline keeps: which features, which spellings. Pure functions; the streaming and the database
 * are in geonames-import.ts.
 */
import { spellingVariants } from '../spelling.ts';
import { officialName } from './official-names.ts';

/** A GeoNames feature kept in the deployment's gazetteer. */
export interface GeonamesPlace {
  geonameId: number;
  name: string;
  iso2: string;
  admin1Code: string;
  admin2Code: string;
  featureClass: string;
  featureCode: string;
  lat: number;
  lon: number;
  population: number;
}

/** One spelling of a place, as text may write it. */
export interface GeonamesName {
  name: string;
  geonameId: number;
}

/** An admin area's name by its code ("SD.01" or "SD.01.12345"). */
export interface GeonamesAdminCode {
  code: string;
  name: string;
  geonameId: number;
}

/**
 * Feature classes and codes kept, and why. Conflict reporting names villages, districts, camps, bases,
 * crossings, mountains and wadis; it rarely names hotels, farms or streams, and every kept name is a
 * chance of a false place, so the list is closed rather than "everything but".
 * - P (populated places): all codes, including PPLW (destroyed) and PPLQ (abandoned) villages, which war
 *   reporting names; except PPLH (historical) and PPLCH (historical capital).
 * - A (admin areas): ADM1–ADM3 and ADMD (provinces, districts, sub-districts); not PCL* (countries
 *   are built in) nor ADM4/ADM5 (neighbourhood-level units that mostly repeat a village's name).
 * - S (spots): camps (CMP, CMPRF refugee camps, CMPMN), airports and air bases (AIRP, AIRB, AIRF),
 *   military installations (INSM), border posts (PSTB), dams (DAM), ports (PRT).
 * - T (terrain): mountains and ranges (MT, MTS, PK, HLL), passes (PASS), valleys (VAL), oases (OAS),
 *   islands (ISL).
 * - H (water): wadis (WAD, WADS), which are front lines and fuel routes in the Sahel and Yemen.
 */
export const KEPT_FEATURES: Record<string, 'all' | ReadonlySet<string>> = {
  P: 'all',
  A: new Set(['ADM1', 'ADM2', 'ADM3', 'ADMD']),
  S: new Set(['CMP', 'CMPRF', 'CMPMN', 'AIRP', 'AIRB', 'AIRF', 'INSM', 'PSTB', 'DAM', 'PRT']),
  T: new Set(['MT', 'MTS', 'PK', 'HLL', 'PASS', 'VAL', 'OAS', 'ISL']),
  H: new Set(['WAD', 'WADS']),
};
const DROPPED_P = new Set(['PPLH', 'PPLCH']);

/** Whether a feature of this class and code is kept. */
export function isKeptFeature(featureClass: string, featureCode: string): boolean {
  const kept = KEPT_FEATURES[featureClass];
  if (kept === undefined) return false;
  if (kept === 'all') return !DROPPED_P.has(featureCode);
  return kept.has(featureCode);
}

// Only spellings in Latin script can be matched in English copy (the matcher needs a capital letter
// first), and they are a fraction of GeoNames' alternate names: the rest would only fill the index.
const LATIN_NAME = /^[\p{Lu}\p{N}][\p{Script=Latin}\p{N}\p{M} '’.,()-]*$/u;

/** Whether a spelling can appear in English text and be matched there. */
export function isMatchableName(name: string): boolean {
  return name.length >= 2 && name.length <= 120 && LATIN_NAME.test(name);
}

/**
 * The spellings of `names` that English copy may use: each as written and its news variants (no
 * diacritics, "Al-"/"Al " article forms: see spellingVariants), Latin script only.
 */
export function matchableSpellings(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (isMatchableName(trimmed)) out.add(trimmed);
    for (const variant of spellingVariants(trimmed)) if (isMatchableName(variant)) out.add(variant);
  }
  return [...out];
}

/** What one line of a dump is: a row to keep, a valid row of a kind not kept, or not a GeoNames row. */
export type Parsed<T> = { kind: 'row'; row: T } | { kind: 'skipped' } | { kind: 'bad' };

const BAD = { kind: 'bad' } as const;
const SKIPPED = { kind: 'skipped' } as const;

/** A line of a places dump (a country file, allCountries, cities500…): 19 tab-separated columns. */
export function parsePlaceLine(line: string): Parsed<{ place: GeonamesPlace; names: string[] }> {
  const f = line.split('\t');
  if (f.length < 19) return BAD;
  const [id, name, ascii, alternates, lat, lon, featureClass, featureCode, iso2, , admin1, admin2] = f;
  const geonameId = Number(id);
  const latitude = Number(lat);
  const longitude = Number(lon);
  if (!Number.isSafeInteger(geonameId) || geonameId <= 0 || !name || !iso2 || !/^[A-Z]{2}$/.test(iso2))
    return BAD;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90) return BAD;
  if (!isKeptFeature(featureClass ?? '', featureCode ?? '')) return SKIPPED;
  const population = Number(f[14]);
  const others = alternates ? alternates.split(',') : [];
  const names = matchableSpellings([name, ascii ?? '', ...others]);
  const place: GeonamesPlace = {
    geonameId,
    // As the built-in gazetteer: the official romanisation where the country sets one.
    name: officialName(iso2, name, others),
    iso2,
    admin1Code: admin1 ?? '',
    admin2Code: admin2 ?? '',
    featureClass: featureClass ?? '',
    featureCode: featureCode ?? '',
    lat: latitude,
    lon: longitude,
    population: Number.isSafeInteger(population) && population > 0 ? Math.min(population, 2 ** 31 - 1) : 0,
  };
  return { kind: 'row', row: { place, names } };
}

// alternateNamesV2 "languages" that are not spellings: links, postcodes, airport codes, ids.
const NOT_SPELLINGS = new Set(['link', 'wkdt', 'post', 'iata', 'icao', 'faac', 'tcid', 'unlc', 'abbr']);

/**
 * A line of alternateNamesV2.txt (or alternateNames.txt): id, geonameid, language, name, then flags.
 * Historic names are kept ("Kharkov" is still written); codes and links are not.
 */
export function parseAlternateLine(line: string): Parsed<GeonamesName[]> {
  const f = line.split('\t');
  if (f.length < 4) return BAD;
  const [, id, language, name] = f;
  const geonameId = Number(id);
  if (!Number.isSafeInteger(geonameId) || geonameId <= 0 || name === undefined) return BAD;
  if (NOT_SPELLINGS.has(language ?? '')) return SKIPPED;
  const spellings = matchableSpellings([name]);
  if (spellings.length === 0) return SKIPPED;
  return { kind: 'row', row: spellings.map((spelling) => ({ name: spelling, geonameId })) };
}

/** A line of admin1CodesASCII.txt or admin2Codes.txt: code, name, ASCII name, geonameid. */
export function parseAdminCodeLine(line: string): Parsed<GeonamesAdminCode> {
  const f = line.split('\t');
  if (f.length < 4) return BAD;
  const [code, name, , id] = f;
  const geonameId = Number(id);
  if (!code || !/^[A-Z]{2}\.[^.]+(?:\.[^.]+)?$/.test(code) || !name || !Number.isSafeInteger(geonameId))
    return BAD;
  return { kind: 'row', row: { code, name, geonameId } };
}
