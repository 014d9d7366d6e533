/**
 * `node --import tsx bench/geonames-scale.ts OUT.txt [--places N] [--skipped SHARE]`: writes a synthetic
 * GeoNames places dump at allCountries' scale, to measure how `dateline gazetteer import` and the
 * per-text look-ups in the imported places scale (bench/README.md, "allCountries' scale").
 *
 * Synthetic because allCountries.zip cannot be downloaded here (benches never call the internet). The
 * file has GeoNames' own format (19 tab-separated columns, readme.txt of the dump) and allCountries'
 * size in the rows the importer keeps (src/enrich/places/geonames.ts, KEPT_FEATURES): N kept lines
 * (default 6 million) in roughly allCountries' mix of feature codes, plus SHARE (default 0.05) of lines
 * of codes it skips, so the skip path runs. The names are syllables, not real places: it measures
 * scale (time, memory, disk, look-up cost), not what an import finds in real text.
 *
 * Deterministic: a seeded PRNG (no Math.random), so two runs write the same bytes. Streamed: a few
 * thousand lines at a time, never the whole file in memory (allCountries is 1.5 GB).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';

const out = process.argv[2];
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const PLACES = option('--places', 6_000_000);
const SKIPPED_SHARE = option('--skipped', 0.05);
if (!out || out.startsWith('--') || !(PLACES > 0) || !(SKIPPED_SHARE >= 0 && SKIPPED_SHARE < 1)) {
  console.error('usage: node --import tsx bench/geonames-scale.ts OUT.txt [--places N] [--skipped SHARE]');
  process.exit(2);
}

// mulberry32: small, fast and good enough to spread names and coordinates; the seed is fixed.
let seed = 13;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

/** Picks a key of `weights` in proportion to its weight. */
function weighted<K>(weights: readonly (readonly [K, number])[]): () => K {
  const total = weights.reduce((n, [, w]) => n + w, 0);
  return () => {
    let r = random() * total;
    for (const [key, w] of weights) if ((r -= w) < 0) return key;
    return weights[weights.length - 1]![0];
  };
}

// Kept feature codes, in thousands of allCountries lines (rough counts from GeoNames' statistics page:
// populated places dominate, then terrain; admin areas ADM1–3 are a few percent).
const keptCode = weighted<string>([
  ['P.PPL', 4000], ['P.PPLX', 150], ['P.PPLL', 150], ['P.PPLQ', 60], ['P.PPLA4', 60], ['P.PPLA3', 30],
  ['P.PPLA2', 40], ['P.PPLW', 20], ['P.PPLS', 20], ['P.PPLF', 10], ['P.PPLA', 4], ['P.PPLC', 0.25],
  ['A.ADM1', 4], ['A.ADM2', 50], ['A.ADM3', 150], ['A.ADMD', 20],
  ['T.HLL', 500], ['T.MT', 450], ['T.PK', 90], ['T.MTS', 50], ['T.PASS', 30], ['T.VAL', 130],
  ['T.ISL', 150], ['T.OAS', 3],
  ['S.AIRP', 40], ['S.AIRF', 30], ['S.AIRB', 1], ['S.DAM', 70], ['S.CMP', 30], ['S.CMPRF', 1],
  ['S.CMPMN', 5], ['S.INSM', 15], ['S.PSTB', 3], ['S.PRT', 5],
  ['H.WAD', 60], ['H.WADS', 8],
]); // prettier-ignore
// Codes the importer reads and skips: streams, lakes, hotels, schools, localities, roads, forests…
const skippedCode = weighted<string>([
  ['H.STM', 30], ['H.LK', 10], ['S.HTL', 10], ['S.SCH', 10], ['S.CH', 5], ['L.LCTY', 8], ['R.RD', 3],
  ['V.FRST', 3], ['T.CAPE', 3], ['P.PPLH', 2], ['A.ADM4', 3], ['A.ADM2H', 1],
]); // prettier-ignore

// Real countries (ISO2) with a rough box around each centroid from its area, and a share of the
// places that grows with the area (allCountries is uneven too).
interface Country {
  cca2: string;
  latlng: [number, number];
  area: number;
  region: string;
  capital: string[];
}
const countries = (createRequire(import.meta.url)('world-countries') as Country[]).map((c) => {
  const halfKm = Math.max(5, Math.sqrt(Math.max(c.area, 1)) / 2);
  const halfLat = Math.min(halfKm / 111, 30);
  const halfLon = Math.min(halfKm / (111 * Math.max(0.2, Math.cos((c.latlng[0] * Math.PI) / 180))), 60);
  // GeoNames' admin1 codes: two digits in most countries ("UA.11"), letters in the US and Switzerland.
  const admin1s = Math.max(1, Math.min(50, Math.round(Math.sqrt(c.area) / 60)));
  const letters = c.cca2 === 'US' || c.cca2 === 'CH';
  const tz = `${c.region || 'Etc'}/${(c.capital[0] ?? 'UTC').replace(/[^A-Za-z]+/g, '_')}`;
  return { ...c, halfLat, halfLon, admin1s, letters, tz };
});
const weights = countries.map((c) => Math.pow(Math.max(c.area, 1), 0.6));
const totalWeight = weights.reduce((n, w) => n + w, 0);
const country = weighted(countries.map((c, i) => [i, weights[i]!] as const));

// Names: syllables (two or three a word) into 1–4 words, some with a diacritic, an Arabic article or a
// connector ("Bir al Hamra", "Nová Selo"), so the importer's spelling variants (no diacritics, article
// forms) run. Alternate spellings: changed vowels, suffixes, other names, and a fifth in Cyrillic,
// which the importer drops as it drops GeoNames' non-Latin spellings.
// prettier-ignore
const ONSETS = ['b', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'sh', 'kh', 'tr', 'br', 'st', ''];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'o', 'ia', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'k', 'v', 'm', 't'];
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', y: 'ý' };
const CONNECTORS = ['al', 'el', 'de', 'na', 'da', 'an', 'ad'];
const ARTICLES = ['Al-', 'El ', 'Ad-', 'An '];
// prettier-ignore
const CYRILLIC: Record<string, string> = { a: 'а', b: 'б', d: 'д', e: 'е', k: 'к', o: 'о', r: 'р', s: 'с', t: 'т' };
const wordCount = weighted<number>([[1, 55], [2, 28], [3, 12], [4, 5]]); // prettier-ignore

function word(): string {
  let w = '';
  for (let s = 2 + int(2); s > 0; s--) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
  return w.charAt(0).toUpperCase() + w.slice(1);
}
function placeName(): string {
  const n = wordCount();
  const words = Array.from({ length: n }, (_, i) =>
    i > 0 && i < n - 1 && random() < 0.3 ? pick(CONNECTORS) : word(),
  );
  let name = (random() < 0.05 ? pick(ARTICLES) : '') + words.join(' ');
  if (random() < 0.15) name = name.replace(/[aeiouy](?=[^aeiouy]*$)/, (v) => ACCENTED[v] ?? v);
  return name;
}
/** Another spelling of `name`: mostly Latin (a changed vowel, a suffix), sometimes Cyrillic (dropped). */
function alternate(name: string): string {
  const r = random();
  if (r < 0.2) return name.toLowerCase().replace(/[abdekorst]/g, (ch) => CYRILLIC[ch] ?? ch);
  if (r < 0.5) return name + pick(['ka', 'ovo', 'iyah', 'skoye', 'pur', ' Kalan', ' Bala']);
  if (r < 0.8) return name.replace(/[aeiou]/, () => pick(['a', 'e', 'i', 'o', 'u', 'y']));
  return placeName();
}
const ascii = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '');
const population = () =>
  random() < 0.7 ? 0 : Math.min(30_000_000, Math.floor(20 / Math.pow(random(), 1.4)));

// Names repeat within a country as in GeoNames' own UA.txt (44% of its places share their name with
// another, 15% with nine or more; Ivanivka 107 times): 45% of the places take one of the country's
// common names (as many as a tenth of its places), low ranks far more often than high ones. A common
// name is built from its own seed, so it needs no memory. Without this, spans of English copy such as
// "He" or "Khan" matched a thousand synthetic places each, which no real dump does.
function commonName(countryIndex: number, rank: number): string {
  const saved = seed;
  seed = Math.imul(countryIndex + 1, 0x9e3779b1) ^ Math.imul(rank + 1, 0x85ebca6b);
  const name = placeName();
  seed = saved;
  return name;
}

let geonameId = 1_000_000;
function line(): string {
  const kept = random() >= SKIPPED_SHARE;
  const [featureClass, featureCode] = (kept ? keptCode() : skippedCode()).split('.') as [string, string];
  const ci = country();
  const c = countries[ci]!;
  geonameId += 1 + int(2);
  const common = Math.max(1, Math.round((0.1 * PLACES * weights[ci]!) / totalWeight));
  const name = random() < 0.45 ? commonName(ci, Math.floor(common * Math.pow(random(), 1.8))) : placeName();
  // ~40% of allCountries' rows list other spellings (1–8 here); the rest leave the column empty.
  const others = random() < 0.4 ? Array.from({ length: 1 + int(8) }, () => alternate(name)) : [];
  const lat = Math.max(-89.9, Math.min(89.9, c.latlng[0] + (random() * 2 - 1) * c.halfLat));
  const lon = ((c.latlng[1] + (random() * 2 - 1) * c.halfLon + 540) % 360) - 180;
  const a1 = 1 + int(c.admin1s);
  const admin1 = c.letters
    ? String.fromCharCode(65 + (a1 % 26), 65 + ((a1 * 7) % 26))
    : String(a1).padStart(2, '0');
  const admin2 = random() < 0.6 ? String(int(10 ** (3 + int(3)))).padStart(3, '0') : '';
  const pop = featureClass === 'P' || featureClass === 'A' ? population() : 0;
  const dem = featureClass === 'T' ? 200 + int(3000) : int(800);
  const modified = `20${String(12 + int(14))}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  // geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1–4, population,
  // elevation, dem, timezone, modification date
  return [
    geonameId, name, ascii(name), others.join(','), lat.toFixed(5), lon.toFixed(5), featureClass, featureCode,
    c.cca2, '', admin1, admin2, '', '', pop, '', dem, c.tz, modified,
  ].join('\t'); // prettier-ignore
}

const file = createWriteStream(out);
const lines = Math.round(PLACES / (1 - SKIPPED_SHARE));
const CHUNK = 5_000;
for (let done = 0; done < lines; done += CHUNK) {
  let text = '';
  for (let i = Math.min(CHUNK, lines - done); i > 0; i--) text += line() + '\n';
  if (!file.write(text)) await once(file, 'drain');
}
file.end();
await once(file, 'finish');
console.error(`${out}: ${lines} lines (about ${PLACES} of kept feature codes), last geonameid ${geonameId}`);
