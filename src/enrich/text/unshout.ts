/**
 * Headlines shouted in capitals ("INDON TROOPS KILL TWO REBELS IN ACEH", "UNMISS DEEPLY CONCERNED AT
 * …") are read as title case, so that names are found in them as in any headline; words the lists
 * know in capitals ("PKK", "US") stay so. Only letters' case changes, so every offset holds.
 */
import type { Enrichment } from '../types.ts';
import { titleCased } from '../spelling.ts';

const SEGMENT = /[^.!?\n]+[.!?]*/g;
const WORD = /\p{L}[\p{L}'’]*/gu;
const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'and',
  'or',
  'as',
  'into',
  'over',
]);

/** The text with its shouted sentences in title case; the same string when none is shouted. */
export function unshout(text: string, keep: (word: string) => boolean): string {
  if (!/\p{Lu}{3}/u.test(text)) return text;
  let out = text;
  for (const segment of text.matchAll(SEGMENT)) {
    const words = [...segment[0].matchAll(WORD)].filter((w) => w[0].length >= 2);
    const loud = words.filter((w) => w[0] === w[0].toUpperCase());
    if (words.length < 4 || loud.length <= words.length / 2) continue;
    for (const w of loud) {
      const at = segment.index + (w.index ?? 0);
      // as a headline writes it: "Cases of Civilian Casualties in the South"
      const small = w.index !== undefined && w.index > 0 && SMALL_WORDS.has(w[0].toLowerCase());
      if (!small && keep(w[0])) continue;
      const titled = small ? w[0].toLowerCase() : titleCased(w[0]);
      if (titled.length !== w[0].length) continue; // a letter whose lower case is longer ("İ")
      out = out.slice(0, at) + titled + out.slice(at + titled.length);
    }
  }
  return out;
}

/** A spelling found in `quiet` (the unshouted text), as `loud` (the text) writes it there. */
export function asWritten(spelling: string, quiet: string, loud: string): string {
  const at = quiet.indexOf(spelling);
  return at < 0 ? spelling : loud.slice(at, at + spelling.length);
}

/**
 * The result of enriching `quiet` as `loud` writes it: spellings as written, and names the patterns
 * took from the text ("UNMISS") too; listed names stay canonical.
 */
export function spelledAsWritten(result: Enrichment, quiet: string, loud: string): Enrichment {
  const written = (s: string) => asWritten(s, quiet, loud);
  const renamed = new Map<string, string>();
  const names = <T extends { name: string; matched: string[]; source?: string }>(items: T[]): T[] =>
    items.map((item) => {
      const name = item.source === 'pattern' ? written(item.name) : item.name;
      if (name !== item.name) renamed.set(item.name, name);
      return { ...item, name, matched: item.matched.map(written) };
    });
  const people = names(result.people);
  const organizations = names(result.organizations);
  const actor = (name: string) => renamed.get(name) ?? name;
  return {
    ...result,
    people,
    organizations,
    places: result.places.map((p) => ({ ...p, matched: written(p.matched) })),
    dates: result.dates.map((d) => ({ ...d, text: written(d.text) })),
    events: result.events.map((e) => ({ ...e, actors: e.actors.map(actor), sentence: written(e.sentence) })),
    ...(result.contacts && {
      contacts: result.contacts.map((c) => ({
        ...c,
        a: { ...c.a, name: actor(c.a.name) },
        b: { ...c.b, name: actor(c.b.name) },
        sentence: written(c.sentence),
      })),
    }),
  };
}
