/**
 * Builds the real-text evaluation set (eval/real/ged-sample.jsonl) from the 1,000-event sample
 * of UCDP GED 23.1 that the CRAN package uncertainUCDP ships (data/ucdpged.rda), exported to TSV
 * with the Rscript line in eval/README.md. The gold is derived from UCDP's own coding by the
 * rules written in eval/README.md ("Real-text set"), plus the hand-listed people in people.json.
 *
 *   node --import tsx eval/real/build-real-set.ts /path/to/ucdpged.tsv
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldDiacritics } from '../../src/enrich/spelling.ts';
import type { RealItem } from './run-real-eval.ts';
import { listedOrganisations } from './listed-organisations.ts';
import { withAnnotatedOrganisations } from './read-twice.ts';
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
// --fresh OUT: the seventh set, from other GED exports (HDX's per-country CSVs, netify's .rda as
// CSV): the sample's events left out, one item per distinct text, up to FRESH_PER_COUNTRY texts a
// country, split dev / held-out by id like the sample.
const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const poolOut = flag('--pool');
const freshOut = flag('--fresh');
const sources = args;
if (sources.length === 0 || (poolOut && freshOut))
  throw new Error('usage: build-real-set.ts [--pool OUT.jsonl | --fresh OUT.jsonl] ucdpged.tsv|events.csv…');
const otherExport = Boolean(poolOut ?? freshOut);
const inSample = new Set(
  otherExport
    ? readFileSync(join(here, 'split.tsv'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[0])
    : [],
);
/** GED rows of a TSV (the sample's R export) or a CSV (HDX's, with its HXL tag row; R's write.csv). */
function readRows(file: string): Row[] {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.csv')) {
    const lines = text.split('\n').filter(Boolean);
    const header = (lines[0] ?? '').split('\t');
    return lines.slice(1).map((l) => {
      const cells = l.split('\t');
      return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    });
  }
  // Exports differ in form: "15970.0" for 15970, "2009-07-26 00:00:00.000" for a day, "NA" for none.
  const number = (v: string | undefined) => (v && v !== 'NA' ? String(Number(v)) : '');
  const day = (v: string | undefined) => (v && v !== 'NA' ? v.slice(0, 10) : '');
  return (parse(text, { columns: true, relax_quotes: true }) as Row[])
    .filter((r) => /^\d/.test(r.id ?? ''))
    .map((r) => {
      const row: Row = {};
      for (const [k, v] of Object.entries(r)) row[k] = v === 'NA' ? '' : v.replace(/[\t\r\n]+/g, ' ');
      return {
        ...row,
        id: number(r.id),
        date_prec: number(r.date_prec),
        where_prec: number(r.where_prec),
        date_start: day(r.date_start),
        date_end: day(r.date_end),
      };
    });
}
const rows: Row[] = sources.flatMap(readRows);
// The seventh set reads several files: in id order, whatever order they come in.
if (freshOut) rows.sort((a, b) => Number(a.id) - Number(b.id));

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
// The sample was built without this one (its 7 Turkish texts have no country); it stays as printed.
const FRESH_COUNTRY: Record<string, string> = freshOut ? { Turkey: 'TR' } : {};
const isoOf = (gedName: string) =>
  GED_COUNTRY[gedName] ?? FRESH_COUNTRY[gedName] ?? countryCodes.get(gedName) ?? '';
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

/**
 * The seventh set's own actors: a non-state side UCDP coded, where the text names it by its UCDP
 * name, a part of it ("Boko Haram - Jama'atu Ahlis…" gives "Boko Haram") or its bracketed acronym.
 * States are left to the forces rule above.
 */
function sideSpans(text: string, sides: string[]): string[] {
  const out: string[] = [];
  for (const side of sides) {
    if (!side || /^Government of /.test(side)) continue;
    const names = [
      side,
      ...side.split(/ - |, /),
      ...[...side.matchAll(/\(([^)]+)\)/g)].map((m) => m[1] ?? ''),
    ];
    for (const raw of names) {
      const name = raw.replace(/\(.*?\)/g, '').trim();
      if (name.length < 2) continue;
      const span = /^[\p{Lu}\d-]+$/u.test(name)
        ? new RegExp(`(?<![\\p{L}-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').exec(
            text,
          )?.[0]
        : name.split(' ').length >= 2
          ? findSpan(text, name)
          : new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'u').exec(text)?.[0];
      if (span && !out.includes(span)) out.push(span);
    }
  }
  return out;
}

// ---- dates --------------------------------------------------------------------------------
const DATE_TEXT =
  /\b(?:(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: night| morning)?|yesterday|last night|overnight)\b/i;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/**
 * Whether UCDP's day is one the text's own words can mean, read from the report's day: a weekday of
 * the week before it, "yesterday" the day before, "last night"/"overnight" that day or the one before.
 * Where they disagree (a report dated 1753, "yesterday" two days back, a Sunday coded on a Friday) no
 * reading of the text is right, so the text carries no gold day (set fix of 6 December 2026).
 */
function agreesWithText(dateText: string, published: string, day: string): boolean {
  const back = Math.round(
    (Date.parse(`${published}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000,
  );
  const weekday = WEEKDAYS.find((w) => dateText.toLowerCase().includes(w));
  if (weekday)
    return back >= 0 && back <= 7 && WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] === weekday;
  if (/yesterday/i.test(dateText)) return back === 1;
  return back === 0 || back === 1;
}

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
    const span = findSpan(text, bare(name), otherExport);
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
  const organizations = freshOut
    ? union(orgSpans(text), sideSpans(text, [r.side_a ?? '', r.side_b ?? '']))
    : orgSpans(text);
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
      published !== r.date_start &&
      agreesWithText(dateText, published, r.date_start ?? '')
        ? [{ text: dateText, start: r.date_start ?? '', end: r.date_end ?? '' }]
        : [],
  });
}
/** Events reported by the same headlines share one item, with all their places. */
function byDistinctText(all: Item[], split: (item: Item) => Item['split']): Item[] {
  const byText = new Map<string, Item>();
  const sampleTexts = new Set(
    readFileSync(join(here, 'ged-sample.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as Item).text),
  );
  for (const item of all) {
    if (sampleTexts.has(item.text)) continue;
    const first = byText.get(item.text);
    if (!first) {
      byText.set(item.text, { ...item, split: split(item) });
      continue;
    }
    for (const p of item.places) if (!first.places.some((q) => q.matched === p.matched)) first.places.push(p);
    first.organizations = union(first.organizations, item.organizations);
    first.otherPlaces = union(first.otherPlaces, item.otherPlaces);
    first.dates = []; // several events, several days
  }
  const merged = [...byText.values()];
  for (const item of merged)
    item.otherPlaces = item.otherPlaces.filter(
      (s) => !item.places.some((p) => p.matched === s || p.matched.includes(s) || s.includes(p.matched)),
    );
  return merged;
}
/** Texts a country in the seventh set: enough for each to count, few enough to read. */
const FRESH_PER_COUNTRY = 90;
if (freshOut) {
  const year = new Map(rows.map((r) => [`ged-${r.id}`, Number((r.date_start ?? '').slice(0, 4))]));
  // Salted, so that the draw's order is not the split's (which reads the first byte of the plain hash).
  const hash = (id: string) => createHash('sha256').update(`draw:${id}`).digest('hex');
  // Per country, texts of 2010 or later first (the era of the reporting Dateline serves), then by
  // the hash of the id: a fixed, unbiased draw.
  const chosen: Item[] = [];
  const all = byDistinctText(items, (item) => item.split);
  for (const country of [...new Set(all.map((i) => i.country))].sort()) {
    const ofCountry = all
      .filter((i) => i.country === country)
      .map((i) => ({ i, recent: (year.get(i.id) ?? 0) >= 2010 ? 0 : 1, h: hash(i.id) }))
      .sort((a, b) => a.recent - b.recent || (a.h < b.h ? -1 : 1))
      .slice(0, FRESH_PER_COUNTRY)
      .map(({ i }) => i);
    chosen.push(...ofCountry);
  }
  // People: the hand list ged-countries-people.json, written from the texts alone after the
  // 43rd printing (eval/README.md); without it people are not scored.
  const peopleFile = join(here, 'ged-countries-people.json');
  const listed: Record<string, string[]> | undefined = existsSync(peopleFile)
    ? JSON.parse(readFileSync(peopleFile, 'utf8')).people
    : undefined;
  const out = withAnnotatedOrganisations(
    chosen.map(({ people: _people, ...rest }) =>
      listed ? { ...rest, people: listed[rest.id] ?? [] } : rest,
    ),
    'ged-countries',
  );
  writeFileSync(freshOut, out.map((i) => JSON.stringify(i)).join('\n') + '\n');
  writeFileSync(
    join(here, 'ged-countries-split.tsv'),
    'id\tsplit\n' + out.map((i) => `${i.id}\t${i.split}`).join('\n') + '\n',
  );
  const dev = out.filter((i) => i.split === 'dev').length;
  console.log(
    `seventh set: ${out.length} texts (dev ${dev}), ${new Set(out.map((i) => i.country)).size} countries, ` +
      `places ${out.reduce((n, i) => n + i.places.length, 0)}, orgs ${out.reduce((n, i) => n + i.organizations.length, 0)}, ` +
      `dates ${out.reduce((n, i) => n + i.dates.length, 0)} -> ${freshOut}`,
  );
  process.exit(0);
}
if (poolOut) {
  const pool = byDistinctText(items, () => 'dev');
  writeFileSync(poolOut, pool.map((i) => JSON.stringify(i)).join('\n') + '\n');
  console.log(
    `tuning pool: ${pool.length} texts from ${rows.length} events (the sample's left out), ` +
      `places ${pool.reduce((n, i) => n + i.places.length, 0)} -> ${poolOut}`,
  );
  process.exit(0);
}
const out = join(here, 'ged-sample.jsonl');
const annotated = withAnnotatedOrganisations(items, 'ged-sample');
writeFileSync(out, annotated.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 'split.tsv'),
  'id\tsplit\n' + items.map((i) => `${i.id}\t${i.split}`).join('\n') + '\n',
);
const countries = new Set(items.map((i) => i.country));
console.log(
  `${items.length} texts, ${countries.size} countries, dev ${items.filter((i) => i.split === 'dev').length}, ` +
    `places ${items.reduce((n, i) => n + i.places.length, 0)}, orgs ${annotated.reduce((n, i) => n + i.organizations.length, 0)}, ` +
    `dates ${items.reduce((n, i) => n + i.dates.length, 0)} -> ${out}`,
);
