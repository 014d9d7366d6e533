/** The permalink page of one update, with the history of its claim status. */
import type { JSX } from 'preact';
import { updateAnchor } from '../../../domain/paths.ts';
import { CLAIM_LABELS } from '../../../domain/types.ts';
import type { ClaimStatus, Desk, Story, Update } from '../../../domain/types.ts';
import { formatDateTime, formatLongDate } from '../time-format.ts';

/** One change of claim status, as shown in the history. */
export interface ClaimChange {
  at: string;
  from: ClaimStatus | null;
  to: ClaimStatus;
}

/** Everything an update's permalink page shows. */
export interface UpdateView {
  story: Story;
  desk: Desk | null;
  storyPath: string;
  timezone: string;
  update: Update;
  /** The update's `<article>`, from the one article renderer (see article-renderer.ts). */
  articleHtml: string;
  claimHistory: ClaimChange[];
  /** The newsroom editor with this update loaded, for a signed-in editor of the desk; else null. */
  editPath?: string | null;
}

/** The update page's content. */
export function UpdatePage(props: { view: UpdateView }): JSX.Element {
  const { view } = props;
  const { story } = view;
  return (
    <div class="update-page">
      <p class="kicker">
        {view.desk && <a href={`/${view.desk.slug}`}>{view.desk.name}</a>}
        {view.desk && story.date !== null && ' · '}
        {story.date !== null && formatLongDate(story.date)}
      </p>
      <h1 class="update-page-title">
        <span class="sr-only">An update on </span>
        <a href={view.storyPath}>{story.headline}</a>
      </h1>
      <h2 class="sr-only">The update</h2>
      <div class="update-page-article" dangerouslySetInnerHTML={{ __html: view.articleHtml }} />
      {/* Updates published before claim history was kept on the update: derived from revisions. */}
      {view.update.claimHistory.length === 0 && view.claimHistory.length > 1 && (
        <section class="claim-history" aria-labelledby="claim-history-title">
          <h2 id="claim-history-title">Claim status history</h2>
          <ol>
            {view.claimHistory.map((change) => (
              <li>
                <time dateTime={change.at}>{formatDateTime(change.at, view.timezone)}</time>:{' '}
                {change.from === null
                  ? `marked ${CLAIM_LABELS[change.to]}`
                  : `${CLAIM_LABELS[change.from]} → ${CLAIM_LABELS[change.to]}`}
              </li>
            ))}
          </ol>
        </section>
      )}
      <p>
        <a class="button" href={`${view.storyPath}#${updateAnchor(view.update.id)}`}>
          See it on the live page
        </a>
        {view.editPath && (
          <>
            {' '}
            <a class="button update-edit" href={view.editPath}>
              Edit in the newsroom
            </a>
          </>
        )}
      </p>
    </div>
  );
}
