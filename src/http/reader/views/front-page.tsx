/** The front page: live pages now, the LATEST rail across them, and the desks. */
import type { JSX } from 'preact';
import type { Desk, Story } from '../../../domain/types.ts';
import { relativeTime } from '../../../domain/relative-time.ts';
import { formatLongDate } from '../time-format.ts';
import { LatestRail } from './rail.tsx';
import type { RailStory } from './rail.tsx';
import type { Update } from '../../../domain/types.ts';

/** A live story as listed on the front page. */
export interface StoryCard {
  story: Story;
  desk: Desk | null;
  path: string;
}

/** Everything the front page shows. */
export interface FrontView {
  siteName: string;
  now: number;
  /** Newest site-wide event id when the page was read, where the rail's live stream resumes. */
  lastGlobalId: number;
  live: StoryCard[];
  latest: { update: Update; story: RailStory }[];
  desks: Desk[];
}

/** A story's card: desk and date, headline link, standfirst, status and when it opened. */
export function StoryCardItem(props: { card: StoryCard; now: number }): JSX.Element {
  const { story, desk, path } = props.card;
  const opened = story.openedAt ?? story.createdAt;
  return (
    <li class="card">
      <p class="kicker">
        {desk?.name ?? 'Live coverage'}
        {story.date !== null && ` · ${formatLongDate(story.date)}`}
      </p>
      <h3 class="card-title">
        <a href={path}>{story.headline}</a>
      </h3>
      {story.standfirst !== '' && <p class="card-standfirst">{story.standfirst}</p>}
      <p class="card-meta">
        {story.status === 'live' ? (
          <span class="live-tag">Live</span>
        ) : (
          <span class="ended-tag">Ended · no longer updated</span>
        )}
        {' · opened '}
        <span data-rel-time={opened}>{relativeTime(Date.parse(opened), props.now)}</span>
      </p>
    </li>
  );
}

/** The front page's content. */
export function FrontPage(props: { view: FrontView }): JSX.Element {
  const { view } = props;
  return (
    <div class="front">
      <h1 class="front-title">
        <span class="sr-only">{view.siteName}: </span>Live coverage
      </h1>
      <div class="story-layout">
        <section class="live-now" aria-labelledby="live-now-title">
          <h2 id="live-now-title">Live now</h2>
          {view.live.length === 0 ? (
            <p>No page is live right now.</p>
          ) : (
            <ul class="cards">
              {view.live.map((card) => (
                <StoryCardItem card={card} now={view.now} />
              ))}
            </ul>
          )}
          {view.desks.length > 0 && (
            <nav class="desks" aria-labelledby="desks-title">
              <h2 id="desks-title">Desks</h2>
              <ul class="desk-list">
                {view.desks.map((desk) => (
                  <li>
                    <a href={`/${desk.slug}`}>{desk.name}</a>
                    {desk.description !== '' && <span class="desk-description"> {desk.description}</span>}
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </section>
        <LatestRail
          items={view.latest}
          now={view.now}
          live={view.lastGlobalId}
          empty="No live pages right now."
        />
      </div>
    </div>
  );
}
