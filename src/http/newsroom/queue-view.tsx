/**
 * The submissions queue in the story editor: contributors' submissions and scheduled updates waiting
 * for an editor, and (for a contributor) what became of their own. Rendered on the page and, while it
 * is open, re-fetched as a fragment so new submissions and decisions appear without a reload.
 */
import { createHash } from 'node:crypto';
import type { JSX } from 'preact';
import { CLAIM_LABELS } from '../../domain/types.ts';
import type { Role, Submission } from '../../domain/types.ts';
import { formatDateTime } from '../reader/time-format.ts';

/** What the queue shows. */
export interface QueueView {
  role: Role;
  timezone: string;
  /** Pending submissions and scheduled updates (a contributor's own only). */
  pending: Submission[];
  /** A contributor's own decided submissions, newest first; empty for editors. */
  decided: Submission[];
}

// Changes when anything shown changes, so the browser swaps only the items that did.
function signature(s: Submission): string {
  return createHash('sha1')
    .update(JSON.stringify([s.status, s.reason, s.publishAt, s.content]))
    .digest('base64url');
}

const DECISIONS: Record<Submission['status'], string> = {
  pending: 'Waiting for an editor',
  approved: 'Approved and published',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  draft: 'Held as a draft',
};

function Meta(props: { s: Submission; timezone: string }): JSX.Element {
  const { s, timezone } = props;
  return (
    <p class="nr-meta">
      {s.publishAt !== null && (
        <strong>
          Scheduled for <time dateTime={s.publishAt}>{formatDateTime(s.publishAt, timezone)}</time> ·{' '}
        </strong>
      )}
      {s.author} · {CLAIM_LABELS[s.content.claimStatus]}
      {s.content.headline !== null && ` · ${s.content.headline}`}
    </p>
  );
}

/** The queue's contents (the fragment the browser re-fetches). */
export function SubmissionQueue(props: { view: QueueView }): JSX.Element {
  const { role, timezone, pending, decided } = props.view;
  const editor = role !== 'contributor';
  return (
    <>
      <ul class="nr-queue" aria-label={editor ? 'Waiting for approval' : 'Your submissions waiting'}>
        {pending.map((s) => (
          <li class="nr-submission" data-submission-id={s.id} data-sig={signature(s)}>
            <Meta s={s} timezone={timezone} />
            <div class="prose" dangerouslySetInnerHTML={{ __html: s.content.bodyHtml }} />
            <p class="nr-actions">
              {editor && s.publishAt === null && (
                <>
                  <button type="button" data-approve={s.id} class="nr-primary">
                    Approve
                  </button>{' '}
                  <button type="button" data-review={s.id}>
                    Edit &amp; approve
                  </button>{' '}
                  <button type="button" data-reject={s.id} aria-expanded="false">
                    Reject…
                  </button>
                </>
              )}
              {editor && s.publishAt !== null && (
                <>
                  <button type="button" data-approve={s.id} class="nr-primary">
                    Publish now
                  </button>{' '}
                  <button type="button" data-edit-submission={s.id}>
                    Edit
                  </button>{' '}
                  <button type="button" data-withdraw={s.id}>
                    Cancel schedule
                  </button>
                </>
              )}
              {!editor && (
                <>
                  <button type="button" data-edit-submission={s.id}>
                    Edit
                  </button>{' '}
                  <button type="button" data-withdraw={s.id}>
                    Withdraw
                  </button>
                </>
              )}
            </p>
            {editor && s.publishAt === null && (
              <form class="nr-reject-form" data-reject-form={s.id} hidden>
                <label class="nr-field">
                  <span>Why is it rejected? The contributor sees this.</span>
                  <textarea name="reason" rows={2} required maxLength={1000} />
                </label>
                <button type="submit">Reject with this reason</button>{' '}
                <button type="button" data-cancel-reject>
                  Cancel
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <p class="nr-empty" hidden={pending.length > 0}>
        None.
      </p>
      {!editor && decided.length > 0 && (
        <>
          <h3>Decided</h3>
          <ul class="nr-queue nr-decided" aria-label="Your decided submissions">
            {decided.map((s) => (
              <li class={`nr-submission is-${s.status}`} data-submission-id={s.id} data-sig={signature(s)}>
                <p class="nr-decision">
                  <strong>{DECISIONS[s.status]}</strong>
                  {s.decidedBy !== null && ` by ${s.decidedBy}`}
                  {s.status === 'rejected' && s.reason !== '' && (
                    <>
                      : <q class="nr-reason">{s.reason}</q>
                    </>
                  )}
                </p>
                <Meta s={s} timezone={timezone} />
                <div class="prose" dangerouslySetInnerHTML={{ __html: s.content.bodyHtml }} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
