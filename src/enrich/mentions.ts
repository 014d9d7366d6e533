/**
 * Finds the names in a text: longest dictionary matches, then each match resolved to one
 * kind (a person before an organisation before a country before a place). A bare surname
 * counts only after the person was named in full earlier in the text or in the story.
 */
import { surnamesOf } from './names/name-data.ts';
import {
  Lexicon,
  type Country,
  type LexEntry,
  type Match,
  type Organization,
  type Person,
  type Place,
} from './lexicon.ts';
import type { Token } from './text/tokenize.ts';

/** A match resolved to what it names. Places keep every candidate for disambiguation. */
export type Resolved =
  | { kind: 'person'; match: Match; person: Person }
  | { kind: 'org'; match: Match; org: Organization }
  | { kind: 'country'; match: Match; country: Country; demonym: boolean }
  | {
      kind: 'place';
      match: Match;
      candidates: { place: Place; canonical: boolean }[];
      preferRegion: boolean;
      /** An editor chose this place for the spelling: no disambiguation, no filtering. */
      chosen: boolean;
    };

const REGION_WORD =
  /^(?:[Pp]rovince|[Gg]overnorate|[Rr]egion|[Ss]tate|[Oo]blast|Obl|[Dd]istrict|[Cc]ounty|[Dd]ivision)$/;
// "the Borno town of Gwoza", "Sagaing's Ye-U township": the first name is the area around the second.
const CONTAINS_NEXT =
  /^(?:['’]s (?:\p{Lu}[\p{L}'’-]+ )*(?:\p{Lu}[\p{L}'’-]+|town|village|district|township|city)\b(?! (?:Police|Army|Forces|Government|Council|Governor|Assembly)\b)| (?:town|village|city|hamlet|locality|township) of \p{Lu})/u;
/**
 * "Kupiansk (Kupianskyi raion, Kharkiv)", "Boulkessi (Soum, Sahel)", "Zurmi (Zamfara)": the last
 * name in parentheses after a place is its first-level area (the order ACLED and UN reports use).
 */
function lastOfAdminParenthesis(text: string, match: { start: number; end: number }): boolean {
  if (!/^\s*\)/.test(text.slice(match.end, match.end + 3))) return false;
  const open = text.lastIndexOf('(', match.start);
  if (open < 0 || text.slice(open, match.start).includes(')')) return false;
  const inside = text.slice(open + 1, match.start);
  return (inside.trim() === '' || /,\s*$/.test(inside)) && /\p{L}\s*$/u.test(text.slice(0, open));
}
const REGION_WORDS = /^(?:[Pp]rovinces|[Gg]overnorates|[Rr]egions|[Ss]tates|[Oo]blasts|[Dd]istricts)$/;

// Capitalised at the start of a sentence these are ordinary words, not the towns of that name.
const SENTENCE_START_WORDS = new Set([
  'Police',
  'Mobile',
  'Reading',
  'Split',
  'Sale',
  'Bath',
  'Nice',
  'Of',
  'Many',
  'Most',
  'Both',
  'Hope',
  'Victoria',
  'Union',
  'Independence',
  'Liberty',
  'Unity',
  'Progress',
  'Aid',
  'Troops',
  'Forces',
]);
// Compass words and peoples' names that are admin-1 regions ("Western" Uganda, Myanmar's "Chin"):
// no place by themselves, the region only last in an admin bracket ("(Kasese, Western)").
const BRACKET_REGIONS: ReadonlySet<string> = new Set([
  'Central',
  'North',
  'South',
  'East',
  'West',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
  'Centre',
  'Capital',
  'Coast',
  'Mon',
  'Chin',
  'Shan',
  'Karen',
]);
// Never places: those, and bodies of water and words that admin-1 names or aliases collide with.
const NOT_PLACES: ReadonlySet<string> = new Set([
  ...BRACKET_REGIONS,
  'Red Sea',
  'Nile',
  'Dali',
  'Sada',
  'Rashid',
  'Of',
  'Ocean',
  'Saint',
  'Union',
  'Mercy',
  'Police',
  'Gap',
  'Sur',
  'Minister',
  'President',
  'General',
  // Russia's Jewish Autonomous Oblast is "Jewish" in GeoNames; in news the word is an adjective.
  'Jewish',
  // A broadcaster, though an old name of Syria's Hasakah governorate too.
  'Al Jazeera',
  'Al-Jazeera',
  'Aljazeera',
  // "al-Sham" is the Levant in group names ("Hayat Tahrir al-Sham"), not Damascus.
  'Sham',
  'Al-Sham',
  'al-Sham',
  'Al Sham',
  'Ash-Sham',
  // Months and weekdays name towns somewhere ("March", Switzerland; "Friday" nowhere needed).
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
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  // What kind of place a name is, never a place by itself ("Kandahar City", "Lower Shabelle Region"):
  // admin-1 aliases include "City" (London) and "Region" (Callao).
  'City',
  'Town',
  'Village',
  'Camp',
  'Province',
  'District',
  'Region',
  'State',
  'County',
  'Governorate',
  'Municipality',
  'Division',
  'Agency',
  'Territory',
  'Department',
  'Prefecture',
  'Island',
  'Islands',
  'Federal',
  // Institutions a town or two in GeoNames is named after ("Ohio State University").
  'University',
  'College',
  'Hospital',
  'Airport',
]);

/** Whether `name` is a word no place is named by in news ("March", "Eastern", "Al Jazeera"). */
export function isNeverPlace(name: string): boolean {
  return NOT_PLACES.has(name);
}

// Capitalised words that often stand next to a place name without being part of a person's name.
const PLACE_NEIGHBOURS =
  /^(?:In|At|On|From|Near|Outside|Inside|The|North|South|East|West|Northern|Southern|Eastern|Western|Central|Greater|Upper|Lower|Old|New|City|Strip|Bank|Valley|Province|Region|State|Governorate|Oblast|District|LGA|Local|Township|Municipality|County|Territory|Department|Prefecture|Commune|Village|Town|Raion|Camp|Airport|Port|Street|Square|Road|Bridge|Dam|Base|Crossing|Hospital|University|Mosque|Church|Market|Front|War|Offensive|Conflict|Crisis)$/;

/**
 * True when most longer words of the match's sentence are capitalised (a title-case headline).
 * The run of capitalised words around the match is left out: in a short line such as
 * "Benito Portillo Torres, killed in Culiacán" the name itself would make it look title-cased.
 */
function titleCased(match: Match, tokens: Token[]): boolean {
  const sentence = tokens[match.firstToken]?.sentence;
  const capitalised = (i: number) => {
    const t = tokens[i];
    return t !== undefined && t.sentence === sentence && /^\p{Lu}/u.test(t.text);
  };
  let runStart = match.firstToken;
  while (capitalised(runStart - 1)) runStart--;
  let runEnd = match.lastToken;
  while (capitalised(runEnd + 1)) runEnd++;
  let long = 0;
  let capital = 0;
  let from = match.firstToken;
  while (from > 0 && tokens[from - 1]?.sentence === sentence) from--;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.sentence !== sentence) break;
    if (t.text.length < 4 || (i >= runStart && i <= runEnd)) continue;
    long++;
    if (/^\p{Lu}/u.test(t.text)) capital++;
  }
  return long >= 2 && capital / long >= 0.75;
}

// Words that make a city's name its governorate's ("Homs countryside", "the desert of Homs").
const RURAL_AREA = /^(?:countryside|desert|[Bb]adia)$/;
// An Arabic article opening a name's next word, after a generic head word ("Khan al-Shih").
const ARTICLE_WORD = /^(?:al|el|ad|ar|as|ash|at|az|an)-\p{Lu}/u;
const HEAD_WORD =
  /^(?:Khan|Tal|Tall|Tell|Jabal|Jebel|Wadi|Ain|Ayn|Kafr|Deir|Dayr|Bir|Khirbet|Khirbat|Qasr|Jisr|Bab|Beit|Bayt|Ras|Marj|Hay|Qaryat|Mazraat)$/;
/**
 * A town name inside a run of capitalised words ("Jibril Adam Hassan") is part of a name,
 * unless the sentence is a title-case headline ("Taliban Killed in Laghman Clash").
 */
function insideUnknownName(text: string, match: Match, tokens: Token[]): boolean {
  const neighbour = (i: number, gapFrom: number, gapTo: number) => {
    const t = tokens[i];
    const first = tokens[match.firstToken];
    if (!t || !first || t.sentence !== first.sentence) return false;
    // one space, or a space and the mark a word opens with ("Kalay ‘Isa")
    if (gapTo - gapFrom !== 1 && !/^ ['’‘ʿʾ]$/.test(text.slice(gapFrom, gapTo))) return false;
    return (
      /^\p{Lu}/u.test(t.text) && !PLACE_NEIGHBOURS.test(t.text) && !(t.sentenceStart && i < match.firstToken)
    );
  };
  const prev = tokens[match.firstToken - 1];
  const next = tokens[match.lastToken + 1];
  // "Khan al-Shih", "Tal al-Sawan": a generic head word whose name goes on with an Arabic article,
  // in a title-case line too.
  if (next?.start === match.end + 1 && HEAD_WORD.test(match.text) && ARTICLE_WORD.test(next.text))
    return true;
  const beside =
    (prev !== undefined && neighbour(match.firstToken - 1, prev.end, match.start)) ||
    (next !== undefined && neighbour(match.lastToken + 1, match.end, next.start));
  // Checked last: it reads the whole sentence.
  return beside && !titleCased(match, tokens);
}

/**
 * Arabic place names built on a person's name ("Dahiyat al-Assad", "Hay al-Assad", "Jisr
 * al-Shughur"): after a word for suburb, quarter, hill, mountain, valley, spring, village, well,
 * bridge, gate or square, the name is part of the place, not the person.
 */
const PLACE_WORD_BEFORE =
  /\b(?:Dahiyat|Dahiyet|Hay|Hayy|Harat|Haret|Tal|Tell|Jabal|Jebel|Wadi|Ain|Kafr|Deir|Bir|Khirbet|Qasr|Souq|Suq|Madinat|Dawar|Jisr|Bab|Beit|Bayt|Qaryat|Mazraat|Masjid|Sahat|Midan)\s+(?:(?:al|el|ad|ar|as|ash|at|az)-?\s*)?$/;
const inPlaceName = (text: string, start: number) =>
  PLACE_WORD_BEFORE.test(text.slice(Math.max(0, start - 16), start));

// What a government does, not a place: "Kyiv denies", "Moscow has warned", "Kyiv's forces".
const STANCE = String.raw`(?:(?:has|have|had|also|later|quickly|again|officially|flatly|publicly)\s+)?(?:says?|said|den(?:y|ies|ied)|claim(?:s|ed)?|accus(?:e|es|ed)|reject(?:s|ed)?|warn(?:s|ed)?|insist(?:s|ed)?|respond(?:s|ed)?|confirm(?:s|ed)?|announc(?:e|es|ed)|vow(?:s|ed)?|threaten(?:s|ed)?|condemn(?:s|ed)?|blam(?:e|es|ed)|demand(?:s|ed)?|disput(?:e|es|ed)|dismiss(?:es|ed)?|refut(?:e|es|ed)|admit(?:s|ted)?|retaliat(?:e|es|ed)|protest(?:s|ed)?|summon(?:s|ed)?|recall(?:s|ed)?)\b(?!\s+(?:of|by|for)\b)`; // not the passive "accused of"
const METONYM_AFTER = new RegExp(
  String.raw`^(?:\s+(?:and|,)\s+\p{Lu}[\p{L}-]+)?\s+${STANCE}|^['’]s\s+(?:forces|troops|army|military|government|regime|officials|diplomats|allies|negotiators|envoy)\b`,
  'u',
);
// "The New York Times", "the Jerusalem Post": a newspaper named after its city is no pin.
const PUBLICATION_AFTER =
  /^ (?:Times|Post|Herald|Tribune|Journal|Gazette|Telegraph|Chronicle|Observer|Examiner|Inquirer|Independent|Globe)\b/;
// "Victoria Station in Manchester", "the Baghdad Hotel in Mogadishu": the name is the facility's,
// and the place is the one after "in".
const FACILITY_IN =
  /^\s+(?:Station|Airport|Hotel|Bridge|Street|Road|Square|Mosque|Church|Cathedral|Park|Stadium|Market|Mall|University|Hospital|Prison|Gate|Club)\s+in\s+(?:the\s+)?\p{Lu}/u;

/** A capital-sized city standing for its government ("Russia says…; Kyiv denies") is an actor, not a place. */
function governmentMetonym(text: string, match: Match, candidates: { place: Place }[]): boolean {
  const city = candidates.find((c) => c.place.kind === 'city' && c.place.population >= 500_000);
  // "residents of Kyiv said": after a preposition it is still where
  if (
    !city ||
    /\b(?:of|in|at|from|near|to|into|over|outside|around|across|toward|towards)\s+$/i.test(
      text.slice(Math.max(0, match.start - 12), match.start),
    )
  )
    return false;
  return METONYM_AFTER.test(text.slice(match.end, match.end + 60));
}

function resolve(text: string, match: Match, tokens: Token[]): Resolved | undefined {
  const entries = match.entries;
  const person = entries.find((e): e is Extract<LexEntry, { kind: 'person' }> => e.kind === 'person');
  if (person) return { kind: 'person', match, person: person.person };
  const org = entries.find((e): e is Extract<LexEntry, { kind: 'org' }> => e.kind === 'org');
  if (org) return { kind: 'org', match, org: org.org };
  const country = entries.find((e): e is Extract<LexEntry, { kind: 'country' }> => e.kind === 'country');
  if (country) return { kind: 'country', match, country: country.country, demonym: country.demonym };
  const first = tokens[match.firstToken];
  const candidates = entries
    .filter((e): e is Extract<LexEntry, { kind: 'place' }> => e.kind === 'place')
    .map((e) => ({ place: e.place, canonical: e.canonical }));
  if (candidates.length === 0) return undefined;
  if (match.override) return { kind: 'place', match, candidates, preferRegion: false, chosen: true };
  // "(Kasese, Western)", "(Paletwa, Chin)": last in an admin bracket a compass word or a people's
  // name is the region so called.
  if (
    NOT_PLACES.has(match.text) &&
    !(
      BRACKET_REGIONS.has(match.text) &&
      lastOfAdminParenthesis(text, match) &&
      candidates.some((c) => c.place.kind === 'region')
    )
  )
    return undefined;
  if (governmentMetonym(text, match, candidates)) return undefined;
  if (FACILITY_IN.test(text.slice(match.end, match.end + 40))) return undefined;
  if (PUBLICATION_AFTER.test(text.slice(match.end, match.end + 14))) return undefined;
  if (first?.sentenceStart && match.firstToken === match.lastToken && SENTENCE_START_WORDS.has(match.text))
    return undefined;
  const next = tokens[match.lastToken + 1];
  // A region or a big city next to an unknown capitalised word is still the place ("Tigray
  // War", "Baghdad Shi'ite districts"); only small towns hide inside people's names.
  const prominent = candidates.some((c) => c.place.kind === 'region' || c.place.population >= 500_000);
  if (!prominent && insideUnknownName(text, match, tokens)) return undefined;
  const before = tokens[match.firstToken - 2];
  // "Homs countryside", "the countryside of Homs", "rural Homs" mean the governorate, not the
  // city, at the end of a sentence too.
  // So do "the eastern desert of Homs" and "Homs Badia" (the Syrian steppe).
  const countryside =
    RURAL_AREA.test(next?.text ?? '') ||
    tokens[match.firstToken - 1]?.text === 'rural' ||
    (tokens[match.firstToken - 1]?.text === 'of' && RURAL_AREA.test(before?.text ?? ''));
  const regionWord = next !== undefined && REGION_WORD.test(next.text);
  const preferRegion =
    (regionWord ||
      countryside ||
      CONTAINS_NEXT.test(text.slice(match.end, match.end + 24)) ||
      lastOfAdminParenthesis(text, match)) &&
    candidates.some((c) => c.place.kind === 'region');
  if (preferRegion && next && regionWord && !countryside) match.end = next.end;
  // "Kandahar City", "Gwoza Town": the word is part of the town's name, not a place of its own.
  else if (next?.text === 'City' || next?.text === 'Town')
    if (/^ +$/.test(text.slice(match.end, next.start))) match.end = next.end;
  return { kind: 'place', match, candidates, preferRegion, chosen: false };
}

/** "Idlib, Hama and Latakia provinces": each name before a plural region word is a region. */
function markRegionLists(text: string, resolved: Resolved[], tokens: Token[]): void {
  for (let i = 0; i < resolved.length; i++) {
    const last = resolved[i];
    if (last?.kind !== 'place') continue;
    const next = tokens[last.match.lastToken + 1];
    if (!next || !REGION_WORDS.test(next.text)) continue;
    for (let j = i; j >= 0; j--) {
      const item = resolved[j];
      if (item?.kind !== 'place') break;
      if (item.candidates.some((c) => c.place.kind === 'region')) item.preferRegion = true;
      const before = resolved[j - 1];
      if (!before) break;
      const gap = text.slice(before.match.end, item.match.start);
      if (!/^\s*(?:,|and|, and)\s*$/.test(gap)) break;
    }
  }
}

/** A match of a spelling an editor corrected means only what the correction says. */
function overridden(matches: Match[], overlay: Lexicon | undefined): Match[] {
  if (!overlay) return matches;
  for (const m of matches) {
    const entries = overlay.get(m.text);
    if (entries) {
      m.entries = entries;
      m.override = true;
    }
  }
  return matches;
}

// Words before a listed surname that leave it the listed person's: titles, and a sentence's
// function words ("But Putin said").
const SURNAME_BEFORE =
  /^(?:President|Prime|Minister|Premier|Chancellor|Leader|Mr|Mrs|Ms|Dr|General|Gen|Senator|Sen|Governor|King|Queen|Prince|Crown|Sheikh|Emir|Ayatollah|Mullah|Marshal|Commander|Chairman|Secretary|Vice|Former|Ex|Supreme|The|A|An|But|And|When|While|If|As|After|Before|Then|So|Yet|Both|Only|Even|Also|Since|Until|Unlike|Like|Neither|Nor|Or|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Meanwhile|Later|Earlier|Separately)$/;
/**
 * "Ivanka Trump", "Sher Mohammad Akhundzada": a listed person's one-word alias right after another
 * capitalised word names someone else of that family name.
 */
function anotherBearer(text: string, match: Match, tokens: Token[], person: Person): boolean {
  // An editor's alias is taken at its word.
  if (match.override || match.firstToken !== match.lastToken) return false;
  const before = tokens[match.firstToken - 1];
  if (!before || before.sentence !== tokens[match.firstToken]?.sentence) return false;
  if (text.slice(before.end, match.start) !== ' ' || !/^\p{Lu}\p{Ll}+$/u.test(before.text)) return false;
  if (SURNAME_BEFORE.test(before.text)) return false;
  // "Asif Zardari" is Asif Ali Zardari: a word of the person's own name.
  return ![person.name, ...person.aliases].some((n) => n.split(/[\s-]+/).includes(before.text));
}

/**
 * All names in the text, resolved, in order. `overlay` holds editors' corrections (aliases, added
 * names, chosen places), which win over `lexicon` for their spellings.
 */
export function findMentions(
  text: string,
  tokens: Token[],
  lexicon: Lexicon,
  overlay?: Lexicon,
  imported?: Lexicon,
  storyPeople: readonly Person[] = [],
): Resolved[] {
  // Imported places (looked up for this text only) are matched beside the shipped data, and lose to
  // editors' corrections like it does.
  let extra = overlay;
  if (imported && overlay) {
    extra = new Lexicon();
    extra.addAll(imported);
    extra.addAll(overlay);
  } else if (imported) extra = imported;
  const first = overridden(lexicon.match(text, tokens, extra), overlay);
  // People an earlier update of the story named in full are named from the start of this one.
  const named = new Map<Person, number>(storyPeople.map((person) => [person, 0]));
  for (const m of first) {
    const resolved = resolve(text, m, tokens);
    if (resolved?.kind === 'person' && !named.has(resolved.person)) named.set(resolved.person, m.end);
  }
  let matches = first;
  if (named.size > 0) {
    const surnames = new Lexicon();
    if (extra) surnames.addAll(extra);
    for (const person of named.keys())
      for (const surname of surnamesOf(person))
        // "Houthi" stays the movement after "Abdul-Malik al-Houthi" was named; a town called
        // like the surname ("Rashad" after "Hassan Rashad") gives way to the person.
        if (!lexicon.get(surname)?.some((e) => e.kind !== 'place'))
          surnames.add(surname, { kind: 'person', person });
    matches = overridden(lexicon.match(text, tokens, surnames), overlay).filter((m) => {
      if (m.override) return true;
      // a surname alone names the person only after the full name (which may be written with
      // diacritics the list lacks: "François Fillon")
      const viaSurname = !m.entries.some((e) => e.kind !== 'person' || lexicon.lookup(m.text)?.includes(e));
      const person = m.entries.find((e) => e.kind === 'person');
      return !viaSurname || (person?.kind === 'person' && (named.get(person.person) ?? Infinity) <= m.start);
    });
  }
  const resolved = matches
    .map((m) => resolve(text, m, tokens))
    .filter(
      (r): r is Resolved =>
        r !== undefined &&
        !(
          r.kind === 'person' &&
          (inPlaceName(text, r.match.start) || anotherBearer(text, r.match, tokens, r.person))
        ),
    );
  markRegionLists(text, resolved, tokens);
  return resolved;
}
