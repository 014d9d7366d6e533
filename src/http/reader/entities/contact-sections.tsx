/**
 * The contact sections of a person's or organisation's page besides "Talked to": the network
 * drawing of its counterparts, its roles over time, the timeline of its contacts and "who has not
 * talked to whom since" for a chosen counterpart.
 */
import type { JSX } from 'preact';
import type { ContactActor, ContactActorKind, ListedContact } from '../../../domain/contacts.ts';
import { entityPath } from '../../../enrich/entities.ts';
import type { PairTotal, RoleSpan } from '../../../store/contact-network.ts';
import { formatLongDate } from '../time-format.ts';
import { SourceLabel, sourcePath } from '../contacts/contact-source.tsx';
import { layoutNetwork, type NetworkDrawing } from '../network/network-layout.ts';
import { actorKey, networkOf } from '../network/network-model.ts';
import { NetworkSvg } from '../network/network-svg.tsx';
import type { Counterpart } from './talked-to.tsx';

/** Counterparts drawn around the actor; the ranked list below the drawing has them all. */
const DRAWN = 30;
/** Contacts listed in the timeline, newest first. */
const TIMELINE_SHOWN = 100;

const KIND_WORD: Record<ListedContact['kind'], string> = {
  call: 'Call',
  meeting: 'Meeting',
  visit: 'Visit',
  talks: 'Talks',
  letter: 'Letter',
  agreement: 'Agreement',
  threat: 'Threat',
};

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const short = (day: string) => shortDate.format(new Date(`${day}T00:00:00Z`));

export { sourcePath } from '../contacts/contact-source.tsx';

/**
 * The drawing of `self` and its most frequent counterparts, with the lines between counterparts
 * that `among` (their pairs in the same period and kind) adds.
 */
export function actorDrawing(
  self: { kind: ContactActorKind; slug: string; name: string },
  counterparts: Counterpart[],
  among: PairTotal[],
): NetworkDrawing {
  const drawn = counterparts.slice(0, DRAWN);
  const total = drawn.reduce((n, c) => n + c.contacts.length, 0);
  const actors = [
    { actor: { kind: self.kind, slug: self.slug, name: self.name }, contacts: total },
    ...drawn.map((c) => ({ actor: c.actor, contacts: c.contacts.length })),
  ];
  const selfKey = actorKey(self);
  const pairs: PairTotal[] = [
    ...drawn.map((c) => ({
      a: { kind: self.kind, slug: self.slug, name: self.name },
      b: c.actor,
      contacts: c.contacts.length,
      first: c.contacts.at(-1)!.date,
      last: c.contacts[0]!.date,
    })),
    ...among.filter((p) => actorKey(p.a) !== selfKey && actorKey(p.b) !== selfKey),
  ];
  const { nodes, links } = networkOf(actors, pairs, 200);
  return layoutNetwork(nodes, links, { width: 600, height: 420 }, 0);
}

/** The drawing section; the ranked list ("Talked to") is its accessible twin. */
export function ActorNetwork(props: { name: string; drawing: NetworkDrawing; query: string }): JSX.Element {
  return (
    <section class="network-section" aria-labelledby="network-title">
      <h2 id="network-title">Network</h2>
      <NetworkSvg
        drawing={props.drawing}
        centre={0}
        query={props.query}
        caption={`${props.name} and the actors reported in contact with them; thicker lines, more contacts. The list under “Talked to” gives the same figures.`}
      />
    </section>
  );
}

/** Roles the contacts gave the actor, with when each was first and last seen. */
export function RolesOverTime(props: { roles: RoleSpan[] }): JSX.Element {
  return (
    <section class="roles-section" aria-labelledby="roles-title">
      <h2 id="roles-title">Roles over time</h2>
      <div class="table-scroll">
        <table class="network-table">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">First seen</th>
              <th scope="col">Last seen</th>
              <th scope="col">Contacts</th>
            </tr>
          </thead>
          <tbody>
            {props.roles.map((r) => (
              <tr>
                <th scope="row">{r.role}</th>
                <td>
                  <time dateTime={r.first}>{short(r.first)}</time>
                </td>
                <td>
                  <time dateTime={r.last}>{short(r.last)}</time>
                </td>
                <td>{r.contacts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The actor's contacts, newest first, by month, each linked to its update. */
export function ContactTimeline(props: {
  self: { kind: ContactActorKind; slug: string };
  contacts: ListedContact[];
  partial: boolean;
}): JSX.Element {
  const shown = props.contacts.slice(0, TIMELINE_SHOWN);
  const months = new Map<string, ListedContact[]>();
  for (const c of shown) {
    const month = c.date.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), c]);
  }
  const other = (c: ListedContact): ContactActor =>
    c.a.kind === props.self.kind && c.a.slug === props.self.slug ? c.b : c.a;
  const more = props.contacts.length - shown.length;
  return (
    <section class="contact-timeline" aria-labelledby="contact-timeline-title">
      <h2 id="contact-timeline-title">Timeline of contacts</h2>
      {[...months].map(([month, contacts]) => (
        <>
          <h3>{monthName.format(new Date(`${month}-01T00:00:00Z`))}</h3>
          <ol class="contact-timeline-list">
            {contacts.map((c) => {
              const with_ = other(c);
              return (
                <li>
                  <p class="contact-timeline-head">
                    <time dateTime={c.date}>{short(c.date)}</time> · {KIND_WORD[c.kind]} with{' '}
                    <a href={entityPath(with_.kind, with_.slug)}>{with_.name}</a>
                    {with_.role !== null && <span class="talked-to-role">, {with_.role}</span>}
                  </p>
                  {/* A div: the claim label is a paragraph of its own. */}
                  <div class="contact-timeline-source">
                    <a href={sourcePath(c)}>{c.sentence}</a> <SourceLabel contact={c} />
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      ))}
      {(more > 0 || props.partial) && (
        <p class="talked-to-more">
          Showing the newest {shown.length} contacts; narrow the period to see earlier ones.
        </p>
      )}
    </section>
  );
}

/** What "who has not talked to whom since" found for the chosen counterpart. */
export interface PairAnswer {
  asked: string;
  last: Omit<ListedContact, 'templateSize'> | null;
  /** Today (YYYY-MM-DD, UTC), for "n days ago". */
  today: string;
}

/** The pair form and its answer. */
export function PairSince(props: {
  self: { kind: ContactActorKind; slug: string; name: string };
  action: string;
  options: string[];
  hidden: Record<string, string>;
  answer: PairAnswer | null;
}): JSX.Element {
  const { self, answer } = props;
  const last = answer?.last ?? null;
  const other =
    last === null ? null : last.a.kind === self.kind && last.a.slug === self.slug ? last.b : last.a;
  const daysAgo =
    last === null
      ? 0
      : Math.round(
          (Date.parse(`${answer!.today}T00:00:00Z`) - Date.parse(`${last.date}T00:00:00Z`)) / 86_400_000,
        );
  return (
    <section class="pair-since" aria-labelledby="pair-since-title">
      <h2 id="pair-since-title">Last contact with…</h2>
      <form class="network-filters" method="get" action={`${props.action}#pair-since-title`}>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <label>
          Counterpart
          <input name="with" list="pair-options" value={answer?.asked ?? ''} maxLength={200} required />
        </label>
        <datalist id="pair-options">
          {props.options.map((name) => (
            <option value={name} />
          ))}
        </datalist>
        <button type="submit">When did they last talk?</button>
      </form>
      {answer !== null && (
        <div class="pair-answer" role="status">
          {last === null || other === null ? (
            <>
              No contact on record between {self.name} and {answer.asked}.
            </>
          ) : (
            <>
              {self.name} and <a href={entityPath(other.kind, other.slug)}>{other.name}</a> — last contact:{' '}
              <time dateTime={last.date}>{formatLongDate(last.date)}</time> (
              {daysAgo === 0 ? 'today' : daysAgo === 1 ? '1 day ago' : `${daysAgo} days ago`}),{' '}
              <a href={sourcePath(last)}>source</a> <SourceLabel contact={last} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
