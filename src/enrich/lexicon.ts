/** A case-sensitive dictionary of surface forms, matched longest-first over word tokens. */
import { tokenShape, type Token } from './text/tokenize.ts';

/** A country as the gazetteer knows it. */
export interface Country {
  iso2: string;
  name: string;
  lat: number;
  lon: number;
}

/** A place below country level: an admin-1 region or a town. */
export interface Place {
  kind: 'city' | 'region';
  name: string;
  iso2: string;
  /** Admin-1 code within the country (GeoNames), used to name the region of a town. */
  admin1Code: string;
  lat: number;
  lon: number;
  population: number;
  /** Set on places imported from GeoNames dumps (`dateline gazetteer import`). */
  geonameId?: number;
  /** GeoNames feature code of an imported place ("PPL", "ADM2", "CMPRF"…); "PPLC" marks a built-in capital. */
  feature?: string;
  /** Admin-2 code and, when admin2Codes.txt was imported, name (the district of a town). */
  admin2Code?: string;
  admin2?: string;
}

/** A person from resources/names/people.json. */
export interface Person {
  name: string;
  aliases: string[];
  role?: string;
  country?: string;
  from?: string;
  to?: string;
}

/** An organisation from resources/names/organizations.json. */
export interface Organization {
  name: string;
  aliases: string[];
  kind: string;
  country?: string;
}

/** What a surface form can refer to. `canonical` marks a place's own name (not an alias). */
export type LexEntry =
  | { kind: 'person'; person: Person }
  | { kind: 'org'; org: Organization }
  | { kind: 'country'; country: Country; demonym: boolean }
  | { kind: 'place'; place: Place; canonical: boolean };

/** A matched span of the text with everything its surface form can refer to. */
export interface Match {
  text: string;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
  entries: LexEntry[];
  /** An editor's correction says what this spelling is: it wins over the dictionaries. */
  override?: boolean;
}

/** Normalises a surface form the way keys are stored: curly apostrophes straightened, spaces collapsed. */
export function surfaceKey(text: string): string {
  // Most surfaces need no change; testing first keeps matching cheap.
  if (!/[’‘]|\s\s|[\t\n\r]|\.$/.test(text)) return text;
  return text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(/\.$/, '');
}

const PREFIX = /^(?:pro|anti|Pro|Anti|non|ex)-(?=\p{Lu})/u;

// Apostrophes and ayn/hamza marks a name may be written with inside ("Nad ‘Ali", "Taʿizz").
const APOSTROPHE_MARKS = /['’‘ʿʾ`]/g;
// Particles a title-case line capitalises inside a name ("Lanao Del Sur", "Deir Ez-Zor").
const TITLE_PARTICLE =
  /(?<=[\s-])(?:Del|De|Da|Di|Do|Dos|Das|Du|La|Le|Les|Los|Las|Y|Al|El|Ad|An|Ar|As|Ash|At|Az|Ed|Es|Ez|Of|The|And|On|Upon)(?=[\s-])/g;
/** A place's name of two capitalised words joined by a hyphen ("Ivano-Frankivsk", "Kamianets-Podilskyi"). */
const HYPHENED_NAME = /^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u;
/** The same two words spaced, as news copy often writes them. */
const SPACED_NAME = /^(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)$/u;
const NEEDS_VARIANT =
  /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$|['’‘ʿʾ`]|[\s-](?:Del|De|Da|Di|Do|Dos|Das|Du|La|Le|Les|Los|Las|Y|Al|El|Ad|An|Ar|As|Ash|At|Az|Ed|Es|Ez|Of|The|And|On|Upon)[\s-]/u;

/**
 * Other keys a span of a name may be stored under: without its apostrophe marks (the gazetteer
 * keeps every spelling without them: "Nad ‘Ali" is "Nad Ali", "Taʿizz" "Taizz"), and with the
 * particles a title-case headline capitalises in lower case ("Lanao Del Sur" is "Lanao del Sur"),
 * and two capitalised words joined by a hyphen ("Kamianets Podilskyi" is "Kamianets-Podilskyi").
 * Empty for most spans, which need none of these.
 */
export function spanVariants(key: string): string[] {
  if (!NEEDS_VARIANT.test(key)) return [];
  const out = new Set<string>();
  const bare = key.replace(APOSTROPHE_MARKS, '');
  for (const k of [key, bare]) {
    out.add(k);
    out.add(k.replace(TITLE_PARTICLE, (p) => p.toLowerCase()));
  }
  out.add(key.replace(SPACED_NAME, '$1-$2'));
  out.delete(key);
  return [...out];
}

/** The mark before a name ("ʿAmran") is not where it starts. */
const LEADING_MARK = /^[ʿʾ](?=\p{Lu})/u;

/**
 * The key a span of text is looked up under: diacritics dropped ("Culiacán" is stored as
 * "Culiacan") and a lowercase Arabic article capitalised ("al-Hasakah" as "Al-Hasakah").
 * Only spans that need it are rewritten, which keeps matching cheap.
 */
function lookupKey(key: string): string {
  // Fast path (most tokens): plain ASCII starting with a capital.
  const first = key.charCodeAt(0);
  let ascii = true;
  for (let i = 0; i < key.length && ascii; i++) if (key.charCodeAt(i) > 126) ascii = false;
  if (ascii && !(first >= 97 && first <= 122)) return key;
  let out = ascii ? key : key.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^(?:al|el|an|ar|as|ad|ash|at|az)[- ]\p{Lu}/u.test(out))
    out = out.charAt(0).toUpperCase() + out.slice(1);
  return out;
}

/** tokenShape for a phrase of plain words: split at spaces (most of the gazetteer). */
function plainShape(key: string): { first: string; count: number } {
  let count = 1;
  let firstEnd = -1;
  for (let i = 0; i < key.length; i++)
    if (key.charCodeAt(i) === 32) {
      if (firstEnd === -1) firstEnd = i;
      count++;
    }
  const first = firstEnd === -1 ? key : key.slice(0, firstEnd);
  return { first: first.endsWith("'s") ? first.slice(0, -2) : first, count };
}

/**
 * A map of surface forms to entries. Matching is longest-first from each token; it only tries
 * tokens that begin some form, and only as many tokens ahead as that form's longest entry has
 * (profiling showed building and normalising every candidate span was 40% of the pipeline).
 */
export class Lexicon {
  private readonly entries = new Map<string, LexEntry[]>();
  /** For each first word, the most tokens a form starting with it can span. */
  private readonly spans = new Map<string, number>();

  /** Adds one surface form; several entries may share it (ambiguous place names). */
  add(surface: string, entry: LexEntry): void {
    const key = surfaceKey(surface);
    if (key.length < 2) return;
    const list = this.entries.get(key);
    if (list) {
      if (!list.includes(entry)) list.push(entry);
    } else this.entries.set(key, [entry]);
    // Tokenised as text is, so "AFC/M23" starts at "AFC" and "U.S." at "U.S".
    const { first, count } = /[^\p{L}\p{N} '’‘-]/u.test(surface) ? tokenShape(surface) : plainShape(key);
    const word = surfaceKey(first);
    if ((this.spans.get(word) ?? 0) < count) this.spans.set(word, count);
    // "Ivano-Frankivsk" is written "Ivano Frankivsk" too.
    if (entry.kind === 'place' && HYPHENED_NAME.test(key)) this.add(key.replace('-', ' '), entry);
  }

  /** Adds every form of `other` (editors' corrections layered over the shipped data). */
  addAll(other: Lexicon): void {
    for (const [key, entries] of other.entries) for (const entry of entries) this.add(key, entry);
  }

  /** Every entry, once each. */
  all(): Set<LexEntry> {
    const out = new Set<LexEntry>();
    for (const entries of this.entries.values()) for (const entry of entries) out.add(entry);
    return out;
  }

  /** Every surface form with its entries. */
  surfaces(): IterableIterator<[string, LexEntry[]]> {
    return this.entries.entries();
  }

  /** The entries for an exact surface form. */
  get(surface: string): LexEntry[] | undefined {
    return this.entries.get(surfaceKey(surface));
  }

  /**
   * The entries a span of text was matched to, looked up as match() does: as written, then without
   * diacritics and as a variant ("François Fillon" finds "Francois Fillon").
   */
  lookup(span: string): LexEntry[] | undefined {
    const exact = surfaceKey(span);
    const own = this.entries.get(exact);
    if (own) return own;
    const folded = lookupKey(exact);
    const found = this.entries.get(folded);
    if (found) return found;
    for (const variant of spanVariants(folded)) {
      const entries = this.entries.get(variant);
      if (entries) return entries;
    }
    return undefined;
  }

  /**
   * Longest matches, left to right, none overlapping. A match starts only at a capitalised
   * token or an Arabic article ("al-Qaeda"); "pro-"/"anti-" before a name is skipped, so
   * "pro-Russian" matches "Russian". `extra` is consulted too (names seen earlier in the text).
   */
  match(text: string, tokens: Token[], extra?: Lexicon): Match[] {
    const out: Match[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i];
      if (!first) continue;
      let start = first.start;
      const prefix = PREFIX.exec(first.text) ?? LEADING_MARK.exec(first.text);
      if (prefix) start += prefix[0].length;
      const initial = text[start] ?? '';
      // "al Qaeda", "al Shabaab": wire copy writes the article lowercase with a space.
      const spacedArticle =
        (initial === 'a' || initial === 'e') && /^(?:al|el) \p{Lu}/u.test(text.slice(start, start + 4));
      if (
        !spacedArticle &&
        !/\p{Lu}|\p{N}/u.test(initial) &&
        !/^(?:al|el|an|ar|as|ad|ash|at|az)-/.test(text.slice(start, start + 4))
      )
        continue;
      const raw = surfaceKey(text.slice(start, first.end)).replace(/\.$/, '');
      const word = spacedArticle ? raw.charAt(0).toUpperCase() + raw.slice(1) : lookupKey(raw);
      let span = Math.max(
        this.spans.get(raw) ?? 0,
        extra?.spans.get(raw) ?? 0,
        this.spans.get(word) ?? 0,
        extra?.spans.get(word) ?? 0,
      );
      // "Taʿizz" starts forms stored as "Taizz"
      for (const w of spanVariants(word))
        span = Math.max(span, this.spans.get(w) ?? 0, extra?.spans.get(w) ?? 0);
      if (span === 0) continue;
      let found: Match | undefined;
      const last = Math.min(tokens.length, i + span) - 1;
      for (let j = last; j >= i && !found; j--) {
        const end = tokens[j];
        if (!end || end.sentence !== first.sentence) continue;
        const surface = text.slice(start, end.end);
        const exact = surfaceKey(surface);
        const folded = lookupKey(exact);
        const key = this.entries.has(exact) || extra?.entries.has(exact) ? exact : folded;
        let own = this.entries.get(key);
        let more = extra?.entries.get(key);
        if (!own && !more)
          for (const variant of spanVariants(folded)) {
            own = this.entries.get(variant);
            more = extra?.entries.get(variant);
            if (own || more) break;
          }
        const entries = more ? [...(own ?? []), ...more] : own;
        if (entries && entries.length > 0)
          found = { text: surface, start, end: end.end, firstToken: i, lastToken: j, entries };
      }
      if (found) {
        out.push(found);
        i = found.lastToken;
      }
    }
    return out;
  }
}
