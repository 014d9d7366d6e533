/**
 * What the newsroom shows beside an update: each person, organisation, place, date and event the
 * pipeline found, and each "new name?", as a suggestion with the editor's verdict so far. Each has a
 * stable `item` key (the field and the name or text), which verdicts and corrections refer to.
 */
import type { Review, ReviewVerdict } from './corrections.ts';
import type { ContactMention, Enrichment, NameSuggestion, PlaceMention } from './types.ts';

/** The suggestion lists, in the order the editor sees them. */
export const SUGGESTION_FIELDS = [
  'people',
  'organizations',
  'places',
  'dates',
  'events',
  'contacts',
  'names',
] as const;
/** A suggestion list. */
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

/** One suggestion. */
export interface SuggestionItem {
  item: string;
  field: SuggestionField;
  /** What is suggested: the canonical name, the date's text, the event type. */
  label: string;
  /** A line of context: role and country, place kind and region, resolved dates, the sentence. */
  detail: string;
  /** The spellings found in the text. */
  matched: string[];
  /**
   * How sure the pipeline is, 0–1: a pattern's certainty for names it does not list, less for
   * approximate places, event types and "new name?" hints. The editor sees the surest first.
   */
  confidence: number;
  verdict: ReviewVerdict | null;
  /** Who gave the verdict. */
  by: string | null;
  /** For places: the gazetteer entry chosen. */
  place?: PlaceMention;
}

/** Everything suggested for one update. */
export interface Suggestions {
  updateId: string;
  updateVersion: number;
  /** Whether the enrichment is of the update's current version (false while an edit is enriched). */
  current: boolean;
  enrichedAt: string;
  items: SuggestionItem[];
}

/** The item key of a place. */
export function placeItem(place: Pick<PlaceMention, 'name' | 'country'>): string {
  return `places:${place.name}|${place.country}`;
}

/**
 * The item key of a contact: its pair and sentence, which re-enrichment gives again, so an editor's
 * verdict on it holds for every later enrichment of the same text.
 */
export function contactItem(contact: Pick<ContactMention, 'a' | 'b' | 'sentence'>): string {
  return `contacts:${contact.a.name}|${contact.b.name}|${contact.sentence}`;
}

const KINDS: Record<string, string> = { city: 'town', region: 'region', country: 'country' };

/**
 * How sure a suggestion of each kind is when the pipeline gives no figure: places and dates come from
 * lists and rules; an event type from a sentence's wording; a "new name?" is only a capitalised run
 * (a title before it makes it likelier).
 */
const CONFIDENCE = {
  place: 0.9,
  approximatePlace: 0.5,
  date: 0.9,
  event: 0.7,
  contact: 0.7,
  name: 0.3,
  titledName: 0.5,
} as const;

/** Builds the suggestions from a stored enrichment, the "new name?" hints and the verdicts. */
export function buildSuggestions(input: {
  updateId: string;
  updateVersion: number;
  current: boolean;
  enrichedAt: string;
  enrichment: Enrichment;
  newNames: NameSuggestion[];
  reviews: readonly Review[];
}): Suggestions {
  const reviews = new Map(input.reviews.map((r) => [r.item, r]));
  const items: SuggestionItem[] = [];
  const push = (item: Omit<SuggestionItem, 'verdict' | 'by'>) => {
    const review = reviews.get(item.item);
    items.push({ ...item, verdict: review?.verdict ?? null, by: review?.actor ?? null });
  };
  const { enrichment } = input;
  for (const p of enrichment.people)
    push({
      item: `people:${p.name}`,
      field: 'people',
      label: p.name,
      detail: [p.role, p.country].filter(Boolean).join(', '),
      matched: p.matched,
      confidence: p.confidence ?? 1,
    });
  for (const o of enrichment.organizations)
    push({
      item: `organizations:${o.name}`,
      field: 'organizations',
      label: o.name,
      detail: '',
      matched: o.matched,
      confidence: o.confidence ?? 1,
    });
  for (const p of enrichment.places)
    push({
      item: placeItem(p),
      field: 'places',
      label: p.name,
      detail: [KINDS[p.kind] ?? p.kind, p.admin1, p.country].filter(Boolean).join(', '),
      matched: [p.matched],
      place: p,
      confidence: p.precision === 'approximate' ? CONFIDENCE.approximatePlace : CONFIDENCE.place,
    });
  for (const d of enrichment.dates)
    push({
      item: `dates:${d.text}`,
      field: 'dates',
      label: d.text,
      detail:
        d.start === d.end ? `${d.start} (${d.granularity})` : `${d.start} – ${d.end} (${d.granularity})`,
      matched: [d.text],
      confidence: CONFIDENCE.date,
    });
  for (const e of enrichment.events)
    push({
      item: `events:${e.sentence}`,
      field: 'events',
      label: e.type,
      detail: e.sentence,
      matched: [],
      confidence: CONFIDENCE.event,
    });
  for (const c of enrichment.contacts ?? [])
    push({
      item: contactItem(c),
      field: 'contacts',
      label: `${c.a.name} ↔ ${c.b.name}`,
      detail: `${c.kind}${c.channel === undefined ? '' : ` (${c.channel})`}: ${c.sentence}`,
      matched: [],
      confidence: CONFIDENCE.contact,
    });
  for (const n of input.newNames)
    push({
      item: `names:${n.text}`,
      field: 'names',
      label: n.text,
      detail: n.title === undefined ? '' : `after “${n.title}”`,
      matched: [n.text],
      confidence: n.title === undefined ? CONFIDENCE.name : CONFIDENCE.titledName,
    });
  return {
    updateId: input.updateId,
    updateVersion: input.updateVersion,
    current: input.current,
    enrichedAt: input.enrichedAt,
    items,
  };
}
