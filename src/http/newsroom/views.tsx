/** Server-rendered newsroom pages: sign-in, desks and days, and one story's editor. */
import type { ComponentChildren, JSX } from 'preact';
import { CLAIM_LABELS, CLAIM_STATUSES, STORY_STATUSES } from '../../domain/types.ts';
import type { Desk, Role, Story, Submission } from '../../domain/types.ts';
import { SubmissionQueue } from './queue-view.tsx';
import { DraftsList } from './drafts-view.tsx';
import { zoneName } from '../../domain/time-format.ts';

/** Asset URLs and the signed-in user, for every page. */
export interface NewsroomChrome {
  css: string[];
  js: string | null;
  user: { name: string; role: Role } | null;
  csrfToken: string | null;
}

/** The page shell: header with the user and sign-out, main content. */
export function NewsroomLayout(props: {
  title: string;
  chrome: NewsroomChrome;
  children: ComponentChildren;
}) {
  const { chrome } = props;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} – Dateline newsroom`}</title>
        <link rel="icon" href="data:," />
        {chrome.csrfToken !== null && <meta name="csrf-token" content={chrome.csrfToken} />}
        {chrome.css.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {chrome.js !== null && <script src={chrome.js} defer />}
      </head>
      <body class="newsroom">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="nr-bar">
          <a class="nr-home" href="/newsroom">
            Dateline newsroom
          </a>
          {chrome.user?.role === 'admin' && (
            <nav class="nr-admin-links" aria-label="Administration">
              <a href="/newsroom/admin/desks">Desks</a> <a href="/newsroom/admin/users">Users</a>{' '}
              <a href="/newsroom/admin/audit">Audit log</a>
            </nav>
          )}
          {chrome.user && (
            <div class="nr-user">
              <span>
                {chrome.user.name} ({chrome.user.role})
              </span>
              {chrome.user.role !== 'contributor' && <a href="/newsroom/profile">Author page</a>}
              <a href="/newsroom/password">Password</a>
              <form method="post" action="/newsroom/logout">
                <input type="hidden" name="_csrf" value={chrome.csrfToken ?? ''} />
                <button type="submit">Log out</button>
                <button type="submit" name="everywhere" value="1">
                  Log out everywhere
                </button>
              </form>
            </div>
          )}
        </header>
        <main id="main" class="nr-main">
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** Setting one's own password; `forced` after signing in with an admin's one-time password. */
export function PasswordPage(props: { error: string | null; forced: boolean; csrf: string }): JSX.Element {
  return (
    <section class="nr-login" aria-labelledby="password-title">
      <h1 id="password-title">{props.forced ? 'Choose your own password' : 'Change your password'}</h1>
      {props.forced && (
        <p>
          You signed in with a one-time password from an admin. Choose your own (at least 12 characters; a few
          words make a good one) to start working. You then sign in again with it.
        </p>
      )}
      {props.error !== null && (
        <p class="nr-error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action="/newsroom/password">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label>
          Current password
          <input type="password" name="currentPassword" autocomplete="current-password" required />
        </label>
        <label>
          New password
          <input type="password" name="newPassword" autocomplete="new-password" required minLength={12} />
        </label>
        <label>
          New password again
          <input type="password" name="repeatPassword" autocomplete="new-password" required minLength={12} />
        </label>
        <button type="submit" class="nr-primary">
          Set password
        </button>
      </form>
    </section>
  );
}

/** The sign-in form; `error` explains a failed attempt, `notice` a finished step. */
export function LoginPage(props: { error: string | null; email: string; notice?: string }): JSX.Element {
  return (
    <section class="nr-login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {props.notice !== undefined && (
        <p class="nr-notice" role="status">
          {props.notice}
        </p>
      )}
      {props.error !== null && (
        <p class="nr-error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action="/newsroom/login">
        <label>
          Email
          <input type="email" name="email" autocomplete="username" required value={props.email} />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="nr-primary">
          Sign in
        </button>
      </form>
    </section>
  );
}

/** A desk with its recent days. */
export interface DeskDays {
  desk: Desk;
  today: string;
  days: Story[];
}

/** The start page: every desk the user may work on, with today's page and recent days. */
export function DashboardPage(props: { desks: DeskDays[]; stories: Story[] }): JSX.Element {
  return (
    <>
      <h1>Desks</h1>
      {props.desks.length === 0 && <p>No desks yet. An admin creates them with `dateline desk create`.</p>}
      <p class="nr-links">
        <a href="/newsroom/statements">Official statements</a> ·{' '}
        <a href="/newsroom/statement-feeds">Statement feeds</a>
      </p>
      <ul class="nr-desks">
        {props.desks.map(({ desk, today, days }) => (
          <li class="nr-desk">
            <h2>{desk.name}</h2>
            <button type="button" class="nr-primary" data-open-day={desk.slug} data-date={today}>
              Open today’s page ({today})
            </button>
            <ul class="nr-days">
              {days.map((day) => (
                <li>
                  <a href={`/newsroom/stories/${day.id}`}>{day.headline}</a> <small>{day.status}</small>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {props.stories.length > 0 && (
        <>
          <h2>Other live stories</h2>
          <ul class="nr-days">
            {props.stories.map((story) => (
              <li>
                <a href={`/newsroom/stories/${story.id}`}>{story.headline}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Everything the story editor shows. */
export interface EditorView {
  story: Story;
  readerPath: string;
  timezone: string;
  role: Role;
  /** The `<article>` of the newest updates, from the readers' article renderer; `nextCursor` fetches older ones. */
  articles: string[];
  nextCursor: string | null;
  /** How many updates the story has in all. */
  updateCount: number;
  submissions: Submission[];
  /** A contributor's own decided submissions (with an editor's reason), newest first. */
  decided: Submission[];
  /** The story's held drafts, last saved first (editors only; empty for contributors). */
  drafts: Submission[];
}

const field = (label: string, control: JSX.Element, hint?: string) => (
  <label class="nr-field">
    <span>{label}</span>
    {control}
    {hint !== undefined && <small>{hint}</small>}
  </label>
);

/** The stream's status line once every update is shown (stream-pages.ts says the same). */
const allShown = (count: number) =>
  count === 1 ? 'The only update is shown.' : `All ${count} updates are shown.`;

/** The story editor: header, compose, submissions queue and the stream as readers see it. */
export function StoryEditorPage(props: { view: EditorView }): JSX.Element {
  const { story, role, articles, submissions } = props.view;
  const editor = role !== 'contributor';
  return (
    <div
      class="nr-editor"
      data-story-id={story.id}
      data-last-event-seq={story.lastEventSeq}
      data-role={role}
      data-story-version={story.version}
      data-timezone={props.view.timezone}
    >
      <div class="nr-title">
        <h1>{story.headline}</h1>
        <a href={props.view.readerPath} target="_blank" rel="noopener">
          Reader page ↗
        </a>
      </div>
      {editor && (
        <details class="nr-panel" id="header-panel">
          <summary>Story header</summary>
          <form id="header-form">
            {field('Headline', <input name="headline" required maxLength={300} value={story.headline} />)}
            {field(
              'Standfirst',
              <textarea name="standfirst" rows={2} maxLength={1000}>
                {story.standfirst}
              </textarea>,
            )}
            {field(
              'Analysis body (Markdown)',
              <textarea name="body" rows={5}>
                {story.body}
              </textarea>,
            )}
            {field(
              'Status',
              <select name="status">
                {STORY_STATUSES.map((s) => (
                  <option value={s} selected={s === story.status}>
                    {s}
                  </option>
                ))}
              </select>,
            )}
            <fieldset>
              <legend>Top photo {story.topPhoto ? `(now: ${story.topPhoto.alt})` : ''}</legend>
              {field('Photo', <input type="file" name="photo" accept="image/*" />)}
              {field('Alt text', <input name="photoAlt" maxLength={500} />)}
              {field('Caption', <input name="photoCaption" maxLength={1000} />)}
              {field('Credit', <input name="photoCredit" maxLength={200} />)}
            </fieldset>
            <button type="submit" class="nr-primary">
              Save header
            </button>
            <p class="nr-status" role="status" aria-live="polite" />
          </form>
          <div class="nr-conflict" id="header-conflict" role="alert" hidden />
        </details>
      )}
      <section class="nr-panel nr-compose" aria-labelledby="compose-title">
        <h2 id="compose-title">{editor ? 'New update' : 'Submit an update for approval'}</h2>
        <p class="nr-editing" hidden>
          <span class="nr-editing-what">Editing an update.</span>{' '}
          <button type="button" data-cancel-edit>
            Cancel edit
          </button>
        </p>
        <div class="nr-conflict" role="alert" hidden />
        <form id="compose-form">
          {field('Headline (optional)', <input name="headline" maxLength={300} />)}
          <div class="nr-split">
            {field(
              'Body (Markdown)',
              <textarea name="body" rows={7} required maxLength={20000} />,
              editor ? 'Ctrl+Enter publishes' : 'Ctrl+Enter submits it for approval',
            )}
            <div class="nr-preview-wrap">
              <span>Preview</span>
              <div class="nr-preview prose" aria-live="polite" />
              {editor && <section class="nr-related" data-related hidden />}
            </div>
          </div>
          <div class="nr-statement-hints" data-statement-hints aria-live="polite" />
          {editor && (
            <div data-correction-field hidden>
              {field(
                'Correction note (optional)',
                <input name="correctionNote" maxLength={500} />,
                'Readers see "Updated" with the time when the headline or body changes; this note goes with it',
              )}
            </div>
          )}
          {field(
            'Sources',
            <textarea name="sources" rows={2} placeholder="Label | https://…" />,
            'One per line: label | URL',
          )}
          <div class="nr-row">
            {field(
              'Claim status',
              <select name="claimStatus">
                {CLAIM_STATUSES.filter((s) => editor || s !== 'verified').map((s) => (
                  <option value={s}>{CLAIM_LABELS[s]}</option>
                ))}
              </select>,
            )}
            {field('Evidence note', <input name="claimNote" maxLength={2000} />)}
          </div>
          {field(
            'Authors',
            <input name="authors" maxLength={1000} autocomplete="off" />,
            'The byline; several names separated by commas. Empty: your name',
          )}
          {field('Video or social link', <input name="videoUrl" type="url" placeholder="https://…" />)}
          <fieldset class="nr-photo" data-photos="">
            <legend>Photos</legend>
            <ol class="nr-photo-list" />
            {field(
              'Add photos',
              <input type="file" name="photo" accept="image/jpeg,image/png,image/webp,image/avif" multiple />,
              'The first leads; several make a gallery. Give each alt text (what it shows, for screen readers); credits show as “Photo: …”',
            )}
            <input type="hidden" name="photos" value="[]" />
          </fieldset>
          {editor && (
            <div class="nr-row nr-checks">
              <label>
                <input type="checkbox" name="pinned" /> Pin
              </label>
              <label>
                <input type="checkbox" name="keyEvent" /> Key event
              </label>
              {field(
                'Publish at (optional)',
                <input type="datetime-local" name="publishAt" step={1} />,
                `The desk’s time (${zoneName(new Date().toISOString(), props.view.timezone)}); leave empty to publish now`,
              )}
            </div>
          )}
          <div class="nr-compose-actions">
            <button type="submit" class="nr-primary">
              {editor ? 'Publish' : 'Submit for approval'}
            </button>
            {editor && (
              <>
                <button type="button" data-save-draft>
                  Save draft
                </button>
                <button type="button" data-preview-page>
                  Preview
                </button>
              </>
            )}
          </div>
          <p class="nr-status" role="status" aria-live="polite" />
        </form>
      </section>
      {editor && (
        <section class="nr-panel nr-drafts-panel" aria-labelledby="drafts-title">
          <h2 id="drafts-title">Drafts</h2>
          <div class="nr-drafts-wrap" data-drafts-url={`/newsroom/stories/${story.id}/drafts`}>
            <DraftsList view={{ timezone: props.view.timezone, drafts: props.view.drafts }} />
          </div>
        </section>
      )}
      <section class="nr-panel" aria-labelledby="queue-title">
        <h2 id="queue-title">{editor ? 'Submissions waiting' : 'Your submissions waiting'}</h2>
        <div class="nr-queue-wrap" data-queue-url={`/newsroom/stories/${story.id}/queue`}>
          <SubmissionQueue
            view={{ role, timezone: props.view.timezone, pending: submissions, decided: props.view.decided }}
          />
        </div>
      </section>
      <section class="nr-panel" aria-labelledby="stream-title">
        <h2 id="stream-title">The page as readers see it</h2>
        <form class="nr-find" role="search" data-find>
          {field(
            'Find an update',
            <input type="search" name="q" maxLength={200} placeholder="Words from its headline or body" />,
          )}
          <button type="submit">Find</button>
          <button type="button" data-find-clear hidden>
            Show all
          </button>
        </form>
        <p
          class="nr-stream-status"
          role="status"
          aria-live="polite"
          data-update-count={props.view.updateCount}
        >
          {articles.length === 0
            ? 'No updates yet.'
            : props.view.nextCursor === null
              ? allShown(articles.length)
              : `${props.view.updateCount} updates; the newest ${articles.length} are shown.`}
        </p>
        <div class="nr-stream updates-list" dangerouslySetInnerHTML={{ __html: articles.join('') }} />
        <p class="nr-older">
          <button
            type="button"
            data-older
            data-cursor={props.view.nextCursor ?? ''}
            hidden={props.view.nextCursor === null}
          >
            Load older updates
          </button>
        </p>
      </section>
    </div>
  );
}
