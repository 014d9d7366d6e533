/** One update in a list of updates from many stories (an entity's page, an author's page). */
import type { JSX } from 'preact';
import { updateAnchor } from '../../../domain/paths.ts';
import type { Desk, Story, Update } from '../../../domain/types.ts';
import { excerpt, htmlToText } from '../html-text.ts';
import { storyPlace } from '../story-place.ts';
import { formatDateTime } from '../time-format.ts';
import { ClaimLabel } from './update-article.tsx';

export function TimelineItem(props: { update: Update; story: Story; desk: Desk | null }): JSX.Element {
  const { update, story } = props;
  const place = storyPlace(story, props.desk);
  const text = htmlToText(update.bodyHtml);
  return (
    <li class="entity-item">
      <p class="entity-when">
        <time dateTime={update.publishedAt}>{formatDateTime(update.publishedAt, place.timezone)}</time>
        {' · '}
        <a href={place.path}>{story.headline}</a>
      </p>
      <p class="entity-text">
        <a href={`${place.path}/updates/${update.id}`}>{update.headline ?? excerpt(text, 140)}</a>
      </p>
      {update.headline !== null && <p class="entity-excerpt">{excerpt(text, 240)}</p>}
      <ClaimLabel status={update.claimStatus} note={update.claimNote} />
      <p class="entity-live">
        <a href={`${place.path}#${updateAnchor(update.id)}`}>On the live page</a>
      </p>
    </li>
  );
}
