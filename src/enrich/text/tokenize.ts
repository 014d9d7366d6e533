/** Word tokens and sentences with their offsets, enough for dictionary matching. */

/** A word with its position in the text. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Index of the sentence the token is in. */
  sentence: number;
  /** True for the first word of a sentence, whose capital letter says nothing. */
  sentenceStart: boolean;
}

/** A sentence with its offsets. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Letters and digits joined by inner hyphens or apostrophes ("al-Burhan", "Ta'izz"), or an
// initialism written with dots ("U.S.", "U.N.").
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-'’‘][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /['’]s$/;
// "Chinese-backed", "Saudi-led": the name before the suffix is what is named.
const AFFILIATION =
  /-(?:backed|led|based|owned|brokered|made|born|run|held|controlled|aligned|allied|supported|funded|sponsored|linked|affiliated|bound)$/;
// "army-PKK clashes", "Philippine army-Muslim rebel clash": a hyphen between a force and a name
// joins two sides of a fight, not one word.
const ACTOR_PAIR =
  /^([Aa]rmy|[Pp]olice|[Mm]ilitary|[Gg]overnment|[Rr]egime|[Tt]roops|[Ff]orces|[Rr]ebels?|[Mm]ilitias?|[Jj]unta)-(?=\p{Lu})/u;
// Abbreviations after which a full stop does not end a sentence.
const NO_BREAK = new Set([
  'Gen',
  'Lt',
  'Col',
  'Maj',
  'Capt',
  'Sgt',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'St',
  'Sen',
  'Rep',
  'Gov',
  'Adm',
  'Brig',
  'Cpl',
  'No',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'vs',
  'approx',
  'Fr',
  'Jr',
  'Sr',
  'Mt',
]);

/** The first word of a phrase as a token, and how many tokens the phrase has. */
export function tokenShape(phrase: string): { first: string; count: number } {
  let first = '';
  let count = 0;
  for (const match of phrase.matchAll(WORD)) {
    if (count === 0) first = match[0].replace(POSSESSIVE, '');
    count++;
  }
  return { first, count };
}

/**
 * Splits text into sentences at ., ! or ? followed by space and a capital, quote or digit, at a
 * blank line, and at a line break between a line that ends in a capitalised word or a number and
 * one that starts with a capital: a headline or a dateline above the story ("… in Nimroz\nKABUL").
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const boundary =
    /[.!?]["”’)]*(?=\s+["“‘(]?[\p{Lu}\p{N}])|\n\s*\n|(?<=(?:^|\s)[\p{Lu}\p{N}][\p{L}\p{N}'’.)-]*)[^\S\n]*\n(?=[^\S\n]*["“‘(]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.')) {
      const before = /([\p{L}]+)\.$/u.exec(text.slice(Math.max(0, match.index - 12), match.index + 1));
      if (before && (NO_BREAK.has(before[1] ?? '') || (before[1] ?? '').length === 1)) continue;
    }
    pushSentence(text, start, end, sentences);
    start = end;
  }
  pushSentence(text, start, text.length, sentences);
  return sentences;
}

function pushSentence(text: string, from: number, to: number, out: Sentence[]): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}

/** Tokenises every sentence; a possessive "'s" is cut off the word it follows. */
export function tokenize(text: string, sentences: Sentence[]): Token[] {
  const tokens: Token[] = [];
  sentences.forEach((sentence, index) => {
    let first = true;
    for (const match of sentence.text.matchAll(WORD)) {
      let word = match[0];
      if (POSSESSIVE.test(word)) word = word.slice(0, -2);
      const suffix = AFFILIATION.exec(word);
      if (suffix) word = word.slice(0, suffix.index);
      const start = sentence.start + match.index;
      const pair = ACTOR_PAIR.exec(word);
      if (pair?.[1]) {
        // "army-PKK clashes": two sides, two tokens
        const cut = pair[1].length + 1;
        tokens.push({
          text: pair[1],
          start,
          end: start + pair[1].length,
          sentence: index,
          sentenceStart: first,
        });
        word = word.slice(cut);
        tokens.push({
          text: word,
          start: start + cut,
          end: start + cut + word.length,
          sentence: index,
          sentenceStart: false,
        });
      } else
        tokens.push({ text: word, start, end: start + word.length, sentence: index, sentenceStart: first });
      first = false;
    }
  });
  return tokens;
}
