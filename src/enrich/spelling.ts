/** Spelling variants shared by the gazetteer build and the runtime matcher. */

/** Removes diacritics ("Khān Yūnis" → "Khan Yunis"), keeping letters' case. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** A word in capitals as title case writes it: "KABUL" -> "Kabul". */
export function titleCased(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}

const APOSTROPHES = /['’ʿʾ‘`]/g;
const ARTICLE = /^(?:[Aa][lnrsdtz]|[Aa]sh|[Ee][lnrsdtz])[- ](?=\p{Lu})/u;

/**
 * The spellings a transliterated place name appears under in English-language news:
 * without diacritics, without apostrophes/ayn marks, with the Arabic article joined by a
 * hyphen or a space, and without it ("Al Ḩudaydah" → "Al-Hudaydah", "Hudaydah").
 */
export function spellingVariants(name: string): string[] {
  const out = new Set<string>();
  const base = foldDiacritics(name).trim();
  for (const plain of [base, base.replace(APOSTROPHES, '')]) {
    out.add(plain);
    const article = ARTICLE.exec(plain);
    if (article) {
      const rest = plain.slice(article[0].length);
      const word = article[0].slice(0, -1);
      out.add(`${word}-${rest}`);
      out.add(`${word} ${rest}`);
      out.add(rest);
    }
  }
  for (const v of [...out]) for (const w of innerArticleForms(v)) out.add(w);
  out.delete('');
  return [...out];
}

/** "Salah ad-Din" and "Salah ad Din", "Deir ez Zor" and "Deir ez-Zor": an article inside a name is written with a hyphen or a space. */
export function innerArticleForms(name: string): string[] {
  const spaced = name.replace(INNER_ARTICLE_HYPHEN, ' $1 ');
  const hyphened = name.replace(INNER_ARTICLE_SPACE, ' $1-');
  // "Deir-ez-Zor", "Ras-al-Ain": hyphens on both sides
  const joined = name.replace(INNER_ARTICLE_EITHER, '-$1-');
  return [...new Set([name, spaced, hyphened, joined])];
}
const INNER_ARTICLE_HYPHEN = / (al|ad|an|ar|as|ash|at|az|ed|el|en|er|es|ez|ud|ul)-(?=\p{Lu})/gu;
const INNER_ARTICLE_EITHER = / (al|ad|an|ar|as|ash|at|az|ed|el|en|er|es|ez|ud|ul)[- ](?=\p{Lu})/gu;
const INNER_ARTICLE_SPACE = / (al|ad|an|ar|as|ash|at|az|ed|el|en|er|es|ez|ud|ul) (?=\p{Lu})/gu;

const ARTICLES = /(^|[\s-])(?:al|el|an|ar|as|ash|at|ath|ad|adh|az|es|et|ez|en|er)[\s-]+(?=\p{L})/gu;

/**
 * One key for the ways a transliterated name is spelled ("Maarat al-Numan" and "Ma`arrat an
 * Nu`man", "Morak" and "Murak", "Sheikh" and "Shaykh", "Tal Rifaat" and "Tall Rif`at"): no
 * diacritics, ayn marks, articles, spaces or doubled letters; e/a, o/u, ay/ai, a final h merged.
 * Used only where the text marks a place and for the story's countries: it is loose on purpose.
 */
export function transliterationKey(name: string): string {
  return foldDiacritics(name)
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(ARTICLES, '$1')
    .replace(/([ae])h\b/g, '$1')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/e/g, 'a')
    .replace(/o/g, 'u')
    .replace(/ay/g, 'ai')
    .replace(/[\s-]+/g, '')
    .replace(/(.)\1+/g, '$1');
}
