/**
 * Normalised word shingles of a statement: what the near-duplicate index stores and compares.
 *
 * Words are lower-cased and NFKC-normalised, punctuation is dropped and every run of digits becomes "#"
 * (dates and counts change between otherwise identical readouts). Shingles are runs of three words, the
 * size at which two readouts sharing a template scored Jaccard 0.55 against 0.03 for an unrelated one by
 * the same office. Each shingle is kept as a 53-bit hash so it fits a JavaScript number and a SQL bigint.
 */

/** Words per shingle. */
export const SHINGLE_SIZE = 3;

/** Stands for a masked name (a run of capitalised words), so templates match across counterparts. */
const NAME_TOKEN = '\u0001name';

// Capitalised words that belong to a template rather than to the counterpart it names; never masked.
const TEMPLATE_WORDS = new Set(
  (
    'president presidents prime minister ministers foreign affairs ministry secretary general king queen ' +
    'crown prince princess emir sultan chancellor vice deputy excellency his her majesty highness ' +
    'republic federation kingdom government state office council cabinet mr mrs ms dr sheikh ' +
    'the a an and of in on for to with during at by i we they he she it this that'
  ).split(' '),
);

// Word characters: letters, marks and digits of any script.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Options of shingling. */
export interface ShingleOptions {
  /** Replace names (capitalised words not starting a sentence) with one placeholder. */
  maskNames?: boolean;
}

/** The normalised words of `text`, in order. */
export function normalisedWords(text: string, options: ShingleOptions = {}): string[] {
  const source = text.normalize('NFKC');
  const words: string[] = [];
  for (const match of source.matchAll(WORD)) {
    const raw = match[0];
    if (options.maskNames && isName(raw, source, match.index)) {
      // "Recep Tayyip Erdogan" and "Hassan Rouhani" both become one placeholder.
      if (words[words.length - 1] !== NAME_TOKEN) words.push(NAME_TOKEN);
      continue;
    }
    words.push(raw.toLowerCase().replace(/\p{N}+/gu, '#'));
  }
  return words;
}

function isName(word: string, text: string, index: number): boolean {
  const first = word[0] ?? '';
  if (first === first.toLowerCase() || /\p{N}/u.test(first)) return false;
  if (TEMPLATE_WORDS.has(word.toLowerCase())) return false;
  // A capitalised word opening a sentence is usually not a name; a heuristic, as masking is optional.
  const before = text.slice(Math.max(0, index - 3), index).trimEnd();
  return before !== '' && !/[.!?:;"“\n]$/.test(before);
}

/** The distinct shingles of `text` as strings (for tests and exact evaluation). */
export function shingleStrings(text: string, options: ShingleOptions = {}): Set<string> {
  const words = normalisedWords(text, options);
  const shingles = new Set<string>();
  if (words.length === 0) return shingles;
  if (words.length < SHINGLE_SIZE) {
    shingles.add(words.join(' '));
    return shingles;
  }
  for (let i = 0; i + SHINGLE_SIZE <= words.length; i++) {
    shingles.add(words.slice(i, i + SHINGLE_SIZE).join(' '));
  }
  return shingles;
}

/**
 * The sorted, distinct shingle hashes of `text`. Masked shingles hash with a different salt, so the two
 * kinds never collide in the one posting table that holds both.
 */
export function fingerprint(text: string, options: ShingleOptions = {}): number[] {
  const salt = options.maskNames ? 'm|' : '';
  const hashes = new Set<number>();
  for (const shingle of shingleStrings(text, options)) hashes.add(hash53(salt + shingle));
  return [...hashes].sort((a, b) => a - b);
}

/**
 * A 53-bit hash of a string: two 32-bit FNV-1a lanes with different primes, each finished with
 * MurmurHash3's mixer. Written here because it is a dozen lines and 10x faster than node:crypto per
 * shingle (the bench hashes ten million); at 53 bits a 100,000-statement library expects no collision.
 */
export function hash53(value: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (mix(b) >>> 11) * 0x1_0000_0000 + mix(a);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Number of values two sorted, distinct arrays share. */
export function overlapOf(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** How alike two shingle sets are: Jaccard, and how much of `query` is contained in `other`. */
export interface Similarity {
  jaccard: number;
  containment: number;
  overlap: number;
}

/** Similarity of two sorted, distinct shingle hash arrays; `containment` is the share of `query` in `other`. */
export function similarityOf(query: readonly number[], other: readonly number[]): Similarity {
  const overlap = overlapOf(query, other);
  const union = query.length + other.length - overlap;
  return {
    overlap,
    jaccard: union === 0 ? 0 : overlap / union,
    containment: query.length === 0 ? 0 : overlap / query.length,
  };
}

/** Fingerprints as stored: 8-byte little-endian doubles (every 53-bit hash is exact as a double). */
export function encodeFingerprint(hashes: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(hashes.length * 8);
  for (let i = 0; i < hashes.length; i++) buffer.writeDoubleLE(hashes[i]!, i * 8);
  return buffer;
}

/** The hashes of a stored fingerprint. */
export function decodeFingerprint(buffer: Uint8Array): number[] {
  const view = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
  const hashes = new Array<number>(view.length >>> 3);
  for (let i = 0; i < hashes.length; i++) hashes[i] = view.readDoubleLE(i * 8);
  return hashes;
}

/** Least share of their masked shingles two sentences have in common to be one readout template. */
export const TEMPLATE_MIN_JACCARD = 0.5;
/**
 * Least number of masked shingles they share: four three-word runs are six words of wording in
 * common beyond the names, so "Putin met Erdogan" and "Putin met Rouhani" are no template.
 */
export const TEMPLATE_MIN_OVERLAP = 4;

/**
 * Whether two sentences were written from one template: the same wording with other names (and
 * numbers) in it, as "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday" and
 * "Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan".
 */
export function shareTemplate(a: readonly number[], b: readonly number[]): boolean {
  const { overlap, jaccard } = similarityOf(a, b);
  return overlap >= TEMPLATE_MIN_OVERLAP && jaccard >= TEMPLATE_MIN_JACCARD;
}
