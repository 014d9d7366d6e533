/**
 * Builds the eighth real-text set (wikievents-texts.jsonl) from WikiEvents (Li, Ji and Han, NAACL
 * 2021): news reports of bombings, IED and drone attacks, shootings and unrest, linked from
 * Wikipedia, with every entity mention annotated by the dataset's annotators (people, organisations,
 * places, weapons…). The gold is theirs, filtered by the rules in eval/README.md ("Eighth real-text
 * set"); nobody at Dateline wrote a gold entry. Documents are cut into update-sized texts (sentences
 * joined to ~40–150 words), gold spans carried over with their offsets.
 *
 *   node --import tsx eval/real/build-wikievents-set.ts /path/to/gen-arg-git-dir [OUT.jsonl]
 *
 * The directory is a clone (or bare copy) of github.com/raspberryice/gen-arg holding WIKIEVENTS_COMMIT
 * (its train split is not in the repository: only dev.jsonl and test.jsonl are read).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealSpanItem } from './run-real-eval.ts';
import { splitOf } from './split-of.ts';
import { FUNCTION_WORDS, GOVERNMENT_WORDS, PRONOUNS, REGION_WORDS } from './span-words.ts';

const here = import.meta.dirname;
const WIKIEVENTS_COMMIT = '16d8f908ecf6a9ff5d50042597ac6139157c3edb';
const FILES = ['data/wikievents/dev.jsonl', 'data/wikievents/test.jsonl'];
/** Country names and demonyms, from the gazetteer the other sets were annotated with. */
const GOLD_GAZETTEER_COMMIT = '0fc19e6';
const MIN_WORDS = 40;
const MAX_WORDS = 150;
/** A document that writes no year and no date in its id. */
const DEFAULT_PUBLISHED = '2018-07-01T12:00:00Z';

const repo = process.argv[2];
if (!repo) throw new Error('usage: build-wikievents-set.ts /path/to/gen-arg-git-dir [OUT.jsonl]');
const show = (cwd: string, spec: string) =>
  execFileSync('git', ['show', spec], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Mention {
  id: string;
  sent_idx: number;
  start: number;
  end: number;
  entity_type: string;
  text: string;
}
interface Doc {
  doc_id: string;
  /** Per sentence: its tokens with character offsets into the original document, and its text. */
  sentences: [[string, number, number][], string][];
  entity_mentions: Mention[];
}
export interface Span {
  text: string;
  begin: number;
  end: number;
}

const docs: Doc[] = FILES.flatMap((f) =>
  show(repo, `${WIKIEVENTS_COMMIT}:${f}`)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Doc),
);

// ---- words -----------------------------------------------------------------------------------
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;
/** Titles, ranks, offices and kin: a person mention made only of these names nobody ("The President"). */
const TITLE_WORDS = new Set(
  `minister ministers secretary foreign home defence defense interior state prime president vice deputy acting
  special senior chief general gen lieutenant lt colonel col major maj captain capt brigadier brig admiral adm
  sergeant sgt officer commander spokesman spokeswoman ambassador envoy director agent judge justice attorney
  governor mayor senator sen rep representative mr mrs ms dr sir lord lady king queen prince princess sheikh imam
  mullah prophet honor honour leader former mummy mom dad`.split(/\s+/),
);
/** Peoples, faiths and deities: not a person's name. */
const PEOPLES = new Set(
  `arab arabs kurd kurds kurdish turk sunni shia shiite shi'ite muslim muslims christian christians catholic
  protestant jew jews jewish islamist islamists allah god uighur uighurs chechen chechens avars dargins kumyks
  lezgins laks tabasarans nogai bolsheviks provisionals nationals westerners afghani leftists
  rightists`.split(/\s+/),
);
const wordKey = (w: string) =>
  w
    .replace(/-\p{Ll}.*$/u, '')
    .toLowerCase()
    .replace(/['’]s?$/, '')
    .replace(/[.'’-]+$/, '');
const countryCodes = new Map<string, string>([
  ['US', 'US'],
  ['U.S.', 'US'],
  ['U.S', 'US'],
  ['USA', 'US'],
  ['America', 'US'],
  ['UK', 'GB'],
  ['Britain', 'GB'],
]);
const demonymKeys = new Set<string>(['american', 'americans', 'british', 'briton', 'britons']);
/** Demonym → country, for the countries a document names ("American soil"). */
const demonymCodes = new Map<string, string>([
  ['American', 'US'],
  ['British', 'GB'],
]);
for (const line of show(here, `${GOLD_GAZETTEER_COMMIT}:data/gazetteer/countries.tsv`).split('\n')) {
  const [iso2, name, , , alt, dem] = line.split('\t');
  if (!iso2 || !name) continue;
  for (const n of [name, ...(alt ?? '').split('|')]) if (n) countryCodes.set(n, iso2);
  for (const d of (dem ?? '').split('|'))
    if (d) {
      for (const k of [d, `${d}s`]) demonymKeys.add(k.toLowerCase());
      if (!demonymCodes.has(d)) demonymCodes.set(d, iso2);
    }
}
const countryKeys = new Set([...countryCodes.keys()].map((k) => k.toLowerCase()));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The countries a text names by name or demonym (plural too). */
function countriesNamed(text: string): string[] {
  const out = new Set<string>();
  for (const [name, iso2] of countryCodes)
    if (new RegExp(`(?<![\\p{L}.])${escape(name)}(?![\\p{L}])`, 'u').test(text)) out.add(iso2);
  for (const [name, iso2] of demonymCodes)
    if (new RegExp(`(?<![\\p{L}.])${escape(name)}s?(?![\\p{L}])`, 'u').test(text)) out.add(iso2);
  return [...out];
}

// ---- documents as text ---------------------------------------------------------------------------
interface Built {
  text: string;
  /** Sentence ranges in `text`. */
  sentences: [number, number][];
  /** Per mention: its span in `text`. */
  spans: Map<Mention, Span>;
}
/**
 * The dataset's `text` field runs sentences together ("…in SyriaThe desert…"); the sentences keep
 * their offsets, so the document is laid out again: a sentence ending in a stop is followed by a
 * space, one without (a headline) by a blank line.
 */
function build(doc: Doc): Built {
  let text = '';
  const sentences: [number, number][] = [];
  const tokenAt: [number, number][] = [];
  for (const [tokens, sentence] of doc.sentences) {
    if (text) text += /[.!?]["”’)]?$/u.test(text) ? ' ' : '\n\n';
    const base = text.length;
    const origin = tokens[0]?.[1] ?? 0;
    for (const [, b, e] of tokens) tokenAt.push([base + b - origin, base + e - origin]);
    text += sentence;
    sentences.push([base, text.length]);
  }
  const spans = new Map<Mention, Span>();
  for (const m of doc.entity_mentions) {
    const b = tokenAt[m.start]?.[0];
    const e = tokenAt[m.end - 1]?.[1];
    if (b === undefined || e === undefined) continue;
    if (text.slice(b, e).replace(/\s+/g, '') !== m.text.replace(/\s+/g, ''))
      throw new Error(`${m.id}: "${text.slice(b, e)}" is not "${m.text}"`);
    spans.set(m, { text: text.slice(b, e), begin: b, end: e });
  }
  return { text, sentences, spans };
}
const built = new Map(docs.map((d) => [d, build(d)]));

// Words the corpus writes in lower case somewhere: capitalised only at a sentence's start, they name nothing.
const lowerWords = new Set<string>();
for (const b of built.values())
  for (const m of b.text.matchAll(WORD)) if (m[0] === m[0].toLowerCase()) lowerWords.add(wordKey(m[0]));

/** The words of a span that name something: capitalised, and no pronoun, title, people or common word. */
function nameWords(b: Built, s: Span, skip: (key: string, word: string) => boolean): string[] {
  const out: string[] = [];
  for (const m of s.text.matchAll(WORD)) {
    const word = m[0];
    const at = s.begin + (m.index ?? 0);
    if (!/^(?:\p{Ll}{1,3}-)?\p{Lu}|^\p{Ll}+\p{Lu}/u.test(word) || word.length < 2) continue;
    if (/^\p{Lu}[\p{L}.]*-\p{Ll}+$/u.test(word)) continue; // "U.S.-made", "ISIS-linked"
    const key = wordKey(word);
    if (PRONOUNS.has(key) || FUNCTION_WORDS.has(key)) continue;
    const sentenceStart = b.sentences.some(([sb]) => sb === at);
    if ((sentenceStart || !/\p{Ll}/u.test(s.text)) && lowerWords.has(key)) continue;
    if (countryKeys.has(key) || demonymKeys.has(key)) continue;
    if (skip(key, word)) continue;
    out.push(word);
  }
  return out;
}

interface Judged {
  gold: Span[];
  other: Span[];
}
function judge(doc: Doc, b: Built): Record<'people' | 'organizations' | 'places', Judged> {
  const out = {
    people: { gold: [], other: [] },
    organizations: { gold: [], other: [] },
    places: { gold: [], other: [] },
  } as Record<'people' | 'organizations' | 'places', Judged>;
  // The words of the document's names of two words or more ("Eva Forest"): such a word alone is the name too.
  const nameParts = (type: string) =>
    new Set(
      doc.entity_mentions
        .filter((m) => m.entity_type === type && /\s/.test(m.text))
        .flatMap((m) => m.text.split(/\s+/))
        .map(wordKey),
    );
  const personParts = nameParts('PER');
  const organisationParts = nameParts('ORG');
  // "Women", "the Bureau", "Defense": one word the corpus also writes in lower case names nobody,
  // unless it is part of a longer name in the document. Neither gold nor wrong.
  const common = (words: string[], parts: Set<string>) =>
    words.length === 1 && lowerWords.has(wordKey(words[0]!)) && !parts.has(wordKey(words[0]!));
  for (const m of doc.entity_mentions) {
    const s = b.spans.get(m);
    if (!s) continue;
    if (m.entity_type === 'PER') {
      const words = nameWords(
        b,
        s,
        (k, word) => TITLE_WORDS.has(k) || PEOPLES.has(k) || /^[\p{Lu}.]{2,}s?$/u.test(word),
      );
      // "the Tsarnaevs": a family by its plural is no one person.
      const family =
        words.length === 1 && /[^'’]s$/u.test(words[0]!) && personParts.has(wordKey(words[0]!.slice(0, -1)));
      if (words.length === 0) continue;
      (family || common(words, personParts) ? out.people.other : out.people.gold).push(s);
    } else if (m.entity_type === 'ORG') {
      if (countryKeys.has(wordKey(s.text.replace(/^the\s+/i, '')))) continue;
      const words = nameWords(b, s, (k) => GOVERNMENT_WORDS.has(k) || PEOPLES.has(k));
      if (words.length === 0) continue;
      (common(words, organisationParts) ? out.organizations.other : out.organizations.gold).push(s);
    } else if (m.entity_type === 'GPE' || m.entity_type === 'LOC') {
      // A country is no place to pin, nor a compass word or a world region.
      const bare = s.text.replace(/^the\s+/i, '').replace(/['’]s?$/, '');
      if (countryCodes.has(bare) || demonymKeys.has(bare.toLowerCase())) continue;
      const words = nameWords(b, s, (k) => REGION_WORDS.has(k) || PEOPLES.has(k) || k === 'mideast');
      (words.length > 0 ? out.places.gold : out.places.other).push(s);
    }
  }
  return out;
}

// ---- texts of update size ----------------------------------------------------------------------
const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
function chunks(b: Built): [number, number][] {
  const out: [number, number][] = [];
  for (const [sb, se] of b.sentences) {
    const last = out[out.length - 1];
    if (last && wordCount(b.text.slice(last[0], last[1])) < MIN_WORDS) last[1] = se;
    else if (
      last &&
      wordCount(b.text.slice(last[0], se)) <= MAX_WORDS &&
      wordCount(b.text.slice(sb, se)) < MIN_WORDS
    )
      last[1] = se;
    else out.push([sb, se]);
  }
  const tail = out[out.length - 1];
  const before = out[out.length - 2];
  if (tail && before && wordCount(b.text.slice(tail[0], tail[1])) < MIN_WORDS) {
    before[1] = tail[1];
    out.pop();
  }
  return out;
}

/** The report's day: in its id (VOA's "2017.06.05"), else 1 July of the latest year it writes. */
function published(doc: Doc, text: string): string {
  const inId = /(\d{4})\.(\d{2})\.(\d{2})/.exec(doc.doc_id);
  if (inId) return `${inId[1]}-${inId[2]}-${inId[3]}T12:00:00Z`;
  const years = [...text.matchAll(/(?<!\d)(19[5-9]\d|20[0-2]\d)(?!\d)/g)].map((m) => Number(m[1]));
  return years.length > 0 ? `${Math.max(...years)}-07-01T12:00:00Z` : DEFAULT_PUBLISHED;
}

// ---- build -----------------------------------------------------------------------------------------
type Item = RealSpanItem;
const items: Item[] = [];
for (const doc of docs) {
  const b = built.get(doc)!;
  const judged = judge(doc, b);
  const docKey = `we-${doc.doc_id}`;
  const day = published(doc, b.text);
  const documentCountries = countriesNamed(b.text);
  chunks(b).forEach(([cb, ce], n) => {
    const within = (spans: Span[]) =>
      spans
        .filter((s) => s.begin >= cb && s.end <= ce)
        .map((s) => ({ text: s.text, begin: s.begin - cb, end: s.end - cb }))
        .sort((x, y) => x.begin - y.begin);
    const text = b.text.slice(cb, ce);
    items.push({
      id: `${docKey}-${n + 1}`,
      split: splitOf(docKey),
      source: 'WikiEvents',
      document: doc.doc_id,
      country: '',
      storyCountries: [],
      published: day,
      text,
      people: within(judged.people.gold),
      organizations: within(judged.organizations.gold),
      namedPlaces: within(judged.places.gold),
      dateSpans: [],
      otherPeople: within(judged.people.other),
      otherOrganizations: within(judged.organizations.other),
      otherPlaces: within(judged.places.other),
      // The story's countries: those its document names anywhere (a report on Baghdad names Iraq
      // once, not in every text cut from it).
      placeCountries: documentCountries,
    });
  });
}

const out = process.argv[3] ?? join(here, 'wikievents-texts.jsonl');
writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 'wikievents-split.tsv'),
  'id\tdocument\tsplit\n' + items.map((i) => `${i.id}\t${i.document}\t${i.split}`).join('\n') + '\n',
);
const sum = (k: 'people' | 'organizations' | 'namedPlaces', split: string) =>
  items.filter((i) => i.split === split).reduce((n, i) => n + i[k].length, 0);
const docCount = (split: string) =>
  new Set(items.filter((i) => i.split === split).map((i) => i.document)).size;
for (const split of ['dev', 'heldout'])
  console.log(
    `${split}: ${items.filter((i) => i.split === split).length} texts from ${docCount(split)} documents; ` +
      `people ${sum('people', split)}, organisations ${sum('organizations', split)}, named places ${sum('namedPlaces', split)}`,
  );
console.log(`-> ${out}`);
