/**
 * Builds the sixth real-text set (gmb-texts.jsonl) from the Groningen Meaning Bank's named-entity
 * tags as the Kaggle "Annotated Corpus for Named Entity Recognition" distributes them
 * (ner_dataset.csv: one token a row, "Sentence #, Word, POS, Tag", IOB tags per/org/geo/gpe/tim/…).
 * The texts are Voice of America news; the tags are GMB's (a tagger's output, partly corrected by
 * GMB's experts and players), filtered by the rules in eval/README.md ("Sixth real-text set");
 * nobody at Dateline wrote a gold entry. Sentences are detokenised and consecutive ones grouped into
 * update-sized texts of 2–4 sentences; every STRIDE-th group is kept.
 *
 *   node --import tsx eval/real/build-gmb-set.ts /path/to/ner_dataset.csv [OUT.jsonl] [--extra EXTRA.jsonl]
 *
 * `--extra` also writes a larger pool for tuning only: the candidate groups lying between two kept dev
 * texts (never next to a held-out one, so no held-out document leaks in), all marked dev.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitOf } from './split-of.ts';
import { FUNCTION_WORDS, GOVERNMENT_WORDS, PRONOUNS, REGION_WORDS } from './span-words.ts';

const here = import.meta.dirname;
/** sha256 of the ner_dataset.csv read (from ner_dataset.csv.zip of codingtime123/Named-Entity-Recognition-with-NLP). */
const CSV_SHA256 = '83257dd94ed59596809dc9f5b28f1f035c9d925d5a647f266db43a2f098e8f1a';
/** Country names and demonyms, from the gazetteer the other sets were annotated with. */
const GOLD_GAZETTEER_COMMIT = '0fc19e6';
/** A group closes once it has two sentences and this many words, or four sentences. */
const MIN_WORDS = 50;
const MAX_SENTENCES = 4;
/** Every STRIDE-th group (from the first) is a text: about 600 texts spread over the whole corpus. */
const STRIDE = 15;
/** VOA's texts in GMB date from 2004–2010 and the file keeps no dates: dates are scored by span only. */
const PUBLISHED = '2006-07-01T12:00:00Z';

const extraAt = process.argv.indexOf('--extra');
const extraOut = extraAt === -1 ? undefined : process.argv[extraAt + 1];
if (extraAt !== -1) process.argv.splice(extraAt, 2);
const csvPath = process.argv[2];
if (!csvPath) throw new Error('usage: build-gmb-set.ts /path/to/ner_dataset.csv [OUT.jsonl]');
const bytes = readFileSync(csvPath);
const digest = createHash('sha256').update(bytes).digest('hex');
if (digest !== CSV_SHA256) throw new Error(`${csvPath}: sha256 ${digest}, expected ${CSV_SHA256}`);
// The file is Windows-1252 ("…", "’", "°").
const csv = new TextDecoder('windows-1252').decode(bytes);

// ---- read ----------------------------------------------------------------------------------------
interface Token {
  word: string;
  pos: string;
  tag: string;
}
interface Sentence {
  n: number;
  tokens: Token[];
}
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unclosed quote: ${line}`);
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/**
 * The file went through a spreadsheet on the way to Kaggle, which read "6-4" (a set's score) as a date
 * ("06-Apr"), "2-88" as a month ("Feb-88") and wrote 100,000 in Indian grouping ("1,00,000"). Undone
 * here, in the text only (no tag is touched).
 */
function unspreadsheet(word: string): string {
  let m = /^(\d{1,2})-([A-Z][a-z]{2})$/.exec(word);
  if (m && MONTHS.includes(m[2] ?? '')) return `${Number(m[1])}-${MONTHS.indexOf(m[2] ?? '') + 1}`;
  m = /^([A-Z][a-z]{2})-(\d{2})$/.exec(word);
  if (m && MONTHS.includes(m[1] ?? '')) return `${MONTHS.indexOf(m[1] ?? '') + 1}-${m[2]}`;
  const western = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');
  m = /^(\d{1,2}(?:,\d\d)+,\d{3})(\.\d+)?$/.exec(word);
  if (m) return western((m[1] ?? '').replace(/,/g, '')) + (m[2] ?? '');
  m = /^(\d+(?:\.\d+)?)E\+(\d+)$/.exec(word);
  if (m) return western(String(Math.round(Number(m[1]) * 10 ** Number(m[2]))));
  return word;
}
const sentences: Sentence[] = [];
for (const line of csv.split(/\r?\n/).slice(1)) {
  if (!line) continue;
  const [head = '', word = '', pos = '', tag = ''] = csvFields(line);
  if (head) {
    const n = Number(/^Sentence: (\d+)$/.exec(head)?.[1]);
    if (!Number.isInteger(n) || n !== sentences.length + 1) throw new Error(`bad sentence head: ${line}`);
    sentences.push({ n, tokens: [] });
  }
  sentences[sentences.length - 1]?.tokens.push({ word: unspreadsheet(word), pos, tag });
}
// The file stops at a spreadsheet's last row (1,048,575 tokens), inside its last sentence.
sentences.pop();

// ---- detokenise ----------------------------------------------------------------------------------
const NO_SPACE_BEFORE = new Set([',', '.', ':', ';', '!', '?', '%', ')', ']', '}', '...', '…', '/']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$', '#', '/']);
const QUOTES = new Set(['"', '“', '”', "'", '‘', '’']);
interface Placed extends Token {
  begin: number;
  end: number;
  /** First token of its sentence. */
  initial: boolean;
}
/** Sentences as text, one space between them; each token with its offsets. */
function detokenise(group: Sentence[]): { text: string; tokens: Placed[] } {
  let text = '';
  const tokens: Placed[] = [];
  for (const s of group) {
    let open = false; // inside a quotation
    let glue = true; // no space before the next token
    s.tokens.forEach((t, i) => {
      const w = t.word;
      let before = !glue;
      let after = true;
      if (QUOTES.has(w) && t.pos === '``') {
        if (open) before = false;
        else after = false;
        open = !open;
      } else if (
        NO_SPACE_BEFORE.has(w) ||
        /^'(?:s|S|ll|m|re|ve|d)$|^n't$/.test(w) ||
        (w === "'" && t.pos === 'POS')
      )
        before = false;
      if (NO_SPACE_AFTER.has(w)) after = false;
      if (i === 0) before = text.length > 0;
      if (before) text += ' ';
      tokens.push({ ...t, begin: text.length, end: text.length + w.length, initial: i === 0 });
      text += w;
      glue = !after;
    });
  }
  return { text, tokens };
}

// ---- words ---------------------------------------------------------------------------------------
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Titles, ranks and offices (GMB counts them into the person, "per-tit"): a span of only these names nobody. */
const TITLE_WORDS = new Set(
  `minister ministers secretary secretaries secretary-general foreign office home defence defense state prime
  president president-elect vice deputy acting special senior chief general gen lieutenant lt colonel col major maj
  captain capt brigadier brig commodore admiral adm sergeant sgt specialist spc petty officer commander commanding
  commanders spokesman spokesperson spokeswoman ambassador envoy affairs advisor adviser representative rep
  director press operations mr mrs ms miss dr h.e sir lord lady king queen prince princess crown emperor sheikh
  leader former presidential high commissioner staff plans pope cardinal archbishop bishop rev reverend father
  ayatollah imam mullah senator sen congressman congresswoman governor gov mayor chancellor premier chairman
  chairwoman judge justice interim opposition lawmaker first saint st`.split(/\s+/),
);
const COUNTRY_SHORT_FORMS: Record<string, string> = {
  US: 'US',
  'U.S.': 'US',
  'U.S': 'US',
  USA: 'US',
  'U.S.A.': 'US',
  America: 'US',
  UK: 'GB',
  'U.K.': 'GB',
  Britain: 'GB',
  'Great Britain': 'GB',
  Turkey: 'TR',
  Burma: 'MM',
  'North Korea': 'KP',
  'South Korea': 'KR',
  Russia: 'RU',
  Iran: 'IR',
  Syria: 'SY',
  Vietnam: 'VN',
  Laos: 'LA',
  Venezuela: 'VE',
  Bolivia: 'BO',
  Tanzania: 'TZ',
  Moldova: 'MD',
  Macedonia: 'MK',
  'Ivory Coast': 'CI',
  Congo: 'CD',
  'Democratic Republic of Congo': 'CD',
  Taiwan: 'TW',
};
/** Peoples and faiths (besides demonyms): not names of their own. */
const PEOPLES = [
  'Arab',
  'Kurd',
  'Kurdish',
  'Turk',
  'Sunni',
  'Shia',
  'Shiite',
  "Shi'ite",
  'Muslim',
  'Christian',
  'Jew',
  'Jewish',
  'Hindu',
  'Buddhist',
  'Catholic',
  'Islamic',
  'Western',
  'European',
  'Asian',
  'African',
  'Latin American',
  'Yazidi',
  'Alawite',
  'Druze',
  'Turkmen',
  'Pashtun',
  'Baluch',
  'Tamil',
  'Sinhalese',
  'Hutu',
  'Tutsi',
];
/** A word as the rules look it up: lower case, no possessive, no trailing stop. */
const wordKey = (w: string) =>
  w
    .toLowerCase()
    .replace(/['’]s?$/, '')
    .replace(/[.'’-]+$/, '');
const countryCodes = new Map<string, string>(Object.entries(COUNTRY_SHORT_FORMS));
const demonymCodes = new Map<string, string>();
const show = (spec: string) =>
  execFileSync('git', ['show', spec], { cwd: here, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
for (const line of show(`${GOLD_GAZETTEER_COMMIT}:data/gazetteer/countries.tsv`).split('\n')) {
  const [iso2, name, , , alt, dem] = line.split('\t');
  if (!iso2 || !name) continue;
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) countryCodes.set(n, iso2);
  for (const d of (dem ?? '').split('|')) if (d) demonymCodes.set(d, iso2);
}
const wordsRe = (names: Iterable<string>, suffix: string) =>
  new RegExp(
    `(?<![\\p{L}])(?:${[...new Set(names)]
      .sort((x, y) => y.length - x.length)
      .map(escape)
      .join('|')})${suffix}(?![\\p{L}])`,
    'gu',
  );
const COUNTRY_OR_PEOPLE = wordsRe([...countryCodes.keys(), ...demonymCodes.keys(), ...PEOPLES], '(?:s|es)?');
const COUNTRY_NAME = wordsRe(countryCodes.keys(), '');
const DEMONYM = wordsRe(demonymCodes.keys(), '(?:s|es)?');
/** Countries a text names by name or demonym: a pin in one of them is not a false place. */
function countriesNamed(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(COUNTRY_NAME)) out.add(countryCodes.get(m[0]) ?? '');
  for (const m of text.matchAll(DEMONYM))
    out.add(demonymCodes.get(m[0]) ?? demonymCodes.get(m[0].replace(/e?s$/, '')) ?? '');
  out.delete('');
  return [...out];
}
/** The span is a country's name, with article or possessive at most ("the United States", "Iraq's"). */
const isCountryName = (span: string) =>
  countryCodes.has(
    span
      .replace(/^(?:the|The)\s+/, '')
      .replace(/\s*['’]s?$/, '')
      .trim(),
  );
const isPeople = (span: string) => {
  const bare = span.replace(/\s*['’]s?$/, '').trim();
  return [...bare.matchAll(COUNTRY_OR_PEOPLE)].some((m) => m[0] === bare && !countryCodes.has(bare));
};

/** A name word: capitalised ("al-" before a capital counts), two characters or more, no pronoun or function word, and a proper noun if it opens its sentence. */
function nameWords(text: string, tokens: Placed[], skip: (key: string) => boolean): Placed[] {
  const first = tokens[0]?.begin ?? 0;
  const span = text.slice(first, tokens[tokens.length - 1]?.end ?? first);
  const countries = [...span.matchAll(COUNTRY_OR_PEOPLE)].map((m) => [
    first + m.index,
    first + m.index + m[0].length,
  ]);
  return tokens.filter((t) => {
    if (countries.some(([b, e]) => t.begin >= (b ?? 0) && t.end <= (e ?? 0))) return false;
    if (t.word.length < 2 || !/^(?:\p{Ll}{1,3}-)?\p{Lu}|^\p{Ll}+\p{Lu}/u.test(t.word)) return false;
    // "U.S.-led", "Arabic-speaking": an adjective, no name.
    if (/^\p{Lu}[\p{L}.]*-\p{Ll}+$/u.test(t.word)) return false;
    const key = wordKey(t.word);
    // An acronym is no pronoun ("WHO").
    if (!/^\p{Lu}{2,}$/u.test(t.word) && (PRONOUNS.has(key) || FUNCTION_WORDS.has(key))) return false;
    // A capitalised common word opening a sentence ("Police", "Officials").
    if (t.initial && !/^NNPS?$/.test(t.pos)) return false;
    return !skip(key);
  });
}

// ---- spans and gold ------------------------------------------------------------------------------
export interface Span {
  text: string;
  begin: number;
  end: number;
}
interface Entity {
  type: string;
  first: number;
  last: number;
}
/** IOB to entities; an I- of another type than the open one starts an entity of its own. */
function entities(tokens: Placed[]): Entity[] {
  const out: Entity[] = [];
  let open: Entity | undefined;
  tokens.forEach((t, i) => {
    const m = /^([BI])-(\w+)$/.exec(t.tag);
    if (!m) {
      open = undefined;
      return;
    }
    const current: Entity | undefined = open;
    if (m[1] === 'I' && current && current.type === m[2] && current.last === i - 1) current.last = i;
    else {
      open = { type: m[2] ?? '', first: i, last: i };
      out.push(open);
    }
  });
  return out;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?(?!\\d)';
const CALENDAR_DAY = new RegExp(
  `(?<![\\p{L}\\d])(?:${DAY}(?:\\s*[-–]\\s*${DAY})?\\s+${MONTH}(?![\\p{L}])|${MONTH}\\s*${DAY})`,
  'u',
);
const NAMED_DAY =
  /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tomorrow|tonight|last night)\b/i;

interface Judged {
  people: Span[];
  organizations: Span[];
  namedPlaces: Span[];
  dateSpans: Span[];
  otherPeople: Span[];
  otherOrganizations: Span[];
  otherPlaces: Span[];
}
function judge(text: string, tokens: Placed[]): Judged {
  const out: Judged = {
    people: [],
    organizations: [],
    namedPlaces: [],
    dateSpans: [],
    otherPeople: [],
    otherOrganizations: [],
    otherPlaces: [],
  };
  const span = (first: number, last: number): Span => {
    const begin = tokens[first]?.begin ?? 0;
    const end = tokens[last]?.end ?? begin;
    return { text: text.slice(begin, end), begin, end };
  };
  const all = entities(tokens);
  // A title tagged as a person with the name after it untagged or typed as something else
  // ("Mr./per Yekhanurov/org", "President/per LUKASHENKO/O"): the tagger's slip, not gold either way.
  const doubtful = new Set<Entity>();
  for (const e of all) {
    if (e.type !== 'per') continue;
    // A person's name cut in two, the second part typed as a place or group ("Sri/per Lanka/geo",
    // "Ban/per Ki-moon/org"): neither part is gold.
    const next = all.find(
      (o) =>
        o.first === e.last + 1 &&
        ['org', 'geo', 'gpe'].includes(o.type) &&
        !isCountryName(span(o.first, o.last).text) &&
        !isPeople(span(o.first, o.last).text),
    );
    if (next) {
      out.otherPeople.push(span(e.first, next.last));
      doubtful.add(e).add(next);
      continue;
    }
    const own = tokens.slice(e.first, e.last + 1);
    if (nameWords(text, own, (k) => TITLE_WORDS.has(k)).length > 0) continue;
    let last = e.last;
    while (
      /^\p{Lu}/u.test(tokens[last + 1]?.word ?? '') &&
      !/^(?:B|I)-per$/.test(tokens[last + 1]?.tag ?? '')
    )
      last++;
    if (last === e.last) continue;
    out.otherPeople.push(span(e.first, last));
    for (const o of all) if (o !== e && o.first <= last && o.last > e.last) doubtful.add(o);
  }
  for (const e of all) {
    const s = span(e.first, e.last);
    const own = tokens.slice(e.first, e.last + 1);
    if (e.type === 'per') {
      if (doubtful.has(e)) continue;
      if (nameWords(text, own, (k) => TITLE_WORDS.has(k) || REGION_WORDS.has(k)).length > 0)
        out.people.push(s);
      else out.otherPeople.push(s);
    } else if (e.type === 'org') {
      const gold =
        !doubtful.has(e) &&
        !isCountryName(s.text) &&
        nameWords(text, own, (k) => GOVERNMENT_WORDS.has(k)).length > 0;
      (gold ? out.organizations : out.otherOrganizations).push(s);
    } else if (e.type === 'geo' || e.type === 'gpe') {
      // gpe is GMB's geopolitical entity: a place's name when written as one (proper nouns, not a
      // demonym or a people: "Nepal", "Bedfordshire", not "Iraqi", "Palestinians", "Bosnian Serb").
      if (e.type === 'gpe' && (!own.every((t) => t.pos === 'NNP' || t.pos === 'POS') || isPeople(s.text)))
        continue;
      const gold =
        !doubtful.has(e) &&
        !isCountryName(s.text) &&
        nameWords(text, own, (k) => REGION_WORDS.has(k)).length > 0;
      (gold ? out.namedPlaces : out.otherPlaces).push(s);
    } else if (e.type === 'tim') {
      if (!doubtful.has(e) && (CALENDAR_DAY.test(s.text) || NAMED_DAY.test(s.text))) out.dateSpans.push(s);
    }
  }
  for (const k of Object.keys(out) as (keyof Judged)[]) out[k].sort((x, y) => x.begin - y.begin);
  return out;
}

// ---- texts ---------------------------------------------------------------------------------------
const wordCount = (s: Sentence) => s.tokens.filter((t) => /[\p{L}\p{N}]/u.test(t.word)).length;
const groups: Sentence[][] = [];
let group: Sentence[] = [];
for (const s of sentences) {
  group.push(s);
  const words = group.reduce((n, g) => n + wordCount(g), 0);
  if ((group.length >= 2 && words >= MIN_WORDS) || group.length >= MAX_SENTENCES) {
    groups.push(group);
    group = [];
  }
}

interface Item extends Judged {
  id: string;
  split: 'dev' | 'heldout';
  source: string;
  document: string;
  country: string;
  storyCountries: string[];
  published: string;
  text: string;
  placeCountries: string[];
  /** GMB's sentence numbers (ner_dataset.csv "Sentence: N"). */
  sentences: number[];
}
/** A group GMB tags a person in: the set is for people, so only these are candidates. */
const candidates = groups.filter((g) => g.some((s) => s.tokens.some((t) => /^[BI]-per$/.test(t.tag))));
const items: Item[] = [];
const extra: Item[] = [];
const keptId = (k: number) => `gmb-s${candidates[k]?.[0]?.n}`;
candidates.forEach((g, k) => {
  const kept = k % STRIDE === 0;
  const before = k - (k % STRIDE);
  // A group between two kept dev texts: far from every held-out text and its document.
  const betweenDev =
    !kept &&
    before + STRIDE < candidates.length &&
    splitOf(keptId(before)) === 'dev' &&
    splitOf(keptId(before + STRIDE)) === 'dev';
  if (!kept && !(extraOut && betweenDev)) return;
  const { text, tokens } = detokenise(g);
  const id = `gmb-s${g[0]?.n}`;
  (kept ? items : extra).push({
    id,
    split: kept ? splitOf(id) : 'dev',
    source: 'Voice of America (GMB)',
    document: id,
    country: '',
    storyCountries: [],
    published: PUBLISHED,
    text,
    ...judge(text, tokens),
    placeCountries: countriesNamed(text),
    sentences: g.map((s) => s.n),
  });
});

if (extraOut) {
  writeFileSync(extraOut, extra.map((i) => JSON.stringify(i)).join('\n') + '\n');
  console.log(
    `tuning pool: ${extra.length} texts between dev texts, people ${extra.reduce((n, i) => n + i.people.length, 0)} -> ${extraOut}`,
  );
}
const out = process.argv[3] ?? join(here, 'gmb-texts.jsonl');
writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 'gmb-split.tsv'),
  'id\tsentences\tsplit\n' +
    items.map((i) => `${i.id}\t${i.sentences.join(',')}\t${i.split}`).join('\n') +
    '\n',
);
const sum = (k: keyof Judged, split: string) =>
  items.filter((i) => i.split === split).reduce((n, i) => n + i[k].length, 0);
console.log(
  `${sentences.length} sentences, ${groups.length} groups, ${candidates.length} with a person tag; every ${STRIDE}th of these kept`,
);
for (const split of ['dev', 'heldout'])
  console.log(
    `${split}: ${items.filter((i) => i.split === split).length} texts; ` +
      `people ${sum('people', split)} (other ${sum('otherPeople', split)}), organisations ${sum('organizations', split)}, ` +
      `named places ${sum('namedPlaces', split)}, dates ${sum('dateSpans', split)}`,
  );
console.log(`-> ${out}`);
