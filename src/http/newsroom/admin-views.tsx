/** The admins' pages in the newsroom: desks, users, API tokens, and the audit log with filters, pages and exports. */
import type { JSX } from 'preact';
import { ROLES } from '../../domain/types.ts';
import type { ApiToken, Desk, User } from '../../domain/types.ts';
import { tokenState } from '../../accounts/token-service.ts';
import type { AuditEntry } from '../../store/store.ts';
import { formatDateTime, zoneName } from '../reader/time-format.ts';

type AdminSection = 'desks' | 'users' | 'tokens' | 'audit';

/** Links between the admin pages; `current` is marked for screen readers too. */
export function AdminNav(props: { current: AdminSection }): JSX.Element {
  const link = (key: AdminSection, href: string, label: string) => (
    <a href={href} aria-current={props.current === key ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="nr-admin-nav" aria-label="Admin">
      {link('desks', '/newsroom/admin/desks', 'Desks')} {link('users', '/newsroom/admin/users', 'Users')}{' '}
      {link('tokens', '/newsroom/admin/tokens', 'API tokens')}{' '}
      {link('audit', '/newsroom/admin/audit', 'Audit log')}
    </nav>
  );
}

/** Users: a row per account with its role, desks and state, changed in place; a form to add one. */
export function UsersPage(props: { users: User[]; desks: Desk[]; selfId: string | null }): JSX.Element {
  const { users, desks } = props;
  const deskName = new Map(desks.map((d) => [d.id, d.name]));
  return (
    <div class="nr-admin" data-admin="users">
      <AdminNav current="users" />
      <h1>Users</h1>
      <p class="nr-status" role="status" aria-live="polite" />
      <div class="nr-password" role="alert" hidden />
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Name and email</th>
            <th scope="col">Role</th>
            <th scope="col">Desks</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr data-user-id={user.id} data-email={user.email} class={user.disabledAt ? 'is-disabled' : ''}>
              <td>
                <strong>{user.name}</strong>
                <br />
                <small>{user.email}</small>
              </td>
              <td>
                <select name="role" aria-label={`Role of ${user.name}`} disabled={user.id === props.selfId}>
                  {ROLES.map((r) => (
                    <option value={r} selected={r === user.role}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <fieldset class="nr-desk-picks">
                  <legend class="sr-only">Desks of {user.name}</legend>
                  <label>
                    <input type="checkbox" name="allDesks" checked={user.desks === null} /> All desks
                  </label>
                  {desks.map((d) => (
                    <label>
                      <input
                        type="checkbox"
                        name="desk"
                        value={d.slug}
                        checked={user.desks?.includes(d.id) ?? false}
                        disabled={user.desks === null}
                      />{' '}
                      {d.name}
                    </label>
                  ))}
                </fieldset>
                {user.desks !== null && (
                  <small class="nr-desk-summary">
                    {user.desks.map((id) => deskName.get(id) ?? id).join(', ') || 'no desk'}
                  </small>
                )}
              </td>
              <td class="nr-user-state">{user.disabledAt ? 'Disabled' : 'Active'}</td>
              <td>
                <button type="button" data-save-user>
                  Save
                </button>{' '}
                {user.id !== props.selfId && (
                  <button type="button" data-toggle-user>
                    {user.disabledAt ? 'Enable' : 'Disable'}
                  </button>
                )}{' '}
                {user.role !== 'contributor' && (
                  <>
                    <a href={`/newsroom/profile?user=${encodeURIComponent(user.id)}`}>Author page</a>{' '}
                  </>
                )}
                <button type="button" data-reset-password>
                  New password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section class="nr-panel" aria-labelledby="add-user-title">
        <h2 id="add-user-title">Add a user</h2>
        <p>
          There is no default password: the new account gets a random one, shown here once for you to hand
          over in person or over a channel you trust.
        </p>
        <form id="add-user-form" class="nr-row">
          <label class="nr-field">
            <span>Email</span>
            <input type="email" name="email" required maxLength={200} autocomplete="off" />
          </label>
          <label class="nr-field">
            <span>Name</span>
            <input name="name" required maxLength={100} autocomplete="off" />
          </label>
          <label class="nr-field">
            <span>Role</span>
            <select name="role">
              {ROLES.map((r) => (
                <option value={r} selected={r === 'contributor'}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <fieldset class="nr-desk-picks">
            <legend>Desks</legend>
            <label>
              <input type="checkbox" name="allDesks" checked /> All desks
            </label>
            {desks.map((d) => (
              <label>
                <input type="checkbox" name="desk" value={d.slug} disabled /> {d.name}
              </label>
            ))}
          </fieldset>
          <p>
            <button type="submit" class="nr-primary">
              Add user
            </button>
          </p>
        </form>
      </section>
    </div>
  );
}

/** The audit page's filter, as given in the query string. */
export interface AuditView {
  entries: AuditEntry[];
  filter: { actor: string; action: string; from: string; to: string };
  /** Query string of the next (older) page, or null on the last page. */
  olderQuery: string | null;
  /** Query string of the filter alone, for the export links and "newest" link. */
  filterQuery: string;
  error: string | null;
  users: User[];
  /** What entries are about, by target, where it can be said in words. */
  subjects: Map<string, AuditSubject>;
  /** The newsroom's zone (newsroomZone): the filter's days and entries about no desk are in it. */
  timezone: string;
}

/** An audit entry's target in words: what it is, where it lives, and a link to it. */
export interface AuditSubject {
  label: string;
  href: string;
  /** The desk (or, for a standalone story, the story) it belongs to. */
  desk: string;
  /** The desk's time zone, in which the entry's time is shown ('' without a desk: the newsroom's). */
  timezone: string;
}

/** An entry's detail as short lines ("claimStatus: unverified → verified"), not JSON. */
export function detailLines(detail: Record<string, unknown>): string[] {
  const show = (value: unknown): string =>
    value === null || value === undefined || value === ''
      ? '—'
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  // A change of the whole target (a claim status) is {from, to, …}: one line for it, then the rest.
  const change =
    'from' in detail && 'to' in detail ? [`${show(detail['from'])} → ${show(detail['to'])}`] : [];
  const rest = Object.entries(detail).filter(
    ([key]) => key !== 'storyId' && (change.length === 0 || (key !== 'from' && key !== 'to')),
  );
  return [
    ...change,
    ...rest.map(([key, value]) => {
      if (value !== null && typeof value === 'object' && 'from' in value && 'to' in value)
        return `${key}: ${show(value.from)} → ${show(value.to)}`;
      return `${key}: ${show(value)}`;
    }),
  ];
}

const ACTIONS = [
  ['', 'Any action'],
  ['login', 'Sign-ins'],
  ['login.failed', 'Failed sign-ins'],
  ['user.', 'Account changes (all)'],
  ['user.role', 'Role changes'],
  ['update.', 'Update actions (all)'],
  ['update.publish', 'Published'],
  ['update.edit', 'Edited'],
  ['update.delete', 'Deleted'],
  ['update.approve', 'Approved'],
  ['update.reject', 'Rejected'],
  ['update.claim', 'Claim changes'],
  ['media.delete', 'Photos deleted'],
  ['token.', 'API tokens created and revoked'],
] as const;

/** The audit log: a filter form that works without JavaScript, the entries, older pages and exports. */
export function AuditPage(props: { view: AuditView }): JSX.Element {
  const { entries, filter, olderQuery, filterQuery, error, users, subjects, timezone } = props.view;
  // The export's days are the page's: the API is told the zone they are in.
  const exportQuery = new URLSearchParams(filterQuery);
  if (timezone !== 'UTC') exportQuery.set('timezone', timezone);
  const zoneLabel = zoneName(new Date().toISOString(), timezone);
  return (
    <div class="nr-admin">
      <AdminNav current="audit" />
      <h1>Audit log</h1>
      <form method="get" action="/newsroom/admin/audit" class="nr-row nr-filter">
        <label class="nr-field">
          <span>User</span>
          <select name="actor">
            <option value="">Anyone</option>
            {users.map((u) => (
              <option value={`user:${u.id}`} selected={filter.actor === `user:${u.id}`}>
                {u.name} ({u.email})
              </option>
            ))}
            <option value="cli" selected={filter.actor === 'cli'}>
              Command line
            </option>
          </select>
        </label>
        <label class="nr-field">
          <span>Action</span>
          <select name="action">
            {ACTIONS.map(([value, label]) => (
              <option value={value} selected={filter.action === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="nr-field">
          <span>From (day, {zoneLabel})</span>
          <input type="date" name="from" value={filter.from} />
        </label>
        <label class="nr-field">
          <span>To (day, {zoneLabel})</span>
          <input type="date" name="to" value={filter.to} />
        </label>
        <p>
          <button type="submit" class="nr-primary">
            Filter
          </button>
        </p>
      </form>
      {error !== null && (
        <p class="nr-error" role="alert">
          {error}
        </p>
      )}
      <p class="nr-exports">
        Export everything that matches:{' '}
        <a href={`/api/v1/audit/export?format=csv${exportQuery.size > 0 ? `&${exportQuery}` : ''}`} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/audit/export?format=json${exportQuery.size > 0 ? `&${exportQuery}` : ''}`} download>
          JSON
        </a>
      </p>
      <table class="nr-table nr-audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">On</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr data-audit-id={e.id}>
              <td>
                <time dateTime={e.at}>
                  {formatDateTime(e.at, subjects.get(e.target)?.timezone || timezone)}
                </time>
              </td>
              <td>{e.actor}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {subjects.get(e.target) ? (
                  <>
                    <a href={subjects.get(e.target)?.href}>{subjects.get(e.target)?.label}</a>
                    <br />
                    <small>{subjects.get(e.target)?.desk}</small>
                  </>
                ) : (
                  e.target
                )}
              </td>
              <td>
                {detailLines(e.detail).map((line) => (
                  <span class="nr-detail">
                    {line}
                    <br />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && <p class="nr-empty">Nothing matches.</p>}
      <nav class="nr-pages" aria-label="Audit log pages">
        {filterQuery !== '' || olderQuery !== null ? (
          <a href={`/newsroom/admin/audit${filterQuery ? `?${filterQuery}` : ''}`}>Newest</a>
        ) : null}{' '}
        {olderQuery !== null && (
          <a href={`/newsroom/admin/audit?${olderQuery}`} rel="next">
            Older entries →
          </a>
        )}
      </nav>
    </div>
  );
}

/** A token's time in the newsroom's zone ("4 December 2026 at 18:05 EET"), the ISO instant beside it. */
const instant = (iso: string | null, none: string, timezone: string) =>
  iso === null ? none : <time dateTime={iso}>{formatDateTime(iso, timezone)}</time>;

/**
 * API tokens: one row each with its role, state, dates and a Revoke button — a plain form carrying the
 * session's CSRF token, so it works without JavaScript. Tokens are created with `dateline token create`
 * or `POST /api/v1/tokens`, whose secret is shown once.
 */
export function TokensPage(props: {
  tokens: ApiToken[];
  /** The newsroom's zone (newsroomZone), in which the times are shown. */
  timezone: string;
  csrfToken: string;
  now: Date;
  notice?: string;
}): JSX.Element {
  return (
    <div class="nr-admin">
      <AdminNav current="tokens" />
      <h1>API tokens</h1>
      {props.notice !== undefined && (
        <p class="nr-status" role="status">
          {props.notice}
        </p>
      )}
      <p>
        Revoking a token refuses it at once on every node; streams it opened end within a heartbeat. Create
        one with <code>dateline token create --name NAME --role ROLE [--expires 30d]</code>.
      </p>
      <table class="nr-table nr-tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => {
            const state = tokenState(token, props.now);
            return (
              <tr data-token-id={token.id} class={state === 'active' ? '' : 'is-disabled'}>
                <td>
                  <strong>{token.name}</strong>
                  <br />
                  <small>{token.id}</small>
                </td>
                <td data-label="Role">{token.role}</td>
                <td data-label="State">{state}</td>
                <td data-label="Created">{instant(token.createdAt, '', props.timezone)}</td>
                <td data-label="Last used">{instant(token.lastUsedAt, 'never', props.timezone)}</td>
                <td data-label="Expires">{instant(token.expiresAt, 'never', props.timezone)}</td>
                <td>
                  {state !== 'revoked' && (
                    <form
                      method="post"
                      action={`/newsroom/admin/tokens/${encodeURIComponent(token.id)}/revoke`}
                    >
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.tokens.length === 0 && <p class="nr-empty">No tokens yet.</p>}
    </div>
  );
}

/** What the desks page shows: every desk (archived ones too), and a create form's values after an error. */
export interface DesksView {
  desks: Desk[];
  csrfToken: string;
  /** IANA zones offered as suggestions in the time-zone fields. */
  timezones: readonly string[];
  notice: string | null;
  /** The refused change: which form (a desk's slug, or `new`) and why. */
  error: { form: string; message: string; field: string | null } | null;
  /** What the admin typed into the refused form, shown back to them. */
  typed: Record<string, string>;
}

/**
 * Desks: create one; rename it, set its time zone and description, archive or restore it. Plain forms
 * carrying the session's CSRF token, so the page works without JavaScript; the API does the same
 * (PATCH /api/v1/desks/{slug}).
 */
export function DesksPage(props: { view: DesksView }): JSX.Element {
  const { desks, csrfToken, timezones, notice, error, typed } = props.view;
  const value = (form: string, field: string, stored: string) =>
    error?.form === form && typed[field] !== undefined ? typed[field] : stored;
  const errorFor = (form: string) =>
    error?.form === form ? (
      <p class="nr-error" role="alert" id={`desk-error-${form}`}>
        {error.message}
      </p>
    ) : null;
  const invalid = (form: string, field: string) => error?.form === form && error.field === field;
  const fields = (form: string, desk: Desk | null) => (
    <>
      <label class="nr-field">
        <span>Name</span>
        <input
          name="name"
          required
          maxLength={100}
          value={value(form, 'name', desk?.name ?? '')}
          aria-invalid={invalid(form, 'name') || undefined}
        />
      </label>
      <label class="nr-field">
        <span>Time zone</span>
        <input
          name="timezone"
          list="desk-timezones"
          required
          maxLength={64}
          autocomplete="off"
          placeholder="Europe/Kyiv"
          value={value(form, 'timezone', desk?.timezone ?? '')}
          aria-invalid={invalid(form, 'timezone') || undefined}
        />
        <small>The desk’s days begin and end here; times on its pages are shown in it.</small>
      </label>
      <label class="nr-field nr-wide">
        <span>Description</span>
        <textarea name="description" rows={2} maxLength={1000}>
          {value(form, 'description', desk?.description ?? '')}
        </textarea>
      </label>
    </>
  );
  return (
    <div class="nr-admin" data-admin="desks">
      <AdminNav current="desks" />
      <h1>Desks</h1>
      {notice !== null && (
        <p class="nr-status" role="status">
          {notice}
        </p>
      )}
      <datalist id="desk-timezones">
        {timezones.map((zone) => (
          <option value={zone} />
        ))}
      </datalist>
      {desks.length === 0 && <p class="nr-empty">No desks yet.</p>}
      {desks.map((desk) => (
        <section
          class={`nr-panel nr-desk-card${desk.archivedAt ? ' is-archived' : ''}`}
          aria-labelledby={`desk-${desk.slug}`}
          data-desk={desk.slug}
        >
          <h2 id={`desk-${desk.slug}`}>
            {desk.name}
            {desk.archivedAt !== null && <span class="nr-badge"> Archived</span>}
          </h2>
          <p class="nr-desk-meta">
            <a href={`/${desk.slug}`}>/{desk.slug}</a> · {desk.timezone}
            {desk.archivedAt !== null && (
              <> · off reader listings since {desk.archivedAt.slice(0, 10)}; its pages stay readable</>
            )}
          </p>
          {errorFor(desk.slug)}
          <form method="post" action={`/newsroom/admin/desks/${desk.slug}`} class="nr-row nr-desk-form">
            <input type="hidden" name="_csrf" value={csrfToken} />
            {fields(desk.slug, desk)}
            <p class="nr-actions">
              <button type="submit" class="nr-primary">
                Save {desk.name}
              </button>
            </p>
          </form>
          <form method="post" action={`/newsroom/admin/desks/${desk.slug}/archive`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="archived" value={desk.archivedAt === null ? 'true' : 'false'} />
            <button type="submit">
              {desk.archivedAt === null ? `Archive ${desk.name}` : `Restore ${desk.name}`}
            </button>
          </form>
        </section>
      ))}
      <section class="nr-panel" aria-labelledby="new-desk-title">
        <h2 id="new-desk-title">New desk</h2>
        {errorFor('new')}
        <form method="post" action="/newsroom/admin/desks" class="nr-row nr-desk-form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          {fields('new', null)}
          <label class="nr-field">
            <span>Address</span>
            <input
              name="slug"
              maxLength={80}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              placeholder="from the name"
              value={value('new', 'slug', '')}
              aria-invalid={invalid('new', 'slug') || undefined}
            />
            <small>Lower-case letters, digits and hyphens: /ukraine-live. It cannot change later.</small>
          </label>
          <p class="nr-actions">
            <button type="submit" class="nr-primary">
              Create desk
            </button>
          </p>
        </form>
      </section>
    </div>
  );
}
