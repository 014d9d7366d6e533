/**
 * How the UCDP-built sets read UCDP's fields: the English parts of `source_headline`, and where a
 * coded place name stands in them (by spelling skeleton, so "Ar Raqqah" finds "Raqqa").
 */
import { foldDiacritics } from '../../src/enrich/spelling.ts';

// English headline parts only: UCDP also cites Portuguese, Spanish and name lists (VDC).
const ENGLISH =
  /\b(?:killed|kills?|attack(?:s|ed)?|clash(?:es)?|in|of|the|dead|militants?|soldiers|rebels?|army|police|bomb(?:ing|er)?|strikes?|wounded|died|shot|troops|forces|fighters|gunmen)\b/i;
export function headlineParts(raw: string): string[] {
  const out: string[] = [];
  for (let part of raw.split(';')) {
    part = part
      .replace(/\[\/?highlight[^\]]*\]/g, '')
      .replace(/Read more at:.*$/, '')
      .replace(/https?:\/\/\S+/g, '')
      // LexisNexis metadata (AU author, CR credit) and bylines are not the report's text.
      .replace(/\s+(?:AU|CR)\s+.*$/, '')
      .replace(/\s+By \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,3}$/u, '')
      .replace(/^(?:UPDATE \d+-|\d+(?:st|nd|rd|th) LD,? Writethru:?\s*)/i, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (part.split(' ').length < 4 || !ENGLISH.test(part) || /^VDC\b/.test(part)) continue;
    if (/^(?:Gulf of Aden Security Review|Afghan War Casualty Report|CIMP DAILY)/i.test(part)) continue;
    if (!out.includes(part)) out.push(part);
  }
  return out.slice(0, 3);
}

const TYPE_WORD =
  /\s+(?:town|city|village|villages|district|province|governorate|state|region|oblast|municipality|lga|suburb|camp|area|raion|prefecture|commune|county|territory|department|départment|département|agency|zone|island|neighbourhood|neighborhood|locality|sector|township|division|barangay|\(area of\))$/i;
export const bare = (name: string) => {
  let n = name.replace(/\(.*?\)/g, '').trim();
  for (let i = 0; i < 2; i++) n = n.replace(TYPE_WORD, '').trim();
  return n.replace(/^Barangay\s+/i, '');
};
/** A spelling skeleton: folded, no article, no vowels or doubled letters ("Ar Raqqah" = "Raqqa"). */
export function skeleton(word: string): string {
  return foldDiacritics(word)
    .toLowerCase()
    .replace(/^(?:al|el|ar|as|ad|ash|at|an|az)[- ]/, '')
    .replace(/['’ʿʾ‘`-]/g, '')
    .replace(/h\b/g, '')
    .replace(/[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
/**
 * Looser still: articles inside the name and word breaks dropped too ("Deir ez Zor" = "Deir Ezzor",
 * "Jisr ash Shughur" = "Jisr al-Shughur"). Only the tuning pool is built with it.
 */
const looseSkeleton = (word: string) =>
  skeleton(
    foldDiacritics(word)
      .toLowerCase()
      .replace(/(^|[\s-])(?:al|el|ar|as|ad|ash|at|an|az|ez|es|ed|er|et)(?=[\s-])/g, '$1')
      .replace(/[\s-]+/g, ''),
  );
/** Where `name` occurs in `text` by spelling skeleton, as the text spells it. */
export function findSpan(text: string, name: string, loose = false): string | undefined {
  const skeletonOf = loose ? looseSkeleton : skeleton;
  const target = skeletonOf(name);
  if (target.replace(/ /g, '').length < 3) return undefined;
  const words = [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  const n = name.trim().split(/\s+/).length;
  for (let len = Math.max(1, n - 1); len <= n + 1; len++)
    for (let i = 0; i + len <= words.length; i++) {
      const first = words[i];
      const last = words[i + len - 1];
      if (!first || !last || first.index === undefined || last.index === undefined) continue;
      if (!/^\p{Lu}/u.test(first[0]) && !/^(?:al|el|ar|as|ash|ad)-\p{Lu}/u.test(first[0])) continue;
      const span = text.slice(first.index, last.index + last[0].length);
      if (/[;.,:]/.test(span)) continue;
      if (skeletonOf(span) === target) return span;
    }
  return undefined;
}
