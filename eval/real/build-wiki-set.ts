/**
 * Builds the second real-text set (wiki-incidents.jsonl) from the incident descriptions of
 * Wikipedia's yearly "List of terrorist incidents" tables, 2016–2022, as shipped in a public
 * repository (see eval/README.md, "Second real-text set", for source, commit and licence). Each
 * record carries Year, Country, Perpetrator and Description; the Description is the text. The gold
 * follows the rules written in eval/README.md; people come from the hand list wiki-people.json.
 *
 *   node --import tsx eval/real/build-wiki-set.ts /path/to/data_terror.js [OUT.jsonl]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldDiacritics } from '../../src/enrich/spelling.ts';
import { listedOrganisations } from './listed-organisations.ts';
import { splitOf } from './split-of.ts';
import { withAnnotatedOrganisations } from './read-twice.ts';

const here = import.meta.dirname;
/** The same gazetteer commit the first set was annotated with (country names and demonyms only). */
const GOLD_GAZETTEER_COMMIT = '0fc19e6';
const gazetteerFile = (file: string) =>
  execFileSync('git', ['show', `${GOLD_GAZETTEER_COMMIT}:data/gazetteer/${file}`], {
    cwd: here,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

interface Incident {
  Year: string;
  Country: string;
  Perpetrator: string;
  Description: string;
}
const source = process.argv[2];
if (!source) throw new Error('usage: build-wiki-set.ts data_terror.js [OUT.jsonl]');
const incidents: Incident[] = JSON.parse(
  readFileSync(source, 'utf8')
    .replace(/^\s*var data\s*=\s*/, '')
    .replace(/;\s*$/, ''),
);

const countryCodes = new Map<string, string>();
const demonyms: string[] = [];
const countryNames: string[] = [];
for (const line of gazetteerFile('countries.tsv').split('\n')) {
  const [iso2, name, , , alt, dem] = line.split('\t');
  if (!iso2 || !name) continue;
  countryCodes.set(name, iso2);
  countryNames.push(name);
  for (const a of (alt ?? '').split('|')) if (a) countryCodes.set(a, iso2);
  for (const d of (dem ?? '').split('|')) if (d) demonyms.push(d);
}
const isoOf = (name: string) =>
  ({ Turkey: 'TR', 'Democratic Republic of the Congo': 'CD', 'Ivory Coast': 'CI' })[name] ??
  countryCodes.get(name) ??
  '';

// ---- organisations: the same sources as the UCDP set, plus the coded perpetrator ----------
const ACTOR_SPELLINGS: Record<string, string[]> = JSON.parse(
  readFileSync(join(here, 'actor-spellings.json'), 'utf8'),
).actors;
const LISTED = listedOrganisations(here);
const FORCE_WORDS =
  '(?:[Aa]rmy|[Aa]rmed [Ff]orces|[Ss]ecurity [Ff]orces|[Ff]orces|[Mm]ilitary|[Pp]olice|[Aa]ir [Ff]orce|[Nn]avy)';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fold = (s: string) =>
  foldDiacritics(s)
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A spelling skeleton: folded, no article, hyphen, vowel or doubled letter ("Jaish-e-Mohammad" = "Jaish e Mohammed"). */
function skeleton(words: string): string {
  return fold(words)
    .replace(/\b(?:al|el|e|ul|i)\b[- ]?/g, '')
    .replace(/[-\s]/g, '')
    .replace(/[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1');
}
/** Where `name` occurs in `text` by spelling skeleton, as the text spells it (capitalised start). */
function findSpan(text: string, name: string): string | undefined {
  const target = skeleton(name);
  if (target.length < 2) return undefined;
  const words = [...text.matchAll(/[\p{L}\d][\p{L}\d'’]*/gu)];
  const n = name.split(/[\s-]+/).length;
  for (let len = Math.max(1, n - 2); len <= n + 2; len++)
    for (let i = 0; i + len <= words.length; i++) {
      const first = words[i];
      const last = words[i + len - 1];
      if (!first || !last || first.index === undefined || last.index === undefined) continue;
      if (!/^[\p{Lu}\d]/u.test(first[0])) continue;
      const span = text.slice(first.index, last.index + last[0].length);
      if (/[;.,:]/.test(span)) continue;
      if (skeleton(span) === target) return span;
    }
  return undefined;
}

function orgSpans(text: string, perpetrator: string, people: string[]): string[] {
  const out = new Set<string>();
  const consider = (re: RegExp) => {
    for (const m of text.matchAll(re)) out.add(m[0].trim());
  };
  for (const spellings of [...Object.values(ACTOR_SPELLINGS), LISTED])
    for (const spelling of spellings)
      consider(new RegExp(`(?<![\\p{L}-])${escape(spelling)}(?![\\p{L}])`, 'gu'));
  for (const dem of demonyms) consider(new RegExp(`\\b${escape(dem)} ${FORCE_WORDS}\\b`, 'g'));
  for (const name of countryNames)
    if (/^\p{Lu}[\p{L} ]+$/u.test(name)) consider(new RegExp(`\\b${name}(?:['’]s)? ${FORCE_WORDS}\\b`, 'gu'));
  // The perpetrator Wikipedia's editors coded, when the text names it (in any spelling: "Jaish-e-
  // Mohammad (JeM)" = "Jaish e Mohammed") and it is not a person.
  const perps = perpetrator
    .split(/\s+and\s+|,\s*/)
    .flatMap((p) => [
      p.replace(/\s*\(.*?\)\s*/g, ' ').trim(),
      ...[...p.matchAll(/\((\p{Lu}{2,})\)/gu)].map((m) => m[1] ?? ''),
    ])
    .filter(
      (p) =>
        p &&
        !/^(?:unknown|islamists?|jihadists)$|\b(?:gunmen|militants|extremists?|nationalists?|supremacists?)$/i.test(
          p,
        ),
    );
  for (const perp of perps) {
    const isPerson = people.some(
      (p) => skeleton(perp).includes(skeleton(p)) || skeleton(p).includes(skeleton(perp)),
    );
    const span = isPerson ? undefined : findSpan(text, perp);
    if (span) out.add(span);
  }
  // A span inside a longer span is the same mention.
  return [...out].filter((s) => ![...out].some((o) => o !== s && o.includes(s)));
}

// ---- dates: a calendar day the text writes out ---------------------------------------------
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH = `(${MONTHS.join('|')})`;
const DAY_MONTH = new RegExp(`\\b(\\d{1,2}) ${MONTH}(?:,? (\\d{4}))?\\b`, 'g');
const MONTH_DAY = new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'g');
function dateSpans(text: string, year: string): { text: string; start: string; end: string }[] {
  const out: { text: string; start: string; end: string; at: number }[] = [];
  const push = (span: string, at: number, month: string, day: string, y: string | undefined) => {
    const m = MONTHS.indexOf(month) + 1;
    const d = Number(day);
    if (m < 1 || d < 1 || d > 31) return;
    const iso = `${y ?? year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (!out.some((o) => Math.abs(o.at - at) < 3)) out.push({ text: span, start: iso, end: iso, at });
  };
  for (const m of text.matchAll(DAY_MONTH)) push(m[0], m.index ?? 0, m[2] ?? '', m[1] ?? '', m[3]);
  for (const m of text.matchAll(MONTH_DAY)) push(m[0], m.index ?? 0, m[1] ?? '', m[2] ?? '', m[3]);
  return out.map(({ text: t, start, end }) => ({ text: t, start, end }));
}

// ---- build ---------------------------------------------------------------------------------
const people: Record<string, string[]> = JSON.parse(
  readFileSync(join(here, 'wiki-people.json'), 'utf8'),
).people;
interface Item {
  id: string;
  split: 'dev' | 'heldout';
  country: string;
  published: string;
  text: string;
  people: string[];
  organizations: string[];
  places: never[];
  otherPlaces: string[];
  placeCountries: string[];
  dates: { text: string; start: string; end: string }[];
}
const items: Item[] = [];
incidents.forEach((r, index) => {
  const text = r.Description.replace(/\s+/g, ' ').trim();
  if (text.split(' ').length < 6) return;
  const id = `wiki-${r.Year}-${index}`;
  const country = isoOf(r.Country);
  const names = people[id] ?? [];
  // Countries the text names: a pin in one of them, or in the coded country, is not a false place.
  const named = new Set([country]);
  for (const [name, iso2] of countryCodes)
    if (new RegExp(`\\b${escape(name)}\\b`).test(text)) named.add(iso2);
  items.push({
    id,
    split: splitOf(id),
    country,
    // The year's midpoint (2 July, 00:00): every day of the record's year written without a year is
    // then nearer in that year than a year before or after (1 July noon put 31 December in the year
    // before, for a reader that takes the nearest such day). The source gives no report date.
    published: `${r.Year}-07-02T00:00:00Z`,
    text,
    people: names,
    organizations: orgSpans(text, r.Perpetrator, names),
    places: [],
    otherPlaces: [],
    placeCountries: [...named].filter(Boolean),
    dates: dateSpans(text, r.Year),
  });
});
const out = process.argv[3] ?? join(here, 'wiki-incidents.jsonl');
writeFileSync(
  out,
  withAnnotatedOrganisations(items, 'wiki-incidents')
    .map((i) => JSON.stringify(i))
    .join('\n') + '\n',
);
writeFileSync(
  join(here, 'wiki-split.tsv'),
  'id\tsplit\n' + items.map((i) => `${i.id}\t${i.split}`).join('\n') + '\n',
);
const countries = new Set(items.map((i) => i.country));
const sum = (k: 'people' | 'organizations' | 'dates', split: string) =>
  items.filter((i) => i.split === split).reduce((n, i) => n + i[k].length, 0);
console.log(
  `${items.length} texts, ${countries.size} countries, dev ${items.filter((i) => i.split === 'dev').length}; ` +
    `dev people ${sum('people', 'dev')}, orgs ${sum('organizations', 'dev')}, dates ${sum('dates', 'dev')} -> ${out}`,
);
