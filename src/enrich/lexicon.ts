/** A case-sensitive dictionary of surface forms, matched longest-first over word tokens. */
import type { Token } from './text/tokenize.ts';

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
}

/** A person from data/names/people.json. */
export interface Person {
  name: string;
  aliases: string[];
  role?: string;
  country?: string;
  from?: string;
  to?: string;
}

/** An organisation from data/names/organizations.json. */
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
}

/** Normalises a surface form the way keys are stored: curly apostrophes straightened, spaces collapsed. */
export function surfaceKey(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(/\.$/, '');
}

const PREFIX = /^(?:pro|anti|Pro|Anti|non|ex)-(?=\p{Lu})/u;

/** A map of surface forms to entries, with the longest form's length in tokens. */
export class Lexicon {
  private readonly entries = new Map<string, LexEntry[]>();
  private maxTokens = 1;

  /** Adds one surface form; several entries may share it (ambiguous place names). */
  add(surface: string, entry: LexEntry): void {
    const key = /[’‘\s]|\.$/.test(surface) ? surfaceKey(surface) : surface;
    if (key.length < 2) return;
    const list = this.entries.get(key);
    if (list) {
      if (!list.includes(entry)) list.push(entry);
    } else this.entries.set(key, [entry]);
    // Upper bound on the words in a form: spaces plus the hyphens and apostrophes that may split it.
    let words = 1;
    for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) words++;
    if (words + 1 > this.maxTokens) this.maxTokens = Math.min(words + 1, 10);
  }

  /** The entries for an exact surface form. */
  get(surface: string): LexEntry[] | undefined {
    return this.entries.get(surfaceKey(surface));
  }

  /**
   * Longest matches, left to right, none overlapping. A match starts only at a capitalised
   * token or an Arabic article ("al-Qaeda"); "pro-"/"anti-" before a name is skipped, so
   * "pro-Russian" matches "Russian". `extra` is consulted too (names seen earlier in the text).
   */
  match(text: string, tokens: Token[], extra?: Lexicon): Match[] {
    const out: Match[] = [];
    const maxTokens = Math.max(this.maxTokens, extra?.maxTokens ?? 1);
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i];
      if (!first) continue;
      let start = first.start;
      const prefix = PREFIX.exec(first.text);
      if (prefix) start += prefix[0].length;
      const initial = text[start] ?? '';
      if (
        !/\p{Lu}|\p{N}/u.test(initial) &&
        !/^(?:al|el|an|ar|as|ad|ash|at|az)-/.test(text.slice(start, start + 4))
      )
        continue;
      let found: Match | undefined;
      const last = Math.min(tokens.length, i + maxTokens) - 1;
      for (let j = last; j >= i && !found; j--) {
        const end = tokens[j];
        if (!end || end.sentence !== first.sentence) continue;
        const surface = text.slice(start, end.end);
        const key = surfaceKey(surface);
        const entries = [...(this.entries.get(key) ?? []), ...(extra?.entries.get(key) ?? [])];
        if (entries.length > 0)
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
