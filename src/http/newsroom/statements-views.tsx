/**
 * Newsroom views of the statements library: paste a new statement and see the earlier ones it reuses,
 * one statement with its similar ones, and the status of every statement feed. Plain forms, so they work
 * without the editor's script.
 */
import type { JSX } from 'preact';
import type { Role } from '../../domain/types.ts';
import type { StatementFeed } from '../../statements/feeds/feed-store.ts';
import type { SimilarStatement } from '../../statements/statement-service.ts';
import type { Statement } from '../../statements/statement.ts';
import type { ReviewedStatementContact } from '../../store/contacts.ts';
import { statementTitle } from '../reader/statement-title.ts';
import { formatDate, formatDateTime, zonedLocal, zoneName } from '../reader/time-format.ts';

/** A form's values and what was wrong with them, to show it again. */
export interface FormState {
  values: Record<string, string>;
  error: { field: string | null; message: string } | null;
}

const EMPTY: FormState = { values: {}, error: null };

/** A statement's time in the newsroom's zone ("19 March 2026 at 13:30 EET"), the ISO instant beside it. */
function When(props: { iso: string | null; timezone: string }): JSX.Element {
  const { iso, timezone } = props;
  if (iso === null) return <>—</>;
  return <time dateTime={iso}>{formatDateTime(iso, timezone)}</time>;
}

/** A compact time for the feeds table ("2026-03-19 13:30 EET"), the full one on hover. */
function Short(props: { iso: string | null; timezone: string }): JSX.Element {
  const { iso, timezone } = props;
  if (iso === null) return <>—</>;
  const local = zonedLocal(iso, timezone);
  return (
    <time class="nr-nowrap" dateTime={iso} title={formatDateTime(iso, timezone)}>
      {`${local.slice(0, 10)} ${local.slice(11, 16)} ${zoneName(iso, timezone)}`}
    </time>
  );
}

function Field(props: {
  label: string;
  name: string;
  state: FormState;
  hint?: string;
  type?: 'text' | 'url' | 'number' | 'datetime-local';
  required?: boolean;
  maxLength?: number;
  textarea?: boolean;
}): JSX.Element {
  const { name, state } = props;
  const invalid = state.error?.field === name;
  const hintId = props.hint === undefined ? undefined : `${name}-hint`;
  const common = {
    name,
    id: `field-${name}`,
    required: props.required,
    maxLength: props.maxLength,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': hintId,
  };
  return (
    <div class="nr-field">
      <label for={`field-${name}`}>{props.label}</label>
      {props.textarea ? (
        <textarea {...common} rows={12}>
          {state.values[name] ?? ''}
        </textarea>
      ) : (
        <input {...common} type={(props.type ?? 'text') as 'text'} value={state.values[name] ?? ''} />
      )}
      {props.hint !== undefined && <small id={hintId}>{props.hint}</small>}
    </div>
  );
}

function ErrorBox(props: { state: FormState }): JSX.Element | null {
  const { error } = props.state;
  if (!error) return null;
  return (
    <p class="nr-status nr-bad" role="alert">
      {error.field !== null && error.field !== '' ? (
        <a href={`#field-${error.field}`}>{error.message}</a>
      ) : (
        error.message
      )}
    </p>
  );
}

function Csrf(props: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

function Nav(): JSX.Element {
  return (
    <p class="nr-links">
      <a href="/newsroom/statements">Official statements</a> ·{' '}
      <a href="/newsroom/statement-feeds">Statement feeds</a> · <a href="/statements">The public library</a>
    </p>
  );
}

/** The statements page: a form to paste a new statement, then the latest ones in the library. */
export function StatementsDeskPage(props: {
  csrfToken: string;
  /** The newsroom's zone (newsroomZone): times are shown and typed in it. */
  timezone: string;
  recent: Statement[];
  form?: FormState;
}): JSX.Element {
  const state = props.form ?? EMPTY;
  return (
    <>
      <Nav />
      <h1>Official statements</h1>
      <section class="nr-panel" aria-labelledby="paste-title">
        <h2 id="paste-title">Add a statement</h2>
        <p>
          Paste a readout or communiqué as published. Once added, the earlier statements that share its
          wording are listed, each with a comparison.
        </p>
        <ErrorBox state={state} />
        <form method="post" action="/newsroom/statements" class="nr-statement-form">
          <Csrf token={props.csrfToken} />
          <Field
            label="Issuer"
            name="issuer"
            state={state}
            required
            maxLength={200}
            hint="e.g. Presidency of Valdoria"
          />
          <Field label="Title (optional)" name="title" state={state} maxLength={500} />
          <Field
            label={`Published (${zoneName(new Date().toISOString(), props.timezone)})`}
            name="publishedAt"
            type="datetime-local"
            state={state}
            required
            hint={`The time the issuer published it, in the newsroom’s time (${props.timezone})`}
          />
          <Field
            label="Link to the original (optional)"
            name="url"
            type="url"
            state={state}
            maxLength={2000}
          />
          <Field label="Text" name="text" state={state} required textarea maxLength={50_000} />
          <button type="submit" class="nr-primary">
            Add and find similar statements
          </button>
        </form>
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Latest in the library</h2>
        {props.recent.length === 0 ? (
          <p>The library is empty.</p>
        ) : (
          <ul class="nr-days">
            {props.recent.map((s) => (
              <li>
                <a href={`/newsroom/statements/${s.id}`}>{statementTitle(s)}</a>{' '}
                <small>
                  {s.issuer}, <When iso={s.publishedAt} timezone={props.timezone} />
                </small>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One statement in the newsroom, with the earlier statements that share its wording. */
/** What became of an editor's verdict that could not be saved: a colleague decided first. */
export interface ReviewNotice {
  ordinal: number;
  message: string;
}

const VERDICT_WORDS = { confirmed: 'Confirmed', rejected: 'Rejected' } as const;

/**
 * The contacts found in a statement, each with confirm / reject (or undo) as plain forms. Each form
 * says which verdict the editor saw, so a colleague's decision made meanwhile is never overwritten.
 */
function StatementContacts(props: {
  statement: Statement;
  contacts: ReviewedStatementContact[];
  csrfToken: string;
  timezone: string;
  notice: ReviewNotice | null;
}): JSX.Element {
  const { statement, contacts, csrfToken, notice } = props;
  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts found in it</h2>
      {contacts.length === 0 ? (
        <p>No contact between people or organisations was found in this statement.</p>
      ) : (
        <ol class="nr-statement-contacts">
          {contacts.map((c) => {
            const action = `/newsroom/statements/${statement.id}/contacts/${c.ordinal}`;
            const label = `${c.a.name} – ${c.b.name}`;
            return (
              <li id={`contact-${c.ordinal}`} data-verdict={c.verdict ?? 'undecided'}>
                <p>
                  <strong>{c.a.name}</strong>
                  {c.a.role !== null && ` (${c.a.role})`} · {c.kind}
                  {c.channel !== null && ` (${c.channel.replace('-', ' ')})`} · <strong>{c.b.name}</strong>
                  {c.b.role !== null && ` (${c.b.role})`}
                  {c.place !== null && `, ${c.place}`},{' '}
                  <time dateTime={c.date}>{formatDate(`${c.date}T12:00:00Z`, 'UTC')}</time>
                </p>
                <blockquote lang={statement.language}>{c.sentence}</blockquote>
                {notice?.ordinal === c.ordinal && (
                  <p class="form-error" role="alert">
                    {notice.message}
                  </p>
                )}
                <form method="post" action={action} class="nr-inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <input type="hidden" name="seen" value={c.verdict ?? 'undecided'} />
                  {c.verdict === null ? (
                    <>
                      <span>Not reviewed </span>
                      <button type="submit" name="verdict" value="confirmed">
                        Confirm<span class="sr-only"> {label}</span>
                      </button>{' '}
                      <button type="submit" name="verdict" value="rejected">
                        Reject<span class="sr-only"> {label}</span>
                      </button>
                    </>
                  ) : (
                    <>
                      <span class="nr-verdict">
                        {VERDICT_WORDS[c.verdict]} by {c.decidedBy}
                        {c.decidedAt !== null && (
                          <>
                            {' '}
                            (<When iso={c.decidedAt} timezone={props.timezone} />)
                          </>
                        )}{' '}
                      </span>
                      <button type="submit" name="verdict" value="undecided">
                        Undo<span class="sr-only"> the verdict on {label}</span>
                      </button>
                    </>
                  )}
                </form>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function StatementDeskPage(props: {
  statement: Statement;
  similar: SimilarStatement[];
  timezone: string;
  contacts: ReviewedStatementContact[];
  csrfToken: string;
  notice?: ReviewNotice | null;
  /** Why removing it was refused (updates cite it). */
  removeError?: string;
}): JSX.Element {
  const { statement, similar } = props;
  return (
    <>
      <Nav />
      <p class="kicker">Official statement</p>
      <h1>{statementTitle(statement)}</h1>
      <p>
        {statement.issuer}, <When iso={statement.publishedAt} timezone={props.timezone} /> ·{' '}
        <a href={`/statements/${statement.id}`}>Public page</a>
      </p>
      <section aria-labelledby="similar-title">
        <h2 id="similar-title">Earlier statements that share its wording</h2>
        {similar.length === 0 ? (
          <p>No earlier statement in the library shares much of its wording.</p>
        ) : (
          <ol class="nr-similar">
            {similar.map((hit) => (
              <li>
                <a href={`/statements/${hit.statement.id}`}>{statementTitle(hit.statement)}</a>{' '}
                <span>
                  {hit.statement.issuer}, <When iso={hit.statement.publishedAt} timezone={props.timezone} /> —
                  similarity {hit.score.toFixed(2)} (shares {Math.round(hit.containment * 100)}% of this text)
                </span>{' '}
                <a href={`/statements/compare?ids=${hit.statement.id},${statement.id}`}>
                  Compare<span class="sr-only"> {statementTitle(hit.statement)} with this statement</span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </section>
      <StatementContacts
        statement={statement}
        contacts={props.contacts}
        csrfToken={props.csrfToken}
        timezone={props.timezone}
        notice={props.notice ?? null}
      />
      <form method="post" action={`/newsroom/statements/${statement.id}/remove`} class="nr-inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.removeError && (
          <p class="form-error" role="alert">
            {props.removeError}
          </p>
        )}
        <label class="nr-confirm">
          <input type="checkbox" name="confirm" value="yes" required /> Remove it for good, with the contacts
          found in it (refused while an update cites it)
        </label>
        <button type="submit">Remove from the library</button>
      </form>
      <details class="nr-panel">
        <summary>Text</summary>
        <div class="statement-text" lang={statement.language}>
          {statement.text}
        </div>
      </details>
    </>
  );
}

/** When a feed is next polled, and why then. */
function NextAttempt(props: { feed: StatementFeed; timezone: string }): JSX.Element {
  const { feed, timezone } = props;
  if (feed.disabledAt !== null)
    return (
      <>
        Disabled <Short iso={feed.disabledAt} timezone={timezone} />
      </>
    );
  if (feed.failures === 0) return <Short iso={feed.nextPollAt} timezone={timezone} />;
  return (
    <>
      <Short iso={feed.nextPollAt} timezone={timezone} />{' '}
      <small>
        (backing off after {feed.failures} failed {feed.failures === 1 ? 'poll' : 'polls'} in a row)
      </small>
    </>
  );
}

const STATUS_WORDING: Record<StatementFeed['status'], string> = {
  pending: 'Not polled yet',
  ok: 'OK',
  error: 'Failing',
};

/** Every configured feed with its last poll, success, error and next attempt; admins add and disable. */
export function FeedStatusPage(props: {
  feeds: StatementFeed[];
  role: Role;
  csrfToken: string;
  timezone: string;
  form?: FormState;
}): JSX.Element {
  const { feeds, role, csrfToken } = props;
  const admin = role === 'admin';
  const state = props.form ?? EMPTY;
  return (
    <>
      <Nav />
      <h1>Statement feeds</h1>
      {feeds.length === 0 ? (
        <p>No feed is configured.</p>
      ) : (
        <div class="nr-table-wrap">
          <table class="nr-feeds">
            <caption class="sr-only">Configured statement feeds and the outcome of their polls</caption>
            <thead>
              <tr>
                <th scope="col">Feed</th>
                <th scope="col">Status</th>
                {admin && <th scope="col">Actions</th>}
                <th scope="col">Statements added</th>
                <th scope="col">Last poll</th>
                <th scope="col">Last success</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Last problem</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => (
                <tr
                  data-feed-id={feed.id}
                  class={`feed-${feed.disabledAt !== null ? 'disabled' : feed.status}`}
                >
                  <th scope="row">
                    {feed.issuer}
                    <br />
                    <small>{feed.url}</small>
                  </th>
                  <td>
                    {feed.disabledAt !== null
                      ? 'Disabled'
                      : feed.status === 'ok' && feed.lastError !== null
                        ? 'OK, some items left out'
                        : STATUS_WORDING[feed.status]}
                  </td>
                  {admin && (
                    <td>
                      <form method="post" action={`/newsroom/statement-feeds/${feed.id}/disabled`}>
                        <Csrf token={csrfToken} />
                        <input type="hidden" name="disabled" value={feed.disabledAt === null ? '1' : '0'} />
                        <button type="submit">
                          {feed.disabledAt === null ? 'Disable' : 'Resume'}
                          <span class="sr-only"> {feed.url}</span>
                        </button>
                      </form>
                      <form method="post" action={`/newsroom/statement-feeds/${feed.id}/poll`}>
                        <Csrf token={csrfToken} />
                        <button type="submit">
                          Poll now<span class="sr-only"> {feed.url}</span>
                        </button>
                      </form>
                    </td>
                  )}
                  <td>{feed.statementsAdded}</td>
                  <td>
                    <Short iso={feed.lastPolledAt} timezone={props.timezone} />
                  </td>
                  <td>
                    <Short iso={feed.lastSuccessAt} timezone={props.timezone} />
                  </td>
                  <td>
                    <NextAttempt feed={feed} timezone={props.timezone} />
                  </td>
                  <td>{feed.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin ? (
        <section class="nr-panel" aria-labelledby="add-feed-title">
          <h2 id="add-feed-title">Add a feed</h2>
          <ErrorBox state={state} />
          <form method="post" action="/newsroom/statement-feeds" class="nr-statement-form">
            <Csrf token={csrfToken} />
            <Field
              label="Feed URL"
              name="url"
              type="url"
              state={state}
              required
              maxLength={2000}
              hint="RSS 2.0, Atom or JSON Feed"
            />
            <Field label="Issuer" name="issuer" state={state} required maxLength={200} />
            <Field
              label="Language"
              name="language"
              state={state}
              maxLength={20}
              hint="e.g. en (the default)"
            />
            <Field
              label="Minutes between polls"
              name="intervalMinutes"
              type="number"
              state={state}
              hint="15 unless you say otherwise"
            />
            <button type="submit" class="nr-primary">
              Add feed
            </button>
          </form>
        </section>
      ) : (
        <p>Only an admin can add or disable feeds.</p>
      )}
    </>
  );
}
