/** Spelling variants shared by the gazetteer build and the runtime matcher. */

/** Removes diacritics ("Khān Yūnis" → "Khan Yunis"), keeping letters' case. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
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
  out.delete('');
  return [...out];
}
