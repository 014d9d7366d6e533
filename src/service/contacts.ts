/** Contacts of one enriched update or statement, as stored: actors addressed by their entity pages' slugs. */
import {
  contactId,
  sourceIdOf,
  type Contact,
  type ContactActor,
  type StatementContact,
} from '../domain/contacts.ts';
import { slugify } from '../domain/slug.ts';
import type { Update } from '../domain/types.ts';
import { localIso } from '../enrich/local-time.ts';
import type { ContactParty, Enrichment } from '../enrich/types.ts';
import { fingerprint, shareTemplate } from '../statements/shingles.ts';
import type { ContactStore } from '../store/contacts.ts';

/** Earlier contacts of the same actors and kind a new contact's wording is compared with. */
const TEMPLATE_CANDIDATES = 500;
/** Masked fingerprints kept between updates: the same candidates come back for every call of one office. */
const PRINTS_CACHED = 20_000;
const prints = new Map<string, number[]>();

function printOf(sentence: string): number[] {
  let print = prints.get(sentence);
  if (print) return print;
  print = fingerprint(sentence, { maskNames: true });
  // Oldest out first (a Map keeps insertion order).
  if (prints.size >= PRINTS_CACHED) prints.delete(prints.keys().next().value!);
  prints.set(sentence, print);
  return print;
}

function actor(party: ContactParty): ContactActor {
  return { kind: party.kind, slug: slugify(party.name), name: party.name, role: party.role ?? null };
}

/**
 * The contacts of `update` from its reviewed enrichment (see applyReviews); a contact the text does
 * not date is dated by the update's day in the desk's time zone.
 */
export function contactsOf(
  update: Pick<Update, 'id' | 'storyId' | 'publishedAt'>,
  enrichment: Enrichment,
  timeZone: string,
): Contact[] {
  const reportedDay = localIso(new Date(update.publishedAt), timeZone).slice(0, 10);
  return (enrichment.contacts ?? []).map((c, index) => ({
    updateId: update.id,
    storyId: update.storyId,
    ordinal: index + 1,
    kind: c.kind,
    channel: c.channel ?? null,
    a: actor(c.a),
    b: actor(c.b),
    place: c.place ?? null,
    country: c.country ?? null,
    date: c.date?.slice(0, 10) ?? reportedDay,
    dateSource: c.date === undefined ? 'reported' : 'text',
    reportedAt: update.publishedAt,
    sentence: c.sentence,
    source: c.source ?? 'extracted',
    templateId: contactId({ updateId: update.id, ordinal: index + 1 }),
  }));
}

/**
 * The contacts of an official statement from its enrichment; a contact the text does not date is
 * dated by the statement's day (UTC: a statement belongs to no desk's time zone). Statements are not
 * reviewed beside an update, so their contacts stand as extracted.
 */
export function statementContactsOf(
  statement: { id: string; publishedAt: string },
  enrichment: Enrichment,
): StatementContact[] {
  return (enrichment.contacts ?? []).map((c, index) => ({
    statementId: statement.id,
    ordinal: index + 1,
    kind: c.kind,
    channel: c.channel ?? null,
    a: actor(c.a),
    b: actor(c.b),
    place: c.place ?? null,
    country: c.country ?? null,
    date: c.date?.slice(0, 10) ?? statement.publishedAt.slice(0, 10),
    dateSource: c.date === undefined ? 'reported' : 'text',
    reportedAt: statement.publishedAt,
    sentence: c.sentence,
    templateId: `${statement.id}-${index + 1}`,
  }));
}

/**
 * Gives each contact the template of the stored contact (of another update or statement, of the same kind, with
 * one of its actors) whose sentence shares its wording, names aside (statements/shingles.ts): the
 * readouts of one office written from one template then count as one pattern. The newest such
 * contact wins; a contact whose wording is its own keeps its own id. Enriching an update again
 * finds the same group, as its fellows still carry the template's id.
 */
export async function assignTemplates<C extends Contact | StatementContact>(
  store: ContactStore,
  contacts: C[],
): Promise<C[]> {
  const assigned: C[] = [];
  for (const contact of contacts) {
    const candidates = await store.templateCandidates({
      excludeSourceId: sourceIdOf(contact),
      kind: contact.kind,
      slugs: [contact.a.slug, contact.b.slug],
      limit: TEMPLATE_CANDIDATES,
    });
    const own = printOf(contact.sentence);
    const match = candidates.find((c) => shareTemplate(own, printOf(c.sentence)));
    assigned.push(match ? { ...contact, templateId: match.templateId } : contact);
  }
  return assigned;
}
