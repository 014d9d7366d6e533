/**
 * "Bush said", "Karzai arrived": news names a sitting head of state or government (or a vice
 * president, acting) by surname alone, without the full name first. The listed heads in office on
 * the day of publication are matched so, where the surname is theirs alone that day and nothing
 * else: no other listed name, place or given name, no word of a longer run of capitals ("Laura Bush").
 */
import type { Lexicon, Person } from '../lexicon.ts';
import type { Resolved } from '../mentions.ts';
import type { Token } from '../text/tokenize.ts';
import { LOCATIVE_BEFORE } from './patterns.ts';

const HEAD =
  /^(?:President|Vice President|Prime Minister|Chancellor|National leader|Head of (?:state|government)|Supreme Leader)(?:$| of the Council of State)/;
// A title before the surname is the same person ("President Bush"); any other capital makes a longer name.
const TITLE_BEFORE =
  /^(?:President|Prime|Minister|Premier|Chancellor|Leader|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|General|Gen\.)$/;

const PLACE_KIND_AFTER =
  /^(?:airbase|airport|base|district|village|town|city|camp|area|neighbou?rhood|province|region|township|county|road|street|bridge|dam|checkpoint)$/;
const OFFICE_BEFORE = /^(?:President|Minister|Premier|Chancellor)$/;
// Weekdays and months are never a surname here ("Friday": Godwin Friday of St Vincent).
const CALENDAR =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)$/;
const ACTS =
  /^(?:said|says|told|tells|added|warned|warns|urged|urges|met|meets|arrived|arrives|visited|visits|called|calls|announced|signed|signs|insisted|vowed|pledged|accused|denied|rejected|praised|spoke|wrote|ordered|also|has|had|was|is|will|would|and)$/;
const FORMER_YEARS = 3;
const isDeputy = (person: Person) => person.role?.startsWith('Vice') === true;
const firstDay = (from: string | undefined) => (from ? `${from}-01-01`.slice(0, 10) : '0000-01-01');
const lastDay = (to: string | undefined) => (to ? `${to}-12-31`.slice(0, 10) : '9999-12-31');

/** The sitting heads' surnames by day: built from the lists once, filtered per day and cached. */
export class OfficeHolders {
  readonly #heads: { surname: string; person: Person; from: string; to: string }[] = [];
  readonly #byDay = new Map<string, ReadonlyMap<string, Person>>();
  readonly #first: ReadonlySet<Person>;

  /**
   * `people` in list order; `first` are the lists whose heads win a shared surname over the
   * Factbook's ("Bush" is George W. Bush, not a premier of the Cayman Islands of those years).
   */
  constructor(
    people: readonly Person[],
    first: ReadonlySet<Person>,
    lexicon: Lexicon,
    givenNames: ReadonlySet<string>,
  ) {
    this.#first = first;
    for (const person of people) {
      if (!person.role || !HEAD.test(person.role)) continue;
      const last = person.name.split(' ').at(-1) ?? '';
      // "al-Abadi" is "Abadi" alone too.
      for (const surname of new Set([last, last.replace(/^(?:al|el)-(\p{Lu})/u, '$1')])) {
        if (!/^\p{Lu}\p{Ll}{3,}$/u.test(surname) || CALENDAR.test(surname)) continue;
        if (givenNames.has(surname) || lexicon.get(surname)) continue;
        this.#heads.push({ surname, person, from: firstDay(person.from), to: lastDay(person.to) });
      }
    }
  }

  /** Surname → the one head in office on `day` (YYYY-MM-DD) who bears it. */
  on(day: string): ReadonlyMap<string, Person> {
    let holders = this.#byDay.get(day);
    if (holders) return holders;
    const found = new Map<string, Person | null>();
    // A head who left office in the last three years is still named so ("Obama said" in 2017 is
    // not Equatorial Guinea's prime minister Francisco Obama): that surname is nobody's alone.
    const since = `${Number(day.slice(0, 4)) - FORMER_YEARS}${day.slice(4)}`;
    const former = new Map<string, Person>();
    for (const h of this.#heads) if (h.to < day && h.to >= since) former.set(h.surname, h.person);
    for (const h of this.#heads) {
      if (h.from > day || day > h.to) continue;
      const left = former.get(h.surname);
      if (left !== undefined && left !== h.person) {
        found.set(h.surname, null);
        continue;
      }
      const other = found.get(h.surname);
      if (other === undefined || other === h.person) found.set(h.surname, h.person);
      // A head wins a surname over a vice president ("Castro" is Fidel while Raúl is his deputy).
      else if (other !== null && isDeputy(other) !== isDeputy(h.person))
        found.set(h.surname, isDeputy(other) ? h.person : other);
      else if (other !== null && this.#first.has(other) !== this.#first.has(h.person))
        found.set(h.surname, this.#first.has(other) ? other : h.person);
      else found.set(h.surname, null);
    }
    holders = new Map([...found].flatMap(([s, p]) => (p ? [[s, p] as const] : [])));
    if (this.#byDay.size > 1000) this.#byDay.clear();
    this.#byDay.set(day, holders);
    return holders;
  }
}

/** The surnames of `holders` that stand alone in the text, outside every name already found. */
export function officeHolderMentions(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Resolved[],
  holders: ReadonlyMap<string, Person>,
  commonWords: ReadonlySet<string> = new Set(),
): Resolved[] {
  if (holders.size === 0) return [];
  // A surname the text also writes after another name ("Nouri al-Maliki", "Laura Bush") is that
  // name's here: the listed holder is found by surname only where no such longer name stands.
  const taken = new Set<Person>();
  tokens.forEach((t, i) => {
    const person = holders.get(t.text.replace(/^(?:al|el)-(?=\p{Lu})/u, ''));
    const before = tokens[i - 1];
    if (
      person &&
      before?.sentence === t.sentence &&
      /^[ -]$/.test(text.slice(before.end, t.start)) &&
      /^\p{Lu}/u.test(before.text) &&
      !TITLE_BEFORE.test(before.text) &&
      !(before.sentenceStart && /^(?:The|A|An)$/.test(before.text)) &&
      // (the holder's own full name, "Evo Morales", takes nothing from him)
      !mentions.some(
        (m) => m.kind === 'person' && m.person === person && m.match.start <= t.start && m.match.end >= t.end,
      )
    )
      taken.add(person);
  });
  const out: Resolved[] = [];
  tokens.forEach((t, i) => {
    const person = holders.get(t.text);
    if (!person) return;
    // "President Talabani" is the head even where "Qubad Talabani", his son, is named too.
    const office = tokens[i - 1] !== undefined && OFFICE_BEFORE.test(tokens[i - 1]!.text);
    if (taken.has(person) && !office) return;
    // A town spelled so gives way ("Bush" is a village in Egypt), unless a locative puts it there.
    const over = mentions.filter((m) => m.match.start < t.end && m.match.end > t.start);
    if (over.some((m) => m.kind !== 'place')) return;
    if (over.length > 0 && LOCATIVE_BEFORE.test(text.slice(Math.max(0, t.start - 12), t.start))) return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const joined = (a: Token | undefined, b: Token | undefined) =>
      a !== undefined &&
      b !== undefined &&
      a.sentence === b.sentence &&
      /^[ -]$/.test(text.slice(a.end, b.start));
    // "The Bush administration": an article opening the sentence makes no longer name.
    const article = before?.sentenceStart === true && /^(?:The|A|An)$/.test(before.text);
    if (
      joined(before, t) &&
      /^\p{Lu}/u.test(before?.text ?? '') &&
      !TITLE_BEFORE.test(before?.text ?? '') &&
      !article
    )
      return;
    // (in a Title Case headline an English word after it makes no longer name: "Buhari Hopeful")
    if (
      joined(t, after) &&
      /^\p{Lu}/u.test(after?.text ?? '') &&
      !commonWords.has(after?.text.toLowerCase() ?? '')
    )
      return;
    // "Sein airbase", "the Bush district": a place's name before its kind.
    if (after && PLACE_KIND_AFTER.test(after.text)) return;
    // A sentence's first word is capitalised anyway ("Key figures", "Store closures"): there a
    // surname that is an English word must act or own something ("Bush said", "Castro's brother");
    // one that is no word is the head ("Buhari Hopeful of Girls' Return").
    const possessive = /^['’]s\b/.test(text.slice(t.end, t.end + 3));
    const acts = possessive || (after !== undefined && ACTS.test(after.text));
    if (t.sentenceStart && !acts && (commonWords.size === 0 || commonWords.has(t.text.toLowerCase()))) return;
    // A vice president is named so less often than a head: only acting or owning ("Cheney said"),
    // or after a title; "the commandment of Jihad" is no Maldivian vice president.
    const titled = joined(before, t) && TITLE_BEFORE.test(before?.text ?? '');
    if (isDeputy(person) && !acts && !titled) return;
    out.push({
      kind: 'person',
      person,
      match: {
        text: t.text,
        start: t.start,
        end: t.end,
        firstToken: i,
        lastToken: i,
        entries: [{ kind: 'person', person }],
      },
    });
  });
  return out;
}
