/** Contacts of one enriched update, as stored: actors addressed by their entity pages' slugs. */
import type { Contact, ContactActor } from '../domain/contacts.ts';
import { slugify } from '../domain/slug.ts';
import type { Update } from '../domain/types.ts';
import { localIso } from '../enrich/plain-text.ts';
import type { ContactParty, Enrichment } from '../enrich/types.ts';

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
  }));
}
