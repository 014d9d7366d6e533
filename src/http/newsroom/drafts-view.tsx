/**
 * Held drafts in the story editor: updates the desk's editors saved without publishing, last saved
 * first, each with Edit, Publish and Delete. Rendered on the page and re-fetched as a fragment when a
 * colleague saves, publishes or deletes one (the newsroom's private `draft` events), so two editors
 * see the same list. Editors only: contributors never get this fragment or its events.
 */
import { createHash } from 'node:crypto';
import type { JSX } from 'preact';
import { CLAIM_LABELS } from '../../domain/types.ts';
import type { Submission } from '../../domain/types.ts';
import { excerpt, htmlToText } from '../reader/html-text.ts';
import { formatDateTime } from '../reader/time-format.ts';

/** What the drafts list shows. */
export interface DraftsView {
  timezone: string;
  drafts: Submission[];
}

// Changes when anything shown changes, so the browser swaps only the drafts that did.
function signature(d: Submission): string {
  return createHash('sha1')
    .update(JSON.stringify([d.savedAt, d.savedBy, d.publishAt, d.content]))
    .digest('base64url');
}

/** "1 draft", "3 drafts", "No drafts". */
export function draftCount(count: number): string {
  return count === 0 ? 'No drafts' : count === 1 ? '1 draft' : `${count} drafts`;
}

/** The drafts list (the fragment the browser re-fetches). */
export function DraftsList(props: { view: DraftsView }): JSX.Element {
  const { timezone, drafts } = props.view;
  return (
    <>
      <p class="nr-drafts-count" data-drafts-count={drafts.length}>
        {draftCount(drafts.length)}
        {drafts.length > 0 && ' — saved, not published; only this desk’s editors see them.'}
      </p>
      <ul class="nr-queue nr-drafts" aria-label="Drafts">
        {drafts.map((d) => (
          <li
            class="nr-submission nr-draft"
            data-draft-id={d.id}
            data-saved-at={d.savedAt ?? ''}
            data-sig={signature(d)}
          >
            <p class="nr-draft-title">
              <strong>{d.content.headline ?? excerpt(htmlToText(d.content.bodyHtml), 90)}</strong>
            </p>
            <p class="nr-meta">
              {d.publishAt !== null && (
                <strong>
                  Publish at <time dateTime={d.publishAt}>{formatDateTime(d.publishAt, timezone)}</time>{' '}
                  ·{' '}
                </strong>
              )}
              Saved{' '}
              {d.savedAt !== null && <time dateTime={d.savedAt}>{formatDateTime(d.savedAt, timezone)}</time>}
              {d.savedBy !== null && ` by ${d.savedBy}`} · {CLAIM_LABELS[d.content.claimStatus]}
            </p>
            <p class="nr-actions">
              <button type="button" data-edit-draft={d.id}>
                Edit
              </button>{' '}
              <button type="button" data-publish-draft={d.id} class="nr-primary">
                Publish
              </button>{' '}
              <button type="button" data-delete-draft={d.id}>
                Delete
              </button>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
