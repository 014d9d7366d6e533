/**
 * Builds the fifth real-text set (ua-events.jsonl): UCDP's coded events in Ukraine, January 2014 to
 * February 2023 (GED 22.1 and UCDP Candidate events), as `peacerep/ukraine-map` pulled them from
 * UCDP's API (data/UCDP-Ukraine.csv at b858735). It measures places where villages are the rule,
 * with and without GeoNames' own Ukraine file imported (`npm run eval:enrich -- --data-dir DIR`).
 * The rules are written in eval/README.md ("Fifth real-text set").
 *
 *   node --import tsx eval/real/build-ua-set.ts UCDP-Ukraine.csv UA.txt [OUT.jsonl]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { foldDiacritics } from '../../src/enrich/spelling.ts';
import { splitOf } from './split-of.ts';
import { bare, findSpan, headlineParts, skeleton } from './ucdp-text.ts';

const here = import.meta.dirname;
const [csvFile, geonamesFile, outFile = join(here, 'ua-events.jsonl')] = process.argv.slice(2);
if (!csvFile || !geonamesFile) throw new Error('usage: build-ua-set.ts UCDP-Ukraine.csv UA.txt [OUT.jsonl]');

// The file mixes UTF-8 lines with Windows-1252 ones (302 of 3,884): each line is read as UTF-8 if it
// is valid UTF-8, else as Windows-1252.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const bytes = readFileSync(csvFile);
const lines: string[] = [];
for (let start = 0; start < bytes.length;) {
  const nl = bytes.indexOf(10, start);
  const line = bytes.subarray(start, nl === -1 ? bytes.length : nl + 1);
  try {
    lines.push(utf8.decode(line));
  } catch {
    lines.push(cp1252.decode(line));
  }
  start = nl === -1 ? bytes.length : nl + 1;
}
const rows = parse(lines.join(''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

// ---- GeoNames' Ukraine file: admin-1 points, and every name it gives a place ------------------
const NEVER_PLACES =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|north|south|east|west|northern|southern|eastern|western|central|upper|lower|the|a|an|in|at|on|of|by|more|police|army|forces|security|union|independence|unity|liberty|victoria|hope|progress|mercy|capital|centre|center|coast)$/;
const known = new Set<string>();
const admin1: { names: string[]; lat: number; lon: number }[] = [];
for (const line of readFileSync(geonamesFile, 'utf8').split('\n')) {
  const c = line.split('\t');
  if (c.length < 19) continue;
  const names = [c[1] ?? '', c[2] ?? '', ...(c[3] ?? '').split(',')].filter((n) =>
    /\p{Script=Latin}/u.test(n),
  );
  for (const n of names) known.add(foldDiacritics(n).toLowerCase());
  if (c[7] === 'ADM1') admin1.push({ names, lat: Number(c[4]), lon: Number(c[5]) });
}
// Cities of 100,000 or more abroad ("Minsk peace talks", "Moscow time"), from the gazetteer as the
// first set was annotated with (build-real-set.ts): a pin on one is a place, not scored either way.
for (const line of execFileSync('git', ['show', '0fc19e6:data/gazetteer/cities.tsv'], {
  cwd: here,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
}).split('\n')) {
  const [name, iso2, , , , population, alt] = line.split('\t');
  if (!name || iso2 === 'UA' || Number(population) < 100_000) continue;
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) known.add(foldDiacritics(n).toLowerCase());
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function admin1Point(name: string): { lat: number; lon: number } | undefined {
  const k = skeleton(bare(name));
  return admin1.find((a) => a.names.some((n) => skeleton(bare(n)) === k));
}
/** Capitalised spans of up to three words naming a place GeoNames knows in Ukraine, or a city abroad. */
function namedPlaces(text: string): string[] {
  const out: string[] = [];
  const words = [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  for (let i = 0; i < words.length; i++)
    for (let len = 3; len >= 1; len--) {
      const first = words[i];
      const last = words[i + len - 1];
      if (!first || !last || first.index === undefined || last.index === undefined) continue;
      if (!/^\p{Lu}/u.test(first[0])) continue;
      const span = text.slice(first.index, last.index + last[0].length);
      const key = foldDiacritics(span)
        .toLowerCase()
        .replace(/['’]s$/, '');
      if (/[;.,:]/.test(span) || NEVER_PLACES.test(key) || !known.has(key)) continue;
      out.push(span);
      i += len - 1;
      break;
    }
  return out;
}

// ---- build --------------------------------------------------------------------------------
interface GoldPlace {
  matched: string;
  kind: 'town' | 'district' | 'region';
  country: string;
  lat: number;
  lon: number;
}
// The 1,000-event sample (ged-sample.jsonl) already holds some of these events: left out here.
const inSample = new Set(
  readFileSync(join(here, 'split.tsv'), 'utf8')
    .split('\n')
    .map((l) => l.split('\t')[0]?.replace(/^ged-/, '')),
);
/** One item per distinct text: events reported by the same headlines share it, with their places. */
const byText = new Map<
  string,
  { ids: number[]; published: string; places: GoldPlace[]; described: string[] }
>();
for (const r of rows) {
  if (r.country !== 'Ukraine' || inSample.has(r.id ?? '')) continue;
  const parts = headlineParts(r.source_headline ?? '');
  if (parts.length === 0) continue;
  const text = parts.map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' ');
  const day = /^\d{4}-\d{2}-\d{2}/.exec(r.source_date ?? '')?.[0] ?? `${r.year}-07-02`;
  const item = byText.get(text) ?? { ids: [], published: `${day}T12:00:00Z`, places: [], described: [] };
  byText.set(text, item);
  item.ids.push(Number(r.id));
  const prec = Number(r.where_prec);
  const point = { lat: Number(r.latitude), lon: Number(r.longitude) };
  const add = (name: string, kind: GoldPlace['kind'], at: { lat: number; lon: number } | undefined) => {
    const span = findSpan(text, bare(name));
    if (!span || !at || skeleton(span) === skeleton('Ukraine')) return;
    if (item.places.some((p) => p.matched === span)) return;
    // "shelled the Kherson region": the text names the region, wherever UCDP put the event in it.
    const area = new RegExp(`${escape(span)} (?:region|oblast|Oblast|Region)`).test(text)
      ? admin1Point(span)
      : undefined;
    if (area) item.places.push({ matched: span, kind: 'region', country: 'UA', ...area });
    else item.places.push({ matched: span, kind, country: 'UA', lat: at.lat, lon: at.lon });
  };
  if (r.where_coordinates && prec <= 5)
    add(r.where_coordinates, prec <= 2 ? 'town' : prec === 3 ? 'district' : 'region', point);
  if (r.adm_2) add(r.adm_2, 'district', prec <= 3 ? point : undefined);
  if (r.adm_1) add(r.adm_1, 'region', admin1Point(r.adm_1) ?? (prec === 4 ? point : undefined));
  item.described.push(r.where_description ?? '');
}

const items = [...byText].map(([text, item]) => {
  const id = `ua-${Math.min(...item.ids)}`;
  const coded = (s: string) =>
    item.places.some((p) => p.matched === s || p.matched.includes(s) || s.includes(p.matched));
  // Places UCDP describes but did not code, any other place GeoNames knows in Ukraine and cities
  // abroad: neither rewarded nor penalised (a headline names more places than UCDP coded from it).
  const described = item.described
    .flatMap((d) => [...d.matchAll(/\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)*/gu)])
    .map((m) => findSpan(text, bare(m[0])))
    .filter((s): s is string => s !== undefined);
  const otherPlaces = [...new Set([...described, ...namedPlaces(text)])].filter((s) => !coded(s));
  return {
    id,
    split: splitOf(id),
    country: 'UA',
    published: item.published,
    text,
    places: item.places,
    otherPlaces,
    dates: [],
  };
});
items.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
writeFileSync(outFile, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 'ua-split.tsv'),
  'id\tsplit\n' + items.map((i) => `${i.id}\t${i.split}`).join('\n') + '\n',
);
const count = (kind: string) => items.reduce((n, i) => n + i.places.filter((p) => p.kind === kind).length, 0);
console.log(
  `${items.length} texts from ${rows.length} rows, dev ${items.filter((i) => i.split === 'dev').length}, ` +
    `gold places: ${count('town')} towns, ${count('district')} districts, ${count('region')} regions -> ${outFile}`,
);
