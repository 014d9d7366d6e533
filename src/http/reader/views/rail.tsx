/** The LATEST rail: newest updates across live pages, each linking into its page at the update. */
import type { JSX } from 'preact';
import { updateAnchor } from '../../../domain/paths.ts';
import type { Update } from '../../../domain/types.ts';
import { relativeTime } from '../../../domain/relative-time.ts';
import type { StoryPlace } from '../story-place.ts';
import { excerpt, htmlToText } from '../html-text.ts';
import { formatClock } from '../time-format.ts';

/** What a rail item needs to know about the page an update belongs to. */
export type RailStory = StoryPlace;

/** One rail entry, also sent ready-made to open front pages by the site live stream. */
export function RailItem(props: { update: Update; story: RailStory; now: number }): JSX.Element {
  const { update, story, now } = props;
  const text = update.headline ?? excerpt(htmlToText(update.bodyHtml), 110);
  return (
    <li class="rail-item" data-update-id={update.id}>
      <a class="rail-link" href={`${story.path}#${updateAnchor(update.id)}`}>
        <span class="rail-meta">
          <time dateTime={update.publishedAt}>{formatClock(update.publishedAt, story.timezone)}</time>
          {' · '}
          <span data-rel-time={update.publishedAt}>{relativeTime(Date.parse(update.publishedAt), now)}</span>
          {' · '}
          <span class="rail-story">{story.label}</span>
        </span>
        <span class="rail-text">{text}</span>
      </a>
    </li>
  );
}

/** The rail as a whole; `live` (the site event id it was read at) has the browser client keep it fresh. */
export function LatestRail(props: {
  items: { update: Update; story: RailStory }[];
  now: number;
  live: number | null;
  empty: string;
}): JSX.Element {
  return (
    <aside class="rail" aria-labelledby="latest-title">
      <h2 class="rail-title" id="latest-title">
        Latest
      </h2>
      <ol
        class="rail-list"
        data-live-rail={props.live === null ? undefined : ''}
        data-last-event-id={props.live ?? undefined}
      >
        {props.items.map(({ update, story }) => (
          <RailItem update={update} story={story} now={props.now} />
        ))}
      </ol>
      {props.items.length === 0 && <p class="rail-empty">{props.empty}</p>}
    </aside>
  );
}
