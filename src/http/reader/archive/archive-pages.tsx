/** The desk archive: months with coverage, a month as a calendar, and a day's pages. */
import type { JSX } from 'preact';
import { formatLongDate } from '../time-format.ts';
import type { Desk } from '../../../domain/types.ts';
import { StoryCardItem, type StoryCard } from '../views/front-page.tsx';
import { monthLabel, monthWeeks } from './calendar.ts';

/** Path of the desk's archive, of one month, or of one day. */
export function archivePath(deskSlug: string, period?: string): string {
  return period === undefined ? `/archive/${deskSlug}` : `/archive/${deskSlug}/${period}`;
}

const WEEKDAYS = [
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
  ['Sun', 'Sunday'],
] as const;

/** Months with coverage, newest first, grouped by year. */
export function ArchiveIndex(props: { desk: Desk; months: { month: string; days: number }[] }): JSX.Element {
  const { desk, months } = props;
  const years = [...new Set(months.map((m) => m.month.slice(0, 4)))];
  return (
    <div class="archive">
      <p class="kicker">
        <a href={`/${desk.slug}`}>{desk.name}</a>
      </p>
      <h1>Archive</h1>
      {months.length === 0 && <p>Nothing published yet.</p>}
      {years.map((year) => (
        <section aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{year}</h2>
          <ul class="archive-months">
            {months
              .filter((m) => m.month.startsWith(year))
              .map((m) => (
                <li>
                  <a href={archivePath(desk.slug, m.month)}>{monthLabel(m.month)}</a>{' '}
                  <span class="archive-count">
                    ({m.days} {m.days === 1 ? 'day' : 'days'})
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A month as a calendar table; days with coverage link to their list. */
export function ArchiveMonth(props: {
  desk: Desk;
  month: string;
  days: Set<string>;
  previous: string | null;
  next: string | null;
}): JSX.Element {
  const { desk, month, days } = props;
  return (
    <div class="archive">
      <p class="kicker">
        <a href={`/${desk.slug}`}>{desk.name}</a> · <a href={archivePath(desk.slug)}>Archive</a>
      </p>
      <h1>{monthLabel(month)}</h1>
      <table class="calendar">
        <caption>
          Days of {monthLabel(month)} with coverage from {desk.name} are links
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th scope="col" abbr={long}>
                {short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr>
              {week.map((day) =>
                day === null ? (
                  <td />
                ) : days.has(day) ? (
                  <td class="has-coverage">
                    <a href={archivePath(desk.slug, day)} aria-label={formatLongDate(day)}>
                      {Number(day.slice(8))}
                    </a>
                  </td>
                ) : (
                  <td>{Number(day.slice(8))}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Other months">
        {props.previous !== null && (
          <a href={archivePath(desk.slug, props.previous)} rel="prev">
            ← {monthLabel(props.previous)}
          </a>
        )}
        {props.next !== null && (
          <a href={archivePath(desk.slug, props.next)} rel="next">
            {monthLabel(props.next)} →
          </a>
        )}
      </nav>
    </div>
  );
}

/** The pages of one day. */
export function ArchiveDay(props: { desk: Desk; day: string; cards: StoryCard[]; now: number }): JSX.Element {
  const { desk, day } = props;
  return (
    <div class="archive">
      <p class="kicker">
        <a href={`/${desk.slug}`}>{desk.name}</a> · <a href={archivePath(desk.slug)}>Archive</a> ·{' '}
        <a href={archivePath(desk.slug, day.slice(0, 7))}>{monthLabel(day.slice(0, 7))}</a>
      </p>
      <h1>
        {desk.name}: <time dateTime={day}>{formatLongDate(day)}</time>
      </h1>
      <ul class="cards">
        {props.cards.map((card) => (
          <StoryCardItem card={card} now={props.now} />
        ))}
      </ul>
    </div>
  );
}
