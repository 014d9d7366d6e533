/**
 * Builds the fourth real-text set (re3d-paragraphs.jsonl) from Dstl's re3d ("Relationship and
 * Entity Extraction Evaluation Dataset"): documents on the conflict in Syria and Iraq with entity
 * annotations made by experts and checked by a crowd. The gold is re3d's, filtered by the rules in
 * eval/README.md ("Fourth real-text set"); nobody at Dateline wrote a gold entry. Documents are cut
 * into update-sized texts (paragraphs, joined or cut at sentences to ~40–150 words), gold spans
 * carried over with their offsets.
 *
 *   node --import tsx eval/real/build-re3d-set.ts /path/to/re3d-git-dir [OUT.jsonl]
 *
 * The directory is a clone (or bare copy) of github.com/dstl/re3d holding RE3D_COMMIT.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitOf } from './split-of.ts';
import { FUNCTION_WORDS, GOVERNMENT_WORDS, PRONOUNS, REGION_WORDS } from './span-words.ts';

const here = import.meta.dirname;
const RE3D_COMMIT = 'b061ff06713cad4df7e5cfaed3fd07bf15b2598c';
/** Sources whose licence allows our use (BBC Online: non-commercial; the EU Delegation: unclear). */
export const RE3D_SOURCES = [
  'Australian Department of Foreign Affairs',
  'CENTCOM',
  'UK Government',
  'US State Department',
  'Wikipedia',
] as const;
/** Country names and their other spellings, from the gazetteer the other sets were annotated with. */
const GOLD_GAZETTEER_COMMIT = '0fc19e6';
const MIN_WORDS = 40;
const MAX_WORDS = 150;

const repo = process.argv[2];
if (!repo) throw new Error('usage: build-re3d-set.ts /path/to/re3d-git-dir [OUT.jsonl]');
const show = (cwd: string, spec: string) =>
  execFileSync('git', ['show', spec], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const jsonLines = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

interface Doc {
  _id: string;
  title: string;
  text: string;
  sourceName: string;
  sourceUrl: string;
}
interface Annotation {
  documentId: string;
  begin: number;
  end: number;
  type: string;
  value: string;
  confidence: number;
}

// ---- words -----------------------------------------------------------------------------------
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;
/** Titles, ranks and offices: a Person span made only of these names nobody ("The Foreign Secretary"). */
const TITLE_WORDS = new Set(
  `minister ministers secretary secretaries foreign office home defence defense state prime president vice
  deputy acting special senior chief general gen lieutenant lt colonel col major maj captain capt brigadier brig
  commodore admiral adm sergeant sgt specialist spc petty officer commander commanding commanders spokesman
  spokesperson spokeswoman ambassador envoy affairs advisor adviser representative director press operations mr mrs ms
  dr h.e sir king queen sheikh leader former presidential high commissioner staff plans`.split(/\s+/),
);
/** Short forms the gazetteer lacks. */
const COUNTRY_SHORT_FORMS: Record<string, string> = {
  US: 'US',
  'U.S.': 'US',
  'U.S': 'US',
  USA: 'US',
  America: 'US',
  UK: 'GB',
  'U.K.': 'GB',
  Britain: 'GB',
  Turkey: 'TR',
};
/** Peoples and faiths (besides demonyms and what re3d annotates as a Nationality): not names of their own. */
const PEOPLES = [
  'Arab',
  'Kurd',
  'Turk',
  'Sunni',
  'Shia',
  'Shiite',
  "Shi'ite",
  'Muslim',
  'Christian',
  'Yazidi',
  'Yezidi',
  'Alawite',
  'Druze',
  'Turkmen',
];

/** A word as the rules look it up: lower case, no possessive, no trailing stop or hyphen. */
const wordKey = (w: string) =>
  w
    .replace(/-\p{Ll}.*$/u, '')
    .toLowerCase()
    .replace(/['’]s?$/, '')
    .replace(/[.'’-]+$/, '');
const countryCodes = new Map<string, string>(Object.entries(COUNTRY_SHORT_FORMS));
const demonyms: string[] = [];
for (const line of show(here, `${GOLD_GAZETTEER_COMMIT}:data/gazetteer/countries.tsv`).split('\n')) {
  const [iso2, name, , , alt, dem] = line.split('\t');
  if (!iso2 || !name) continue;
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) countryCodes.set(n, iso2);
  for (const d of (dem ?? '').split('|')) if (d) demonyms.push(d);
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Country names a text writes (whole words): a pin in one of them is not a false place. */
function countriesNamed(text: string): string[] {
  const out = new Set<string>();
  for (const [name, iso2] of countryCodes)
    if (new RegExp(`(?<![\\p{L}.])${escape(name)}(?![\\p{L}])`, 'u').test(text)) out.add(iso2);
  return [...out];
}
/** The span is a country's name, with article or possessive at most ("the United States", "Iraq's"). */
function isCountryName(span: string): boolean {
  const bare = span
    .replace(/^(?:the|The)\s+/, '')
    .replace(/['’]s?$/, '')
    .trim();
  return countryCodes.has(bare);
}

// ---- read --------------------------------------------------------------------------------------
interface Source {
  name: string;
  docs: Doc[];
  annotations: Annotation[];
}
const sources: Source[] = RE3D_SOURCES.map((name) => ({
  name,
  docs: jsonLines<Doc>(show(repo, `${RE3D_COMMIT}:${name}/documents.json`)),
  annotations: jsonLines<Annotation>(show(repo, `${RE3D_COMMIT}:${name}/entities.json`)),
}));

/** A country's name, a demonym or a people (plural too): its words name no person, group or place of their own. */
const nationalities = sources.flatMap((s) =>
  s.annotations.filter((a) => a.type === 'Nationality' && /^\p{Lu}/u.test(a.value)).map((a) => a.value),
);
const COUNTRY_OR_PEOPLE = new RegExp(
  `(?<![\\p{L}])(?:${[...new Set([...countryCodes.keys(), ...demonyms, ...nationalities, ...PEOPLES])]
    .sort((x, y) => y.length - x.length)
    .map(escape)
    .join('|')})s?(?![\\p{L}])`,
  'gu',
);

// Words the corpus writes in lower case somewhere: capitalised only at a sentence's start, they name nothing.
const lowerWords = new Set<string>();
for (const s of sources)
  for (const d of s.docs)
    for (const m of d.text.matchAll(WORD)) if (m[0] === m[0].toLowerCase()) lowerWords.add(wordKey(m[0]));

function sentenceInitial(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[\s\u00a0"“‘'([]/u.test(text[i] ?? '')) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || /[.!?:;•\-–—]/.test(text[i] ?? '');
}

/** The gold reading of a span's words: a capitalised word that is no pronoun, title or common word. */
function nameWords(
  doc: Doc,
  a: Annotation,
  skip: (key: string, word: string) => boolean,
  inOtherSpan: (at: number, end: number) => boolean,
): string[] {
  const out: string[] = [];
  const span = doc.text.slice(a.begin, a.end);
  const countries = [...span.matchAll(COUNTRY_OR_PEOPLE)].map((m) => [m.index, m.index + m[0].length]);
  for (const m of span.matchAll(WORD)) {
    if (countries.some(([b, e]) => (m.index ?? 0) >= (b ?? 0) && (m.index ?? 0) < (e ?? 0))) continue;
    const word = m[0];
    const at = a.begin + (m.index ?? 0);
    // A capital opens it ("al-" aside), or the word has one inside ("myTV"), or its script has no case.
    if (!/^(?:\p{Ll}{1,3}-)?\p{Lu}|^\p{Ll}+\p{Lu}|^\p{Lo}/u.test(word) || word.length < 2) continue;
    // "ISIL-held", "U.S.-led", "Arabic-speaking": an adjective, no name.
    if (/^\p{Lu}[\p{L}.]*-\p{Ll}+$/u.test(word)) continue;
    const key = wordKey(word);
    if (PRONOUNS.has(key) || FUNCTION_WORDS.has(key)) continue;
    if (sentenceInitial(doc.text, at) && lowerWords.has(key)) continue;
    if (skip(key, word) || inOtherSpan(at, at + word.length)) continue;
    out.push(word);
  }
  return out;
}

const orgKey = (s: string) =>
  s
    .replace(/^the\s+/i, '')
    .replace(/[-\s]+/g, ' ')
    .toLowerCase();
const acceptedOrganisations = new Set(
  sources.flatMap((s) =>
    s.annotations.filter((a) => a.type === 'Organisation' && a.confidence >= 0.5).map((a) => orgKey(a.value)),
  ),
);

// ---- gold ----------------------------------------------------------------------------------------
/** re3d's confidence is the crowd model's probability that the annotation is right; above even is gold. */
const GOLD_CONFIDENCE = 0.5;
const KINDS = ['Person', 'Organisation', 'Location', 'Temporal'] as const;
type Kind = (typeof KINDS)[number];

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?(?!\\d)';
const CALENDAR_DAY = new RegExp(
  `(?<![\\p{L}\\d])(?:${DAY}(?:\\s*[-–]\\s*${DAY})?\\s+${MONTH}(?![\\p{L}])|${MONTH}\\s*${DAY})`,
  'u',
);
const NAMED_DAY =
  /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tomorrow|tonight|last night)\b/i;

export interface Span {
  text: string;
  begin: number;
  end: number;
}
interface Judged {
  gold: Span[];
  /** Annotated spans of the kind that the rules leave out: a system name on them is neither right nor wrong. */
  other: Span[];
}

function judge(doc: Doc, all: Annotation[]): Record<Kind, Judged> {
  const kept = all.filter((a) => a.confidence >= GOLD_CONFIDENCE);
  // re3d does not nest: a name inside a longer accepted span keeps confidence 0 ("U.S. Central
  // Command" in "commander of U.S. Central Command").
  const nested = all.filter(
    (a) =>
      a.confidence < GOLD_CONFIDENCE &&
      kept.some((k) => k.begin <= a.begin && a.end <= k.end && k.end - k.begin > a.end - a.begin),
  );
  const inside =
    (types: string[], self: Annotation, accepted = (_o: Annotation) => true) =>
    (at: number, end: number) =>
      all.some(
        (o) =>
          o !== self &&
          types.includes(o.type) &&
          accepted(o) &&
          o.begin <= at &&
          end <= o.end &&
          self.begin <= o.begin &&
          o.end <= self.end &&
          o.end - o.begin < self.end - self.begin,
      );
  const span = (a: Annotation): Span => ({
    text: doc.text.slice(a.begin, a.end),
    begin: a.begin,
    end: a.end,
  });
  const out = {} as Record<Kind, Judged>;
  for (const kind of KINDS) {
    const judged: Judged = { gold: [], other: [] };
    for (const a of kept.filter((k) => k.type === kind)) {
      const s = span(a);
      let gold: boolean;
      if (kind === 'Person') {
        // In a span written all in capitals (a transcript's speaker) capitals are no acronym.
        const shouting = !/\p{Ll}/u.test(s.text);
        gold =
          nameWords(
            doc,
            a,
            (w, word) =>
              TITLE_WORDS.has(w) ||
              REGION_WORDS.has(w) ||
              lowerWords.has(w) ||
              (!shouting && /^[\p{Lu}.-]{2,}(?:s|['’]s)?$/u.test(word)),
            // "commander of U.S. Central Command", "a crew chief in Abel Battery": the unit is no name
            // (a unit re3d accepts as an organisation somewhere; its machine guesses, like "Defense Ash
            // Carter", are not).
            inside(['Organisation'], a, (o) => acceptedOrganisations.has(orgKey(o.value))),
          ).length > 0;
      } else if (kind === 'Organisation')
        gold =
          !isCountryName(s.text) &&
          nameWords(doc, a, (w) => GOVERNMENT_WORDS.has(w), inside(['Nationality'], a)).length > 0;
      else if (kind === 'Location') {
        // "ISIL targets", "a VBIED facility": a thing of a group or a weapon, named by nothing else.
        const endsCommon = /\s\p{Ll}[\p{L}-]*$/u.test(s.text);
        const ofOther = inside(
          ['Organisation', 'Person', 'Nationality', 'Weapon', 'MilitaryPlatform', 'Vehicle'],
          a,
        );
        gold =
          /\p{L}/u.test(s.text) &&
          nameWords(
            doc,
            a,
            (w, word) => REGION_WORDS.has(w) || (endsCommon && /^[\p{Lu}.]{2,}(?:['’]s)?$/u.test(word)),
            (at, end) => endsCommon && ofOther(at, end),
          ).length > 0;
      } else gold = CALENDAR_DAY.test(s.text) || NAMED_DAY.test(s.text);
      (gold ? judged.gold : judged.other).push(s);
    }
    for (const a of nested.filter((n) => n.type === kind)) judged.other.push(span(a));
    out[kind] = judged;
  }
  return out;
}

// ---- texts of update size --------------------------------------------------------------------------
const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const ABBREVIATION =
  /(?:\b(?:Gen|Lt|Col|Capt|Brig|Maj|Sgt|Spc|Adm|Cmdr|Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jr|Sr|Inc|Co|vs|etc|approx)|\b\p{Lu}|\b(?:\p{Lu}\.)+\p{Lu})\.$/u;

/** [begin, end) of each sentence of a paragraph, never cutting inside an annotation. */
function sentences(text: string, begin: number, end: number, spans: Annotation[]): [number, number][] {
  const out: [number, number][] = [];
  let start = begin;
  const re = /[.!?]["”’)]?\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  re.lastIndex = begin;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const cut = m.index + m[0].trimEnd().length;
    if (ABBREVIATION.test(text.slice(Math.max(begin, m.index - 12), m.index + 1))) continue;
    if (spans.some((a) => a.begin < cut && cut < a.end)) continue;
    out.push([start, cut]);
    start = m.index + m[0].length;
  }
  out.push([start, end]);
  return out;
}

/** Paragraphs joined (short) or cut at sentences (long) into texts of ~40–150 words. */
function chunks(doc: Doc, spans: Annotation[]): [number, number][] {
  const units: [number, number][] = [];
  for (const m of doc.text.matchAll(/[^\n]+/g)) {
    const b = m.index ?? 0;
    const e = b + m[0].trimEnd().length;
    if (!/[\p{L}\p{N}]/u.test(m[0])) continue;
    if (words(m[0]) <= MAX_WORDS) {
      units.push([b, e]);
      continue;
    }
    let group: [number, number] | undefined;
    for (const s of sentences(doc.text, b, e, spans)) {
      if (group && words(doc.text.slice(group[0], s[1])) <= MAX_WORDS) group = [group[0], s[1]];
      else {
        if (group) units.push(group);
        group = s;
      }
    }
    if (group) units.push(group);
  }
  const out: [number, number][] = [];
  for (const u of units) {
    const last = out[out.length - 1];
    const crosses = last !== undefined && spans.some((a) => a.begin < u[0] && a.end > last[1]);
    if (last && (words(doc.text.slice(last[0], last[1])) < MIN_WORDS || crosses)) last[1] = u[1];
    else out.push([u[0], u[1]]);
  }
  // A short tail joins the text before it.
  const tail = out[out.length - 1];
  const before = out[out.length - 2];
  if (tail && before && words(doc.text.slice(tail[0], tail[1])) < MIN_WORDS) {
    before[1] = tail[1];
    out.pop();
  }
  return out;
}

// ---- build ---------------------------------------------------------------------------------------
const countOf = (text: string, re: RegExp) => (text.match(re) ?? []).length;
interface Item {
  id: string;
  split: 'dev' | 'heldout';
  source: string;
  document: string;
  country: string;
  storyCountries: string[];
  published: string;
  text: string;
  people: Span[];
  organizations: Span[];
  namedPlaces: Span[];
  dateSpans: Span[];
  /** Annotated spans the rules leave out, per kind: neither rewarded nor penalised. */
  otherPeople: Span[];
  otherOrganizations: Span[];
  otherPlaces: Span[];
  placeCountries: string[];
}
const items: Item[] = [];
for (const source of sources)
  for (const doc of source.docs) {
    const anns = source.annotations.filter((a) => a.documentId === doc._id);
    const judged = judge(doc, anns);
    const cuttable = anns.filter((a) => a.confidence >= GOLD_CONFIDENCE);
    // The story's country: the one of the two the document names more (Syria when even).
    const country =
      countOf(doc.text, /\bIraq/g) > countOf(doc.text, /\bSyria/g) ? 'IQ' : ('SY' as 'IQ' | 'SY');
    chunks(doc, cuttable).forEach(([b, e], n) => {
      const within = (spans: Span[]) =>
        spans
          .filter((s) => s.begin >= b && s.end <= e)
          .map((s) => ({ text: s.text, begin: s.begin - b, end: s.end - b }))
          .sort((x, y) => x.begin - y.begin);
      const text = doc.text.slice(b, e);
      const docKey = `re3d-${doc._id}`;
      items.push({
        id: `${docKey}-${n + 1}`,
        split: splitOf(docKey),
        source: source.name,
        document: doc._id,
        country,
        storyCountries: ['SY', 'IQ'],
        // re3d keeps no publication date (documents.json has none): dates are scored by span only.
        published: '2017-07-03T12:00:00Z',
        text,
        people: within(judged.Person.gold),
        organizations: within(judged.Organisation.gold),
        namedPlaces: within(judged.Location.gold),
        dateSpans: within(judged.Temporal.gold),
        otherPeople: within(judged.Person.other),
        otherOrganizations: within(judged.Organisation.other),
        otherPlaces: within(judged.Location.other),
        placeCountries: [...new Set(['SY', 'IQ', ...countriesNamed(text)])],
      });
    });
  }

const out = process.argv[3] ?? join(here, 're3d-paragraphs.jsonl');
writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 're3d-split.tsv'),
  'id\tdocument\tsplit\n' + items.map((i) => `${i.id}\t${i.document}\t${i.split}`).join('\n') + '\n',
);
const sum = (k: 'people' | 'organizations' | 'namedPlaces' | 'dateSpans', split: string) =>
  items.filter((i) => i.split === split).reduce((n, i) => n + i[k].length, 0);
const docs = (split: string) => new Set(items.filter((i) => i.split === split).map((i) => i.document)).size;
for (const split of ['dev', 'heldout'])
  console.log(
    `${split}: ${items.filter((i) => i.split === split).length} texts from ${docs(split)} documents; ` +
      `people ${sum('people', split)}, organisations ${sum('organizations', split)}, ` +
      `named places ${sum('namedPlaces', split)}, dates ${sum('dateSpans', split)}`,
  );
console.log(`-> ${out}`);
