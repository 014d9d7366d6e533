/**
 * "New name?" hints: runs of capitalised words that no dictionary knows. A heuristic instead
 * of wink-nlp's POS tagger: it needs no model (start-up stays well under a second) and on our
 * copy the capitalised runs are what the tagger's proper-noun runs were, minus sentence starts.
 */
import type { Resolved } from '../mentions.ts';
import type { Token } from '../text/tokenize.ts';
import type { NameSuggestion } from '../types.ts';

const JOINERS = new Set(['al', 'bin', 'ibn', 'de', 'del', 'van', 'von', 'der', 'el', 'of', 'abu', 'bint']);
const TITLE =
  /^(?:commander|minister|general|gen|spokesman|spokeswoman|spokesperson|leader|envoy|governor|chief|president|colonel|col|mayor|head|ambassador|official|emir|sheikh|brigadier|major|captain|imam|cleric|activist|journalist|rebel)$/i;
const ORDINARY = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'By',
  'For',
  'From',
  'With',
  'After',
  'Before',
  'During',
  'Since',
  'Until',
  'He',
  'She',
  'It',
  'They',
  'We',
  'I',
  'His',
  'Her',
  'Their',
  'Its',
  'This',
  'That',
  'These',
  'Those',
  'There',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'President',
  'Minister',
  'Prime',
  'Foreign',
  'Defence',
  'Defense',
  'General',
  'Gen',
  'Army',
  'Ministry',
  'Council',
  'Mr',
  'Ms',
  'Dr',
  'Sheikh',
  'Colonel',
  'Col',
  'Lt',
  'Maj',
  'Capt',
  'Brig',
  'Secretary',
  'State',
  'Deputy',
  'Chief',
  'Commander',
  'Supreme',
  'Leader',
  'Ayatollah',
  'King',
  'Prince',
  'Emir',
  'Vice',
  'Special',
  'Envoy',
  'Spokesman',
  'UN',
]);

const capitalised = (t: Token) => /^\p{Lu}/u.test(t.text);

/** Unknown capitalised runs, each with the title before it when there is one. */
export function suggestNames(tokens: Token[], mentions: Resolved[]): NameSuggestion[] {
  const covered = new Set<number>();
  for (const m of mentions) for (let i = m.match.firstToken; i <= m.match.lastToken; i++) covered.add(i);
  const out: NameSuggestion[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || covered.has(i) || !capitalised(token) || ORDINARY.has(token.text)) continue;
    let j = i;
    while (true) {
      const next = tokens[j + 1];
      const after = tokens[j + 2];
      if (
        !next ||
        covered.has(j + 1) ||
        next.sentence !== token.sentence ||
        next.start - (tokens[j]?.end ?? 0) > 1
      )
        break;
      if (capitalised(next) && !ORDINARY.has(next.text)) j++;
      else if (JOINERS.has(next.text.toLowerCase()) && after && capitalised(after) && !covered.has(j + 2))
        j += 2;
      else break;
    }
    let run = tokens.slice(i, j + 1);
    // "Mayor Ivan Fedorov": a leading title is the hint, not part of the name.
    const leading = run[0] && run.length > 1 && TITLE.test(run[0].text) ? run[0] : undefined;
    if (leading) run = run.slice(1);
    const text = run.map((t) => t.text).join(' ');
    i = j;
    if (run.length === 1 && token.sentenceStart) continue;
    if (seen.has(text)) continue;
    seen.add(text);
    const before = leading ?? tokens[i - run.length];
    out.push({ text, ...(before && TITLE.test(before.text) && { title: before.text }) });
  }
  return out;
}
