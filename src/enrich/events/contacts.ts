/**
 * Contacts: in each event sentence, which named people and organisations were in contact, how
 * (phone, in person, letter, envoy, a warning), where and when. Hand-written cues rather than a
 * parser: the sentences are news readouts ("X spoke by phone with Y", "X visited Moscow and met Y",
 * "talks between A and B") and every rule here is measured by eval/contacts.
 *
 * A contact needs a cue that the contact happened (not "will meet", "refused to meet", "called
 * for") and two named parties, one on each side of the cue, or joined by "between" or "and".
 */
import type { ContactChannel, ContactKind } from '../../domain/contacts.ts';
import { DEFAULT_NAME_MIN_CONFIDENCE } from '../entities.ts';
import type { EnrichContext, Extractor } from '../extractor.ts';
import type { Resolved } from '../mentions.ts';
import type { ContactMention, ContactParty } from '../types.ts';

interface Cue {
  re: RegExp;
  kind: ContactKind;
  channel?: ContactChannel;
}

/** When, between a verb and its "with" in readouts: "spoke today with", "met this morning with". */
const WHEN = String.raw` (?:(?:today|yesterday|tonight|earlier|again|separately|(?:this|on|last) (?:morning|afternoon|evening|\w+day)) )?`;

/** Cues in priority order: the first that matches a sentence decides its kind. */
const CUES: Cue[] = [
  {
    re: /\b(?:spoke|spoken|speaking|talked|conferred|told|held (?:talks|a conversation)|had a conversation)\b(?=[^.;]{0,60}\b(?:by|over the|on the) (?:tele)?phone\b)/i,
    kind: 'call',
    channel: 'phone',
  },
  { re: /\b(?:phone|telephone) (?:call|conversation|talks)\b/i, kind: 'call', channel: 'phone' },
  {
    re: /\bvideo ?(?:call|link|conference)\b|\b(?:virtually met|met virtually|virtual meeting)\b/i,
    kind: 'call',
    channel: 'video',
  },
  {
    // "called Erdogan", not "called for", "called on", "called off", "called it".
    re: /\b(?:called|phoned|telephoned|rang)\b(?!\s+(?:for|on|upon|off|out|in|up|it|the|a|an|its|his|her|their|back)\b)/i,
    kind: 'call',
    channel: 'phone',
  },
  {
    re: /\b(?:wrote|sent|addressed|delivered|handed)\b[^.;]{0,40}\bletter\b|\bletter (?:to|from)\b/i,
    kind: 'letter',
    channel: 'letter',
  },
  {
    re: /\bsent (?:an?|his|her|its|their|the) (?:special |personal )?(?:envoy|emissary)\b/i,
    kind: 'meeting',
    channel: 'envoy',
  },
  {
    re: /\b(?:visit(?:ed|ing|s)?|travell?ed to|flew to|arrived in)\b[^.;]{0,80}?\b(?:met|meets|meeting with|held talks with|talks with)\b/i,
    kind: 'visit',
    channel: 'in-person',
  },
  {
    re: /\b(?:met|meets|meeting (?:with|between)|held (?:a )?meeting with|hosted|received|welcomed|sat down with|summit (?:with|between))\b/i,
    kind: 'meeting',
    channel: 'in-person',
  },
  {
    re: new RegExp(
      String.raw`\b(?:held talks with|talks (?:with|between)|negotiat(?:ed|ions|ing) with|(?:spoke|talked|conferred)${WHEN}(?:with|to)|discussed\b[^.;]{0,60}?\bwith)\b`,
      'i',
    ),
    kind: 'talks',
  },
  { re: /\bheld talks\b/i, kind: 'talks' },
  {
    re: /\b(?:signed|agreed|concluded|reached)\b[^.;]{0,60}?\b(?:agreement|deal|accord|memorandum|truce|ceasefire)\b|\b(?:agreement|deal|accord|memorandum) (?:with|between)\b/i,
    kind: 'agreement',
  },
  { re: /\b(?:warned|threatened)\b/i, kind: 'threat', channel: 'statement' },
];

/** Lower-case words of titles between a cue and its counterpart ("met Syria's interim leader X"). */
const TITLE_TERM = String.raw`counterparts?|envoy|ministers?|president|leader|chief|head|interim|prime|foreign|defen[cs]e|special|top|senior|former|acting|deputy|security|national|advis[eo]r|secretary|general|ambassador|commander|officials?|delegation`;

/** Kinds whose counterpart follows the cue at once (bar when, where and titles). */
const FACE_TO_FACE = new Set<ContactKind>(['call', 'meeting', 'visit', 'talks']);

/** Right before a cue: the contact did not (yet) happen. */
const NOT_HAPPENED =
  /\b(?:will|would|to|may|might|could|should|not|never|n't|plans? to|expected to|due to|refused to|declined to|hopes? to|wants? to|ready to|offered to)\s+(?:\w+\s+)?$/i;

/** A reporting verb: actors before it are the source, not a party ("The Kremlin said X met Y"). */
const REPORTING = /\b(?:said|says|told reporters|announced|according to|reported|confirmed)\b(?: that)?/g;

/** An attribution closing the sentence. */
const ATTRIBUTION = /,[^,;]*\b(?:said|says|reported|reports|told|added|wrote)\b[^,;]*$/;

/** Where the counterpart's clause ends: parties after it belong to another statement. */
const CLAUSE_END = /;|\b(?:who|which|while|after|before|but|said|says|according to|as)\b/;

const TITLE_WORD = String.raw`(?:Secretary[- ]General|General Secretary|Commissioner[- ]General|Chief of Staff|Advis[eo]r|Coordinator|Administrator|Director|Governor|Amir|Chair|Affairs|Dr\.|President|Vice President|Prime Minister|Minister|King|Emir|Crown Prince|Prince|Chancellor|Secretary-General|Secretary|Speaker|Sheikh|General|Gen\.|[Ee]nvoy|[Aa]mbassador|[Ll]eader|[Cc]ommander|[Ss]pokes(?:man|woman)|[Aa]ide|[Aa]dviser|[Cc]hief|[Cc]ounterpart|[Hh]ead)`;
const TITLE_MODIFIER = String.raw`(?:(?:National|Principal|Executive|Assistant|Associate|Deputy|Vice|Foreign|Defen[cs]e|Interior|Special|special|Supreme|Senior|senior|Acting|Security|Presidential|presidential|Chief|Military|military|top|former|Former)\s+)`;
/** A title right before a name ("Foreign Minister ", "President ", "his Turkish counterpart "). */
const TITLE_BEFORE = new RegExp(`(${TITLE_MODIFIER}*${TITLE_WORD})\\s+$`);

// "McGurk" and "MacArthur" have a capital inside.
const NAME_WORD = String.raw`(?:(?:al|el|bin|ibn)-)?\p{Lu}[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}?\p{Ll}+)?`;
/** What a title is of ("Minister of Strategic Affairs", "Coordinator for the Middle East"). */
const TITLE_OF = String.raw`(?:\s+(?:of|for)\s+(?:the\s+)?\p{Lu}\p{Ll}+(?:\s+(?:and\s+)?\p{Lu}\p{Ll}+){0,3})?`;
/**
 * A title (and what it is of), then a name of two or three words, or of one with a regnal number ("King Mohammed VI") or
 * before the country ("Prime Minister Kishida of Japan").
 */
const TITLED_NAME = new RegExp(
  `\\b${TITLE_MODIFIER}*${TITLE_WORD}${TITLE_OF}\\s+((?!${TITLE_MODIFIER}|${TITLE_WORD}\\b)${NAME_WORD}(?:(?:\\s+${NAME_WORD}){1,2}|\\s+(?:I{1,3}|IV|VI{0,3})\\b|(?=\\s+of\\s+(?:the\\s+)?\\p{Lu})))(?![\\p{L}-])`,
  'gu',
);

/** A named party located in the sentence (offsets within the sentence). */
interface Actor {
  kind: 'person' | 'organization';
  name: string;
  start: number;
  end: number;
  /** Found by the names lists, by the name patterns, or as the name after a title here. */
  source: 'list' | 'pattern' | 'titled';
  title?: string;
  /** The country or organisation qualifying the title ("Iran's President", "UN envoy"). */
  of?: string;
}

function actorsIn(context: EnrichContext, from: number, to: number): Actor[] {
  const inside = (s: number, e: number) => s >= from && e <= to;
  const actors: Actor[] = [];
  for (const m of context.mentions) {
    if (!inside(m.match.start, m.match.end) || (m.kind !== 'person' && m.kind !== 'org')) continue;
    actors.push({
      kind: m.kind === 'person' ? 'person' : 'organization',
      name: m.kind === 'person' ? m.person.name : m.org.name,
      start: m.match.start - from,
      end: m.match.end - from,
      source: 'list',
    });
  }
  for (const p of context.patternNames) {
    // Pattern names too uncertain for an entity page make no contact either.
    if (!inside(p.start, p.end) || p.confidence < DEFAULT_NAME_MIN_CONFIDENCE) continue;
    if (actors.some((a) => p.start - from < a.end && p.end - from > a.start)) continue;
    actors.push({
      kind: p.kind === 'person' ? 'person' : 'organization',
      name: p.name,
      start: p.start - from,
      end: p.end - from,
      source: 'pattern',
    });
  }
  // A full name right after a title the name patterns do not take ("his Iranian counterpart Hassan
  // Rouhani"): a person for this contact, though no entity page lists it yet.
  // It also beats a guess of the name patterns, or an organisation, that covers only part of it
  // ("Prime Minister Hun" for "Prime Minister Hun Sen", "VI" in "King Mohammed VI").
  for (const m of context.text.slice(from, to).matchAll(TITLED_NAME)) {
    const name = m[1]!;
    const start = m.index + m[0].length - name.length;
    const end = start + name.length;
    const overlapping = actors.filter((a) => start < a.end && end > a.start);
    const beaten = (a: Actor) =>
      a.source === 'pattern' || (a.kind === 'organization' && a.start >= start && a.end <= end);
    if (!overlapping.every(beaten) || overlapping.some((a) => a.name === name)) continue;
    for (const a of overlapping) actors.splice(actors.indexOf(a), 1);
    actors.push({ kind: 'person', name, start, end, source: 'titled' });
  }
  // "Joseph R. Biden": the given name the patterns found before a listed surname is the same person.
  const sorted = actors.sort((a, b) => a.start - b.start);
  return sorted.filter((a, i) => {
    const next = sorted[i + 1];
    return !(
      next &&
      a.kind === 'person' &&
      next.kind === 'person' &&
      a.source === 'pattern' &&
      /^\s+(?:\p{Lu}\.\s+)*$/u.test(context.text.slice(from + a.end, from + next.start))
    );
  });
}

type CountryMention = Extract<Resolved, { kind: 'country' }>;

/**
 * Gives people their titles from the words before them, qualified by a country ("Iran's President",
 * "Turkish President") or an organisation ("UN envoy"); such an organisation is then no party itself.
 */
function withTitles(sentence: string, actors: Actor[], countries: CountryMention[], from: number): Actor[] {
  const qualifiers = new Set<Actor>();
  for (const actor of actors) {
    if (actor.kind !== 'person') continue;
    const title = TITLE_BEFORE.exec(sentence.slice(0, actor.start));
    if (!title) continue;
    actor.title = title[1]!;
    const before = sentence.slice(0, title.index);
    const country = countries.find((c) =>
      /^(?:['’]s)?\s+(?:(?:his|her|their|the)\s+)?$/.test(sentence.slice(c.match.end - from, title.index)),
    );
    const org = actors.find(
      (a) =>
        a.kind === 'organization' &&
        /^(?:['’]s)?\)?\s+(?:(?:his|her|its|the)\s+)?$/.test(before.slice(a.end)),
    );
    if (country && (!org || country.match.end - from > org.end)) actor.of = country.country.name;
    else if (org && before.slice(org.end).length <= 4) {
      actor.of = org.name;
      qualifiers.add(org);
    }
    // Every organisation in the title's noun phrase names the office, not a party: "UN Relief and
    // Works Agency (UNRWA) Commissioner General X".
    for (const a of actors)
      if (
        a.kind === 'organization' &&
        a.end <= title.index &&
        /^(?:[\s()]|\p{Lu}[\p{L}.'’-]*|and\b|for\b|in\b|the\b|of\b)*$/u.test(before.slice(a.end))
      )
        qualifiers.add(a);
  }
  return actors.filter((a) => !qualifiers.has(a));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "President of Iran", "Foreign Minister"; a counterpart takes the other side's title. */
function roleOf(actor: Actor, other: Actor): string | undefined {
  let title = actor.title;
  if (title !== undefined && /counterpart$/i.test(title)) title = other.title;
  if (title === undefined || /counterpart$/i.test(title)) return undefined;
  title = capitalise(title.replace(/^(?:top|senior)\s+/, ''));
  return actor.of === undefined ? title : `${title} of ${actor.of}`;
}

function party(actor: Actor, other: Actor): ContactParty {
  const role = roleOf(actor, other);
  return { kind: actor.kind, name: actor.name, ...(role !== undefined && { role }) };
}

/** Whether the text between two actors joins them ("and", ", ", "and his Turkish counterpart "). */
function joined(sentence: string, first: Actor, second: Actor): boolean {
  const gap = sentence.slice(first.end, second.start);
  return (
    /,|\band\b/.test(gap) &&
    /^(?:,?\s*(?:Jr|Sr)\.)?\s*,?\s*(?:and\s+)?(?:(?:his|her|its|their|the)\s+)?(?:(?:\p{Lu}[\p{L}'’.-]*|counterpart|envoy|minister|president|leader|chief|head|of|the|for)\s+)*$/u.test(
      gap,
    )
  );
}

/** The actors at the end of `actors` joined to the last ("Putin and his Turkish counterpart Erdogan"). */
function groupAtEnd(sentence: string, actors: Actor[]): Actor[] {
  let i = actors.length - 1;
  while (i > 0 && joined(sentence, actors[i - 1]!, actors[i]!)) i--;
  return actors.slice(i);
}

/** The actors at the start of `actors` joined to the first. */
function groupAtStart(sentence: string, actors: Actor[]): Actor[] {
  let i = 1;
  while (i < actors.length && joined(sentence, actors[i - 1]!, actors[i]!)) i++;
  return actors.slice(0, i);
}

/** Every pair of a group. */
function allPairs(group: Actor[]): [Actor, Actor][] {
  return group.flatMap((a, i) => group.slice(i + 1).map((b): [Actor, Actor] => [a, b]));
}

/** The pairs in contact in one sentence, by the first cue that finds two parties. */
function pairsIn(sentence: string, actors: Actor[]): { cue: Cue; pairs: [Actor, Actor][] } | undefined {
  if (actors.length < 2) return undefined;
  for (const cue of CUES) {
    const match = cue.re.exec(sentence);
    if (!match) continue;
    const start = match.index;
    const end = start + match[0].length;
    if (NOT_HAPPENED.test(sentence.slice(0, start))) continue;
    // Actors before the last reporting verb ahead of the cue are the source, unless the sentence goes
    // on with a pronoun ("Putin said he had spoken with Erdogan"): then the source is the subject.
    let boundary = 0;
    let pronounSubject = false;
    for (const r of sentence.slice(0, start).matchAll(REPORTING)) {
      boundary = r.index + r[0].length;
      pronounSubject = /^\s+(?:he|she|they)\b/.test(sentence.slice(boundary));
    }
    const rest = sentence.slice(end);
    // A closing attribution (", Hezbollah's Al-Manar reported") names the source, not a party.
    const clauseEnd = CLAUSE_END.exec(rest.replace(ATTRIBUTION, (tail) => `;${tail.slice(1)}`));
    let right = actors.filter((a) => a.start >= end && (!clauseEnd || a.start < end + clauseEnd.index));
    // "met with families of hostages held by Hamas", "welcomed the opportunity to speak to Xi": a
    // party further on, past other words, is not the one met.
    if (
      right[0] &&
      FACE_TO_FACE.has(cue.kind) &&
      !/\bbetween\b/.test(match[0]) &&
      !new RegExp(
        String.raw`^(?:[\s,()]+|[\p{Lu}\p{N}][\p{L}\p{N}.'’-]*|(?:with|to|today|yesterday|tonight|earlier|virtually|separately|also|again|by|phone|telephone|on|the|in|at|this|morning|afternoon|evening|his|her|their|its|of|and|for|a|an|both|from|via|video|link|${TITLE_TERM})\b)*$`,
        'u',
      ).test(sentence.slice(end, right[0].start))
    )
      right = [];
    let left = actors.filter((a) => a.end <= start && a.start >= boundary);
    if (left.length === 0 && pronounSubject) left = actors.filter((a) => a.end <= boundary).slice(-1);
    if (cue.kind === 'threat') {
      // "warned Damascus", not "warned that Damascus would...": the counterpart comes at once.
      const next = right[0];
      if (
        !next ||
        !/^\s+(?:(?:the|his|her)\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+)*$/u.test(sentence.slice(end, next.start))
      )
        continue;
    }
    // "called Rouhani a liar" is name-calling, not a call.
    if (
      /^(?:called|phoned|rang)$/.test(match[0]) &&
      right[0] &&
      /^\s+(?:a|an|the)\s/.test(sentence.slice(right[0].end))
    )
      continue;
    let pairs: [Actor, Actor][] = [];
    if (/\bbetween\b/.test(match[0]) || /^\s*between\b/.test(rest))
      pairs = allPairs(groupAtStart(sentence, right));
    else if (cue.channel === 'envoy') {
      // "Putin sent his envoy Lavrentiev to meet Assad": the sender and Assad, through the envoy.
      const [, counterpart] = right;
      const sender = left.at(-1);
      if (sender && counterpart) pairs = [[sender, counterpart]];
    } else if (left.length > 0 && right.length > 0) {
      const counterparts = groupAtStart(sentence, right);
      pairs = groupAtEnd(sentence, left).flatMap((s) => counterparts.map((c): [Actor, Actor] => [s, c]));
    } else if (cue.kind !== 'threat' && cue.kind !== 'letter') pairs = allPairs(groupAtEnd(sentence, left));
    const distinct = pairs.filter(([a, b]) => a.name !== b.name);
    if (distinct.length > 0) return { cue, pairs: distinct };
  }
  return undefined;
}

/**
 * Lists the contacts in sentence order, from every sentence (letters are no event type); runs after
 * places and dates.
 */
export const contactsExtractor: Extractor<'contacts'> = {
  field: 'contacts',
  extract(context) {
    const contacts: ContactMention[] = [];
    const places = context.result.places ?? [];
    for (const sentence of context.sentences) {
      const countries = context.mentions.filter(
        (m): m is CountryMention =>
          m.kind === 'country' && m.match.start >= sentence.start && m.match.end <= sentence.end,
      );
      const actors = withTitles(
        sentence.text,
        actorsIn(context, sentence.start, sentence.end),
        countries,
        sentence.start,
      );
      const found = pairsIn(sentence.text, actors);
      if (!found) continue;
      // Where: a town or region the sentence names, else a country it says the contact was in.
      const town = context.mentions.find(
        (m) => m.kind === 'place' && m.match.start >= sentence.start && m.match.end <= sentence.end,
      );
      const place = town ? places.find((p) => p.matched === town.match.text) : undefined;
      const inCountry = countries.find((c) =>
        /\b(?:in|to)\s+$/.test(context.text.slice(sentence.start, c.match.start)),
      );
      const where = place
        ? { place: place.name, country: place.country }
        : inCountry
          ? { place: inCountry.country.name, country: inCountry.country.iso2 }
          : {};
      const date = (context.result.dates ?? []).find((d) => sentence.text.includes(d.text));
      for (const [a, b] of found.pairs)
        contacts.push({
          kind: found.cue.kind,
          ...(found.cue.channel !== undefined && { channel: found.cue.channel }),
          a: party(a, b),
          b: party(b, a),
          ...where,
          ...(date && { date: date.start }),
          sentence: sentence.text,
        });
    }
    return contacts;
  },
};
