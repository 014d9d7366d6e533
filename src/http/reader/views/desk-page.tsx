/** A desk's page: its days and stories, newest first, with a link to today's page. */
import type { JSX } from 'preact';
import { dailyHeadline } from '../../../domain/days.ts';
import type { Desk } from '../../../domain/types.ts';
import { StoryCardItem } from './front-page.tsx';
import type { StoryCard } from './front-page.tsx';

/** Everything a desk page shows. */
export interface DeskView {
  desk: Desk;
  today: string;
  todayPath: string;
  now: number;
  stories: StoryCard[];
  before: string | null;
  nextCursor: string | null;
}

/** The desk page's content. */
export function DeskPage(props: { view: DeskView }): JSX.Element {
  const { view } = props;
  const { desk } = view;
  return (
    <div class="desk">
      <header class="desk-head">
        <h1>{desk.name}</h1>
        {desk.description !== '' && <p class="standfirst">{desk.description}</p>}
        <p>
          <a class="button today-link" href={view.todayPath}>
            Today’s page: {dailyHeadline(desk.name, view.today)}
          </a>
        </p>
        <p>
          <a href={`/archive/${desk.slug}`}>Archive: every day by month</a>
        </p>
      </header>
      <section aria-labelledby="days-title">
        <h2 id="days-title">{view.before === null ? 'Days and stories' : 'Earlier days and stories'}</h2>
        {view.stories.length === 0 ? (
          <p>Nothing published yet.</p>
        ) : (
          <ul class="cards">
            {view.stories.map((card) => (
              <StoryCardItem card={card} now={view.now} />
            ))}
          </ul>
        )}
        <p class="pager">
          {view.before !== null && <a href={`/${desk.slug}`}>Newest</a>}
          {view.nextCursor !== null && (
            <a class="button" rel="next" href={`/${desk.slug}?before=${encodeURIComponent(view.nextCursor)}`}>
              Older days
            </a>
          )}
        </p>
      </section>
    </div>
  );
}
