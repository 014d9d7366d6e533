/** A live page: header, top photo, analysis body, key events, pinned update, then updates newest first. */
import type { JSX } from 'preact';
import { Picture } from './photo.tsx';
import { updateAnchor, updatePath } from '../../../domain/paths.ts';
import type { Desk, Story, Update } from '../../../domain/types.ts';
import { excerpt, htmlToText, storyBodyHtml } from '../html-text.ts';
import { isSitePath, isWebUrl } from '../safe-url.ts';
import { formatClock, formatLongDate } from '../time-format.ts';
import { LatestRail } from './rail.tsx';
import type { RailStory } from './rail.tsx';

/** A link to a neighbouring daily page. */
export interface DayLink {
  path: string;
  label: string;
}

/** Everything a story page shows, loaded before rendering. */
export interface StoryView {
  story: Story;
  desk: Desk | null;
  path: string;
  timezone: string;
  now: number;
  pinned: Update[];
  keyEvents: Update[];
  /** This page's updates, newest first, without the pinned ones (shown above them). */
  updates: Update[];
  /** The cursor this page was asked for (older-updates pages), or null for the first page. */
  before: string | null;
  /** "Key events only": the updates are the story's key events (see UpdateFilter). */
  keyOnly: boolean;
  nextCursor: string | null;
  previousDay: DayLink | null;
  nextDay: DayLink | null;
  latest: { update: Update; story: RailStory }[];
  /** The `<article>` HTML of an update at this page's path, time zone and render time. */
  renderUpdate: (update: Update) => string;
  /** Map cards (layer revisions) to set among the updates by time, newest first. */
  cards: { at: string; html: string }[];
}

/** The update list's HTML: updates newest first with each card before the first update older than it. */
function streamHtml(view: StoryView): string {
  const cards = [...view.cards];
  let html = '';
  for (const update of view.updates) {
    while (cards.length > 0 && cards[0]!.at >= update.publishedAt) html += cards.shift()!.html;
    html += view.renderUpdate(update);
  }
  if (view.nextCursor === null) html += cards.map((c) => c.html).join('');
  return html;
}

/** "Syria Daily · Wednesday 27 May 2026", or the desk alone for standalone stories. */
function Kicker(props: { story: Story; desk: Desk | null }): JSX.Element {
  const { story, desk } = props;
  return (
    <p class="kicker">
      {desk ? <a href={`/${desk.slug}`}>{desk.name}</a> : <span>Live coverage</span>}
      {story.date !== null && (
        <>
          {' · '}
          <time dateTime={story.date}>{formatLongDate(story.date)}</time>
        </>
      )}
    </p>
  );
}

/** Live badge or the ended notice; the client rewrites it when the story's status changes. */
export function StoryStatus(props: { status: Story['status'] }): JSX.Element {
  return props.status === 'ended' ? (
    <p class="story-status is-ended" data-story-status="">
      This page is no longer being updated
    </p>
  ) : (
    <p class="story-status is-live" data-story-status="">
      <span class="live-dot" aria-hidden="true" />
      Live
    </p>
  );
}

/** The key events list; entries jump to the update on this page, or to its own page if it is older. */
function KeyEvents(props: { view: StoryView; onPage: Set<string> }): JSX.Element {
  const { view, onPage } = props;
  return (
    <nav
      class="key-events"
      aria-labelledby="key-events-title"
      data-key-events=""
      hidden={view.keyEvents.length === 0}
    >
      <h2 id="key-events-title">Key events</h2>
      <ol>
        {view.keyEvents.map((update) => (
          <li data-update-id={update.id} data-sequence={update.sequence}>
            <a
              href={onPage.has(update.id) ? `#${updateAnchor(update.id)}` : updatePath(view.path, update.id)}
            >
              <time dateTime={update.publishedAt}>{formatClock(update.publishedAt, view.timezone)}</time>{' '}
              <span>{update.headline ?? excerpt(htmlToText(update.bodyHtml), 90)}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * "All updates" / "Key events only": two links, one marked current, so the choice works without script,
 * is kept in the URL and can be shared. The page's script keeps non-key updates off the filtered page.
 */
function UpdateFilter(props: { path: string; keyOnly: boolean }): JSX.Element {
  const { path, keyOnly } = props;
  return (
    <nav class="update-filter" aria-label="Which updates">
      <a href={path} aria-current={keyOnly ? undefined : 'page'}>
        All updates
      </a>
      <a href={`${path}?filter=key-events`} aria-current={keyOnly ? 'page' : undefined}>
        <span aria-hidden="true">★</span>Key events only
      </a>
    </nav>
  );
}

/** The story page's content (inside the layout's main). */
export function StoryPage(props: { view: StoryView }): JSX.Element {
  const { view } = props;
  const { story } = view;
  const onPage = new Set([...view.pinned, ...view.updates].map((u) => u.id));
  const photo =
    story.topPhoto && (isWebUrl(story.topPhoto.url) || isSitePath(story.topPhoto.url))
      ? story.topPhoto
      : null;
  const first = view.before === null;
  return (
    <div class="story-layout">
      <article
        class="story"
        data-story-id={story.id}
        data-last-event-seq={story.lastEventSeq}
        data-story-path={view.path}
        data-older-page={first ? undefined : ''}
        data-key-only={view.keyOnly ? '' : undefined}
        aria-labelledby="story-title"
      >
        <header class="story-head">
          <Kicker story={story} desk={view.desk} />
          <h1 id="story-title" data-story-headline="">
            {story.headline}
          </h1>
          <p class="standfirst" data-story-standfirst="" hidden={story.standfirst === ''}>
            {story.standfirst}
          </p>
          <StoryStatus status={story.status} />
        </header>
        {first && photo && (
          <figure class="top-photo">
            {photo.variants ? (
              <Picture
                variants={photo.variants}
                fallback={photo.url}
                alt={photo.alt}
                width={photo.width}
                height={photo.height}
              />
            ) : (
              <img src={photo.url} alt={photo.alt} decoding="async" />
            )}
            {(photo.caption !== '' || photo.credit !== '') && (
              <figcaption>
                {photo.caption}
                {photo.credit !== '' && <span class="credit"> Photo: {photo.credit}</span>}
              </figcaption>
            )}
          </figure>
        )}
        {first && (
          <div
            class="story-body prose"
            data-story-body=""
            hidden={story.bodyHtml === ''}
            dangerouslySetInnerHTML={{ __html: storyBodyHtml(story.bodyHtml) }}
          />
        )}
        {first && <KeyEvents view={view} onPage={onPage} />}
        {first && (
          <p class="story-map-link">
            <a href={`/map?story=${encodeURIComponent(story.id)}`}>Map of this page’s updates</a>
          </p>
        )}
        <section class="updates" aria-labelledby="updates-title">
          <h2 id="updates-title" class="updates-title">
            {first ? (view.keyOnly ? 'Updates: key events only' : 'Updates') : 'Older updates'}
          </h2>
          {first && <UpdateFilter path={view.path} keyOnly={view.keyOnly} />}
          {!first && (
            <p class="back-to-latest">
              <a href={view.path}>Back to the latest updates</a>
            </p>
          )}
          <div
            class="pinned-updates"
            data-pinned-list=""
            dangerouslySetInnerHTML={{ __html: view.pinned.map(view.renderUpdate).join('') }}
          />
          <div
            class="update-list"
            data-update-list=""
            dangerouslySetInnerHTML={{ __html: streamHtml(view) }}
          />
          {first && view.updates.length === 0 && view.pinned.length === 0 && view.cards.length === 0 && (
            <p class="no-updates" data-no-updates="">
              {view.keyOnly ? 'No key events yet.' : 'No updates yet.'}
            </p>
          )}
          {view.nextCursor !== null && (
            <p class="load-older-wrap">
              <a
                class="button load-older"
                rel="next"
                data-load-older=""
                href={`${view.path}?before=${encodeURIComponent(view.nextCursor)}`}
              >
                Load older updates
              </a>
            </p>
          )}
        </section>
        {(view.previousDay || view.nextDay) && (
          <nav class="day-nav" aria-label="Other days">
            {view.previousDay && (
              <a class="day-prev" href={view.previousDay.path}>
                <span aria-hidden="true">← </span>
                {view.previousDay.label}
              </a>
            )}
            {view.nextDay && (
              <a class="day-next" href={view.nextDay.path}>
                {view.nextDay.label}
                <span aria-hidden="true"> →</span>
              </a>
            )}
          </nav>
        )}
      </article>
      {view.latest.length > 0 && <LatestRail items={view.latest} now={view.now} live={null} empty="" />}
    </div>
  );
}
