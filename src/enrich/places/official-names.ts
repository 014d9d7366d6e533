/**
 * Official romanisations as canonical place names. GeoNames' default name is often an older or
 * Russian-derived spelling ("Zaporizhzhya", "Mykolayiv", Natural Earth's "Odessa"), while desks
 * publish the spelling the country's government uses (Zaporizhzhia, Mykolaiv, Odesa). Where a
 * country sets one national system, the place's name in the national language, romanised by that
 * system, becomes its canonical name — but only when GeoNames also lists the result among its
 * Latin spellings, so a slip in the source or in a rule here can never invent a name. The old
 * spelling stays an alias, so text using it still resolves.
 */

/**
 * Ukrainian: the national system of Cabinet of Ministers resolution 55 (2010), used on Ukraine's
 * road signs and passports and by the BGN/PCGN since 2019. Letters with two values take the first
 * at the start of a word.
 */
const UKRAINIAN: Record<string, string | [string, string]> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: ['ye', 'ie'], ж: 'zh', з: 'z',
  и: 'y', і: 'i', ї: ['yi', 'i'], й: ['y', 'i'], к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ю: ['yu', 'iu'], я: ['ya', 'ia'], ь: '', "'": '', '’': '', ʼ: '',
}; // prettier-ignore

/** Romanises a Ukrainian name by the 2010 national system; undefined if it has other letters. */
export function romaniseUkrainian(name: string): string | undefined {
  let out = '';
  let wordStart = true;
  const chars = [...name];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const lower = c.toLowerCase();
    const rule = UKRAINIAN[lower];
    if (rule === undefined) {
      if (/\p{L}/u.test(c)) return undefined;
      out += c;
      wordStart = true;
      continue;
    }
    // "зг" is written "zgh", so it does not read as the digraph "zh".
    let latin = lower === 'г' && chars[i - 1]?.toLowerCase() === 'з' ? 'gh' : rule;
    if (Array.isArray(latin)) latin = wordStart ? latin[0] : latin[1];
    out += c !== lower && latin !== '' ? latin.charAt(0).toUpperCase() + latin.slice(1) : latin;
    if (latin !== '') wordStart = false;
  }
  return out;
}

/** Letters Ukrainian has and Russian lacks, and the reverse. */
const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/;
const RUSSIAN_ONLY = /[ыэъёЫЭЪЁ]/;

/** The countries with a national romanisation rule here, and how each picks the national-language names. */
const NATIONAL: Record<
  string,
  { isNational(name: string): boolean; romanise(name: string): string | undefined }
> = {
  UA: { isNational: (n) => !RUSSIAN_ONLY.test(n), romanise: romaniseUkrainian },
};

/** Whether `iso2` has a national romanisation rule here. */
export const hasNationalRomanisation = (iso2: string): boolean => iso2 in NATIONAL;

/** Edit distance (insertions, deletions, substitutions); names are short, so the plain table will do. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] as number;
}

/** How far a respelling may be from the name it respells: a few letters, never another name. */
const maxEdits = (name: string) => Math.max(2, Math.floor(name.length / 5));

/** Whether `a` and `b` are spellings of one name (Odessa, Odesa), not two names (Dnipropetrovsk, Dnipro). */
export const isRespelling = (a: string, b: string): boolean =>
  distance(a.toLowerCase(), b.toLowerCase()) <= maxEdits(b);

/**
 * The official romanisation of a place in `iso2` called `name` with GeoNames' `alternates` (all
 * scripts), or `name` itself when there is no rule for the country, when a national-language name
 * already romanises to `name`, or when no alternate confirms one. Only a respelling is taken, never
 * another name: GeoNames lists former names too (Artemivsk for Bakhmut, Stalino for Donetsk), so the
 * result must be close to `name` (a few letters), and the closest wins.
 */
export function officialName(iso2: string, name: string, alternates: readonly string[]): string {
  const rule = NATIONAL[iso2];
  if (!rule) return name;
  const latin = new Set(alternates);
  let best = name;
  // Ranked by whether the name is surely in the national language (Ukrainian letters: "Миколаїв",
  // not "Одесса", which is Russian), then by closeness.
  let bestRank = 2 * (maxEdits(name) + 1);
  for (const alternate of alternates) {
    if (!/\p{Script=Cyrillic}/u.test(alternate) || !rule.isNational(alternate)) continue;
    const romanised = rule.romanise(alternate);
    if (romanised === undefined) continue;
    if (romanised === name) return name;
    if (!latin.has(romanised)) continue;
    const rank =
      2 * distance(romanised.toLowerCase(), name.toLowerCase()) + (UKRAINIAN_ONLY.test(alternate) ? 0 : 1);
    if (rank < bestRank) {
      best = romanised;
      bestRank = rank;
    }
  }
  return best;
}
