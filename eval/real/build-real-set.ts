/**
 * Builds the real-text evaluation set (eval/real/ged-sample.jsonl) from the 1,000-event sample
 * of UCDP GED 23.1 that the CRAN package uncertainUCDP ships (data/ucdpged.rda), exported to TSV
 * with the Rscript line in eval/README.md. The gold is derived from UCDP's own coding by the
 * rules written in eval/README.md ("Real-text set"), plus the hand-listed people in people.json.
 *
 *   node --import tsx eval/real/build-real-set.ts /path/to/ucdpged.tsv
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldDiacritics } from '../../src/enrich/spelling.ts';
import type { RealItem } from './run-real-eval.ts';
import { listedOrganisations } from './listed-organisations.ts';
import { splitOf } from './split-of.ts';
import { bare, findSpan, headlineParts, skeleton } from './ucdp-text.ts';

const here = import.meta.dirname;
/**
 * The gold reads the gazetteer as it was when the set was annotated (the 1,000+ cities file), so
 * that growing the shipped gazetteer cannot turn the system's own new pins into "other places"
 * that are never penalised. Read from git: the clone must have this commit.
 */
const GOLD_GAZETTEER_COMMIT = '0fc19e6';
const gazetteerFile = (file: string) =>
  execFileSync('git', ['show', `${GOLD_GAZETTEER_COMMIT}:data/gazetteer/${file}`], {
    cwd: here,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

type Row = Record<string, string>;
// --pool OUT: a tuning pool from another GED export (all dev), without the sample's events, one item
// per distinct text (events reported by the same headlines share it, with their places).
const args = process.argv.slice(2);
const poolAt = args.indexOf('--pool');
const poolOut = poolAt >= 0 ? args.splice(poolAt, 2)[1] : undefined;
const source = args[0];
if (!source || poolAt >= 0 !== Boolean(poolOut))
  throw new Error('usage: build-real-set.ts [--pool OUT.jsonl] ucdpged.tsv');
const inSample = new Set(
  poolOut
    ? readFileSync(join(here, 'split.tsv'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[0])
    : [],
);
const lines = readFileSync(source, 'utf8').split('\n').filter(Boolean);
const header = (lines[0] ?? '').split('\t');
const rows: Row[] = lines.slice(1).map((l) => {
  const cells = l.split('\t');
  return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
});

const countryCodes = new Map<string, string>();
const demonyms = new Map<string, string>();
for (const line of gazetteerFile('countries.tsv').split('\n')) {
  const [iso2, name, , , alt, dem] = line.split('\t');
  if (!iso2 || !name) continue;
  countryCodes.set(name, iso2);
  for (const a of (alt ?? '').split('|')) if (a) countryCodes.set(a, iso2);
  for (const d of (dem ?? '').split('|')) if (d) demonyms.set(iso2, d);
}
const GED_COUNTRY: Record<string, string> = {
  'DR Congo (Zaire)': 'CD',
  'Myanmar (Burma)': 'MM',
  'Yemen (North Yemen)': 'YE',
  'Russia (Soviet Union)': 'RU',
  'Serbia (Yugoslavia)': 'RS',
  'Cambodia (Kampuchea)': 'KH',
  'Bosnia-Herzegovina': 'BA',
  'Ivory Coast': 'CI',
  'Kingdom of eSwatini (Swaziland)': 'SZ',
  'Macedonia, FYR': 'MK',
  'United States of America': 'US',
};
const isoOf = (gedName: string) => GED_COUNTRY[gedName] ?? countryCodes.get(gedName) ?? '';
const admin1 = gazetteerFile('admin1.tsv')
  .split('\n')
  .map((l) => l.split('\t'))
  .filter((c) => c.length >= 5)
  .map(([, iso2, name, lat, lon, alt]) => ({
    iso2: iso2 ?? '',
    names: [name ?? '', ...(alt ?? '').split('|')].filter(Boolean),
    lat: Number(lat),
    lon: Number(lon),
  }));
function admin1Point(iso2: string, name: string): { lat: number; lon: number } | undefined {
  const k = skeleton(bare(name));
  return admin1.find((a) => a.iso2 === iso2 && a.names.some((n) => skeleton(n) === k));
}

/** Every name GeoNames gives a place in each country (cities, admin-1 and their variants). */
const namesIn = new Map<string, Set<string>>();
const addName = (iso2: string, name: string) => {
  if (!namesIn.has(iso2)) namesIn.set(iso2, new Set());
  namesIn.get(iso2)?.add(foldDiacritics(name).toLowerCase());
};
for (const a of admin1) for (const n of a.names) addName(a.iso2, n);
for (const line of gazetteerFile('cities.tsv').split('\n')) {
  const [name, iso2, , , , , alt] = line.split('\t');
  if (!name || !iso2) continue;
  addName(iso2, name);
  for (const n of (alt ?? '').split('|')) if (n) addName(iso2, n);
}
// GeoNames' first-level areas of Burkina Faso are its 13 regions (since 2001); the gazetteer of
// 0fc19e6 had only the 45 provinces under them. By the rule "names GeoNames knows in the event's
// country", a region a text names is an other place (set fix of 6 December 2026, eval/README.md).
for (const n of [
  'Boucle du Mouhoun',
  'Cascades',
  'Centre',
  'Centre-Est',
  'Centre-Nord',
  'Centre-Ouest',
  'Centre-Sud',
  'Est',
  'Hauts-Bassins',
  'Nord',
  'Plateau-Central',
  'Sahel',
  'Sud-Ouest',
])
  addName('BF', n);
for (const line of gazetteerFile('news-aliases.tsv').split('\n')) {
  const [alias, , iso2] = line.split('\t');
  if (alias && iso2) addName(iso2, alias);
}
// By the annotation rules these are never places by themselves.
const NEVER_PLACES =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|north|south|east|west|northern|southern|eastern|western|central|upper|lower|the|a|an|in|at|on|of|by|two|three|four|five|six|seven|eight|nine|ten|one|more|at least|about|police|army|forces|security|union|independence|unity|liberty|victoria|hope|progress|mercy|capital|centre|center|coast)$/;
const ARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an)-(?=\p{Lu})/u;
/** Capitalised spans naming a place that GeoNames knows in `iso2`, other than the rules exclude. */
function gazetteerPlaces(text: string, iso2: string, orgs: string[]): string[] {
  const known = namesIn.get(iso2);
  if (!known) return [];
  const out: string[] = [];
  const words = [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  for (let i = 0; i < words.length; i++)
    for (let len = 3; len >= 1; len--) {
      const first = words[i];
      const last = words[i + len - 1];
      if (!first || !last || first.index === undefined || last.index === undefined) continue;
      // A capital, or a lowercase Arabic article before one ("al-Raqqah", "ad-Dali"): the article
      // is part of the name, and the gazetteer may spell it with or without.
      const article = ARTICLE.exec(first[0]);
      if (!/^\p{Lu}/u.test(first[0]) && !article) continue;
      const span = text.slice(first.index, last.index + last[0].length);
      const key = foldDiacritics(span)
        .toLowerCase()
        .replace(/['’]s$/, '');
      const bare = article ? key.slice(article[0].length) : key;
      if (/[;.,:]/.test(span) || NEVER_PLACES.test(key) || !(known.has(key) || known.has(bare))) continue;
      if (orgs.some((o) => o.includes(span))) continue;
      out.push(span);
      i += len - 1;
      break;
    }
  return out;
}

interface GoldPlace {
  matched: string;
  kind: 'town' | 'district' | 'region';
  country: string;
  lat: number;
  lon: number;
}

// ---- organisations ------------------------------------------------------------------------
/** News spellings of UCDP actors (UCDP names on the left), written from the public record. */
const ACTOR_SPELLINGS: Record<string, string[]> = JSON.parse(
  readFileSync(join(here, 'actor-spellings.json'), 'utf8'),
).actors;
// A country's forces as the issue defines them: "<demonym> army / forces / air force" and "<Country>
// army" (not "troops").
const FORCE_WORDS =
  '(?:[Aa]rmy|[Aa]rmed [Ff]orces|[Ss]ecurity [Ff]orces|[Ff]orces|[Mm]ilitary|[Pp]olice|[Aa]ir [Ff]orce|[Nn]avy)';
// Organisations in Dateline's shipped list count as organisations when the text names them.
const LISTED = listedOrganisations(here);

/** Organisations the text names: any UCDP actor's news spelling, and any country's forces. */
function orgSpans(text: string): string[] {
  const out = new Set<string>();
  const consider = (re: RegExp) => {
    for (const m of text.matchAll(re)) out.add(m[0].trim());
  };
  for (const spellings of [...Object.values(ACTOR_SPELLINGS), LISTED]) {
    for (const spelling of spellings)
      consider(
        new RegExp(`(?<![\\p{L}-])${spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu'),
      );
  }
  for (const dem of demonyms.values()) consider(new RegExp(`\\b${dem} ${FORCE_WORDS}\\b`, 'g'));
  // "Egypt police", "Mali's army": issue 13 names "<Country> army" among the forces missed.
  for (const name of countryCodes.keys())
    if (/^\p{Lu}[\p{L} ]+$/u.test(name)) consider(new RegExp(`\\b${name}(?:['’]s)? ${FORCE_WORDS}\\b`, 'gu'));
  return [...out];
}

// ---- dates --------------------------------------------------------------------------------
const DATE_TEXT =
  /\b(?:(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: night| morning)?|yesterday|last night|overnight)\b/i;

// ---- build --------------------------------------------------------------------------------
const people: Record<string, string[]> = JSON.parse(readFileSync(join(here, 'people.json'), 'utf8')).people;
type Extra = { organizations?: string[]; people?: string[]; otherPlaces?: string[] };
const extra: Record<string, Extra> = JSON.parse(readFileSync(join(here, 'extra-gold.json'), 'utf8')).items;
const union = (a: string[], b: string[] | undefined) => [...new Set([...a, ...(b ?? [])])];
type Item = RealItem & { people: string[]; organizations: string[] };
const items: Item[] = [];
for (const r of rows) {
  if (inSample.has(`ged-${r.id}`)) continue;
  const parts = headlineParts(r.source_headline ?? '');
  if (parts.length === 0) continue;
  const text = parts.map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' ');
  const iso2 = isoOf(r.country ?? '');
  const lat = Number(r.latitude);
  const lon = Number(r.longitude);
  const prec = Number(r.where_prec);
  const places: GoldPlace[] = [];
  const add = (name: string, kind: GoldPlace['kind'], at: { lat: number; lon: number } | undefined) => {
    const span = findSpan(text, bare(name), Boolean(poolOut));
    if (span && skeleton(span) === skeleton(r.country ?? '')) return;
    if (!span || !at || places.some((p) => p.matched === span)) return;
    places.push({ matched: span, kind, country: iso2, lat: at.lat, lon: at.lon });
  };
  const point = { lat, lon };
  if (r.where_coordinates) {
    const kind = prec <= 2 ? 'town' : prec === 3 ? 'district' : 'region';
    add(r.where_coordinates, kind, point);
  }
  if (r.adm_2) add(r.adm_2, 'district', prec <= 3 ? point : undefined);
  if (r.adm_1) add(r.adm_1, 'region', admin1Point(iso2, r.adm_1) ?? (prec === 4 ? point : undefined));
  // Places UCDP names in its description but does not code: neither rewarded nor penalised.
  const otherPlaces = [...(r.where_description ?? '').matchAll(/\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)*/gu)]
    .map((m) => findSpan(text, bare(m[0])))
    .filter((s): s is string => s !== undefined && !places.some((p) => p.matched === s));
  const organizations = orgSpans(text);
  otherPlaces.push(
    ...gazetteerPlaces(text, iso2, organizations).filter(
      (s) => !places.some((p) => p.matched === s || p.matched.includes(s) || s.includes(p.matched)),
    ),
  );
  const published = `${(r.source_date ?? '').split(';')[0] || r.date_end}`.slice(0, 10);
  const dateText = DATE_TEXT.exec(text)?.[0];
  // Relative dates are annotated only when every source UCDP cites is of the same day.
  const sourceDays = new Set((r.source_date ?? '').split(';').map((d) => d.trim().slice(0, 10)));
  const id = `ged-${r.id}`;
  const more = extra[id] ?? {};
  items.push({
    id,
    split: splitOf(id),
    country: iso2,
    published: `${published}T12:00:00Z`,
    text,
    people: union(people[id] ?? [], more.people),
    organizations: union(organizations, more.organizations),
    places,
    otherPlaces: union(otherPlaces, more.otherPlaces),
    dates:
      dateText &&
      sourceDays.size === 1 &&
      r.date_prec === '1' &&
      r.date_start === r.date_end &&
      published !== r.date_start
        ? [{ text: dateText, start: r.date_start ?? '', end: r.date_end ?? '' }]
        : [],
  });
}
if (poolOut) {
  const byText = new Map<string, Item>();
  const sampleTexts = new Set(
    readFileSync(join(here, 'ged-sample.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as Item).text),
  );
  for (const item of items) {
    if (sampleTexts.has(item.text)) continue;
    const first = byText.get(item.text);
    if (!first) {
      byText.set(item.text, { ...item, split: 'dev' });
      continue;
    }
    for (const p of item.places) if (!first.places.some((q) => q.matched === p.matched)) first.places.push(p);
    first.organizations = union(first.organizations, item.organizations);
    first.otherPlaces = union(first.otherPlaces, item.otherPlaces);
    first.dates = []; // several events, several days
  }
  const pool = [...byText.values()];
  for (const item of pool)
    item.otherPlaces = item.otherPlaces.filter(
      (s) => !item.places.some((p) => p.matched === s || p.matched.includes(s) || s.includes(p.matched)),
    );
  writeFileSync(poolOut, pool.map((i) => JSON.stringify(i)).join('\n') + '\n');
  console.log(
    `tuning pool: ${pool.length} texts from ${rows.length} events (the sample's left out), ` +
      `places ${pool.reduce((n, i) => n + i.places.length, 0)} -> ${poolOut}`,
  );
  process.exit(0);
}
const out = join(here, 'ged-sample.jsonl');
writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 'split.tsv'),
  'id\tsplit\n' + items.map((i) => `${i.id}\t${i.split}`).join('\n') + '\n',
);
const countries = new Set(items.map((i) => i.country));
console.log(
  `${items.length} texts, ${countries.size} countries, dev ${items.filter((i) => i.split === 'dev').length}, ` +
    `places ${items.reduce((n, i) => n + i.places.length, 0)}, orgs ${items.reduce((n, i) => n + i.organizations.length, 0)}, ` +
    `dates ${items.reduce((n, i) => n + i.dates.length, 0)} -> ${out}`,
);
