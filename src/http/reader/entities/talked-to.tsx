/**
 * "Talked to" on a person's or organisation's page: the counterparts of its contacts (calls,
 * meetings, visits, …) ranked by how often they were in contact, with the kinds, the last contact's
 * day, and under each the updates that reported them, linked with their claim status.
 */
import type { JSX } from 'preact';
import type { ContactActor, ContactActorKind, ContactKind, ListedContact } from '../../../domain/contacts.ts';
import { entityPath } from '../../../enrich/entities.ts';
import { formatLongDate } from '../time-format.ts';
import { SourceLabel, sourceKey, sourcePath } from '../contacts/contact-source.tsx';
import { TemplateNote } from '../contacts/template-note.tsx';

/** Sources listed under a counterpart; the count above still covers them all. */
const SOURCES_SHOWN = 5;

const KIND_WORDS: Record<ContactKind, [one: string, many: string]> = {
  call: ['call', 'calls'],
  meeting: ['meeting', 'meetings'],
  visit: ['visit', 'visits'],
  talks: ['talks', 'talks'],
  letter: ['letter', 'letters'],
  agreement: ['agreement', 'agreements'],
  threat: ['threat', 'threats'],
};

/** One counterpart and its contacts with the page's actor, newest first (the store's order). */
export interface Counterpart {
  actor: ContactActor;
  contacts: ListedContact[];
}

/**
 * Groups `contacts` (newest first) by the side that is not the page's actor, most contacts first,
 * then the most recent. The counterpart's name and role are those of its newest contact giving them.
 */
export function counterpartsOf(
  self: { kind: ContactActorKind; slug: string },
  contacts: ListedContact[],
): Counterpart[] {
  const isSelf = (actor: ContactActor) => actor.kind === self.kind && actor.slug === self.slug;
  const bySlug = new Map<string, Counterpart>();
  for (const contact of contacts) {
    // The store matches the slug on either side, of either kind: keep this actor's contacts only.
    const other = isSelf(contact.a) ? contact.b : isSelf(contact.b) ? contact.a : null;
    if (other === null || isSelf(other)) continue;
    const key = `${other.kind}/${other.slug}`;
    const entry = bySlug.get(key);
    if (!entry) bySlug.set(key, { actor: other, contacts: [contact] });
    else {
      entry.contacts.push(contact);
      if (entry.actor.role === null && other.role !== null) entry.actor = other;
    }
  }
  const last = (c: Counterpart) => c.contacts[0]?.date ?? '';
  return [...bySlug.values()].sort(
    (x, y) =>
      y.contacts.length - x.contacts.length ||
      last(y).localeCompare(last(x)) ||
      x.actor.name.localeCompare(y.actor.name),
  );
}

function kindsText(contacts: ListedContact[]): string {
  const counts = new Map<ContactKind, number>();
  for (const c of contacts) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts]
    .sort((x, y) => y[1] - x[1])
    .map(([kind, n]) => `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`)
    .join(', ');
}

/** The section; `partial` says the counts cover only the newest contacts read. */
export function TalkedTo(props: {
  name: string;
  counterparts: Counterpart[];
  partial: boolean;
}): JSX.Element {
  const { name, counterparts } = props;
  return (
    <section class="talked-to" aria-labelledby="talked-to-title">
      <h2 id="talked-to-title">Talked to</h2>
      <p class="talked-to-intro">
        Who {name} was reported in contact with, most contacts first
        {props.partial ? ', counting the most recent contacts only' : ''}.
      </p>
      <ol class="talked-to-list">
        {counterparts.map(({ actor, contacts }) => {
          const newest = contacts[0]!;
          // One line per update or statement: one naming the pair twice is one source.
          const sources = [...new Map(contacts.map((c) => [sourceKey(c), c])).values()];
          return (
            <li class="talked-to-item">
              <p class="talked-to-who">
                <a href={entityPath(actor.kind, actor.slug)}>{actor.name}</a>
                {actor.role !== null && <span class="talked-to-role">, {actor.role}</span>}
              </p>
              <dl class="talked-to-facts">
                <div>
                  <dt>Contacts</dt>
                  <dd>{contacts.length}</dd>
                </div>
                <div>
                  <dt>Kinds</dt>
                  <dd>{kindsText(contacts)}</dd>
                </div>
                <div>
                  <dt>Last contact</dt>
                  <dd>
                    <time dateTime={newest.date}>{formatLongDate(newest.date)}</time>
                  </dd>
                </div>
              </dl>
              <ul
                class="talked-to-sources"
                aria-label={`Updates and statements reporting contacts with ${actor.name}`}
              >
                {sources.slice(0, SOURCES_SHOWN).map((c) => (
                  <li>
                    <a href={sourcePath(c)}>{c.sentence}</a> <SourceLabel contact={c} />{' '}
                    <TemplateNote contact={c} />
                  </li>
                ))}
              </ul>
              {sources.length > SOURCES_SHOWN && (
                <p class="talked-to-more">and {sources.length - SOURCES_SHOWN} earlier updates</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
