/**
 * The newsroom editor in the browser: compose with live preview and Ctrl+Enter, the story's stream with
 * colleagues' updates arriving live, edit in place with a clear conflict when someone saved first,
 * delete with confirmation, approve or reject submissions, and the story header. It talks to the JSON
 * API with the session cookie and the CSRF token from the page.
 */

import { relativeTime } from '../../domain/relative-time.ts';
import { formatClock, formatDateTime, zonedInstant, zonedLocal } from '../../domain/time-format.ts';
import { startDrafts } from './drafts.ts';
import { mountRelatedCoverage } from './related.ts';
import { diffWords } from 'diff';
import { mountEnrichment } from './enrichment.ts';
import { citedStatementIds, mountStatementHints } from './statements.ts';

import { api, problemText, say, type Problem } from './api.ts';
import { mountPhotoList, photosSummary } from './photo-list.ts';
import { startProfileForm } from './profile.ts';
import { startUsersAdmin } from './admin.ts';
import { startQueue } from './queue.ts';
import { startStoryHeader } from './story-header.ts';
import { startStreamPages } from './stream-pages.ts';
import { showHeadline } from './headline.ts';
import {
  FIELD_LABELS,
  fieldValuesOf,
  MERGE_FIELDS,
  parseNames,
  parseSources,
  sourcesText,
  type FieldValues,
  type MergeField,
} from './merge.ts';
import { mergeView } from './merge-view.ts';

interface Revision {
  version: number;
  kind: 'create' | 'edit' | 'delete';
  actor: string;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

// Desks page: "Open today's page" opens (creating if needed) the day and goes to its editor.
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-open-day]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const story = await api<{ id: string }>(
        'PUT',
        `/desks/${button.dataset['openDay']}/days/${button.dataset['date']}`,
      );
      location.assign(`/newsroom/stories/${story.id}`);
    } catch (error) {
      button.disabled = false;
      alert(problemText(error));
    }
  });
}

mountRelatedCoverage(document.querySelector<HTMLElement>('.nr-editor'));

const root = document.querySelector<HTMLElement>('.nr-editor');
if (root) startEditor(root);
if (root) mountEnrichment(root);
const profileForm = document.querySelector<HTMLFormElement>('form[data-profile-user]');
if (profileForm) startProfileForm(profileForm);
const usersAdmin = document.querySelector<HTMLElement>('[data-admin="users"]');
if (usersAdmin) startUsersAdmin(usersAdmin);

/**
 * What the compose form is doing: a new update (null), editing a published update (with the version it
 * was based on and that version's fields, the base of a merge), changing a waiting submission or
 * scheduled update, an editor's edit-and-approve, or a held draft (with the save it was loaded from,
 * `savedAt`, which a colleague's save since makes stale, and that save's fields, the base of a merge).
 */
type Editing =
  | { kind: 'update'; id: string; version: number; base: FieldValues }
  | { kind: 'submission'; id: string }
  | { kind: 'approve'; id: string; author: string }
  | { kind: 'draft'; id: string; savedAt: string; base: FieldValues };

/** How often "5 min ago" in the stream is brought up to date (as on the reader page). */
const RELATIVE_REFRESH_MS = 30_000;
/** How long a success message ("Published.") stays under the form. */
const DONE_MESSAGE_MS = 8_000;

function refreshRelativeTimes(root: ParentNode): void {
  const now = Date.now();
  for (const el of root.querySelectorAll<HTMLElement>('[data-rel-time]')) {
    const then = Date.parse(el.dataset['relTime'] ?? '');
    if (!Number.isNaN(then)) el.textContent = relativeTime(then, now);
  }
}

function startEditor(root: HTMLElement): void {
  const storyId = root.dataset['storyId'] ?? '';
  const timezone = root.dataset['timezone'] ?? 'UTC';
  const isEditor = root.dataset['role'] !== 'contributor';
  const stream = root.querySelector<HTMLElement>('.nr-stream')!;
  const compose = root.querySelector<HTMLFormElement>('#compose-form')!;
  const preview = root.querySelector<HTMLElement>('.nr-preview')!;
  const conflictBox = root.querySelector<HTMLElement>('.nr-compose .nr-conflict')!;
  const editingNote = root.querySelector<HTMLElement>('.nr-editing')!;
  const correctionField = root.querySelector<HTMLElement>('[data-correction-field]');
  const submitButton = compose.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const publishLabel = submitButton.textContent ?? 'Publish';
  let editing: Editing | null = null;
  let refreshQueue: (() => Promise<void>) | null = null;
  const editingText = editingNote.querySelector<HTMLElement>('.nr-editing-what');
  const bodyField = compose.elements.namedItem('body') as HTMLTextAreaElement;
  const title = root.querySelector<HTMLElement>('#compose-title')!;
  const titleText = title.textContent ?? '';
  const shortcut = bodyField.closest('.nr-field')?.querySelector<HTMLElement>('small') ?? null;
  const shortcutText = shortcut?.textContent ?? '';
  refreshRelativeTimes(stream);
  setInterval(() => refreshRelativeTimes(stream), RELATIVE_REFRESH_MS);

  // A success message goes once it has been read: on the next keystroke, or after a few seconds.
  let doneTimer: ReturnType<typeof setTimeout> | undefined;
  const status = compose.querySelector<HTMLElement>('.nr-status')!;
  const sayDone = (message: string) => {
    say(compose, message);
    clearTimeout(doneTimer);
    doneTimer = setTimeout(() => {
      if (status.textContent === message) say(compose, '');
    }, DONE_MESSAGE_MS);
  };
  compose.addEventListener('input', () => {
    if (!status.classList.contains('nr-bad')) say(compose, '');
  });
  mountStatementHints(compose, api, timezone);

  const value = (name: string) => (compose.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  const checked = (name: string) =>
    (compose.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
  const setValue = (name: string, v: string | boolean) => {
    const el = compose.elements.namedItem(name) as HTMLInputElement | null;
    if (!el) return;
    if (el.type === 'checkbox') el.checked = v === true;
    else el.value = String(v);
  };

  const sources = () => parseSources(value('sources'));
  const photoList = mountPhotoList(compose);

  /** The form's fields as a merge compares them. */
  function formValues(): FieldValues {
    return {
      headline: value('headline').trim(),
      body: value('body'),
      claimStatus: value('claimStatus'),
      claimNote: value('claimNote'),
      sources: sourcesText(sources()),
      videoUrl: value('videoUrl').trim(),
      pinned: checked('pinned'),
      keyEvent: checked('keyEvent'),
      authors: parseNames(value('authors')).join(', '),
      photos: value('photos') || '[]',
    };
  }

  // Live preview, rendered by the server with the same sanitiser as publishing.
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  bodyField.addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const body = value('body');
      if (body.trim() === '') {
        preview.innerHTML = '';
        return;
      }
      try {
        preview.innerHTML = (await api<{ html: string }>('POST', '/preview', { body })).html;
      } catch {
        /* the preview is a convenience; publishing reports errors */
      }
    }, 200);
  });

  // Ctrl+Enter (Cmd+Enter on a Mac) publishes from anywhere in the form.
  compose.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      compose.requestSubmit();
    }
  });

  // Save draft and Preview belong to a new update or a draft, not to edits of what is published.
  const saveDraftButton = compose.querySelector<HTMLButtonElement>('[data-save-draft]');
  const previewButton = compose.querySelector<HTMLButtonElement>('[data-preview-page]');
  const publishAtField = (
    compose.elements.namedItem('publishAt') as HTMLInputElement | null
  )?.closest<HTMLElement>('.nr-field');
  function showDraftActions(shown: boolean): void {
    if (saveDraftButton) saveDraftButton.hidden = !shown;
    if (previewButton) previewButton.hidden = !shown;
    if (publishAtField) publishAtField.hidden = !shown;
  }

  function resetCompose(): void {
    showDraftActions(true);
    compose.reset();
    // A hidden field's value is not put back by a reset.
    setValue('photos', '[]');
    photoList?.render();
    preview.innerHTML = '';
    editing = null;
    editingNote.hidden = true;
    if (correctionField) correctionField.hidden = true;
    conflictBox.hidden = true;
    submitButton.textContent = publishLabel;
    title.textContent = titleText;
    if (shortcut) shortcut.textContent = shortcutText;
  }

  /** The form as the API takes it (the photo is uploaded by whoever sends it). */
  function payloadOf(): Record<string, unknown> {
    const payload: Record<string, unknown> = {
      headline: value('headline') || null,
      body: value('body'),
      claimStatus: value('claimStatus'),
      claimNote: value('claimNote'),
      sources: sources(),
      videoUrl: value('videoUrl') || null,
      statementIds: citedStatementIds(compose),
    };
    // An edit sends the byline only when changed, so an untouched one stays "whoever filed it".
    const authors = parseNames(value('authors'));
    if (editing?.kind === 'update' ? authors.join(', ') !== editing.base.authors : authors.length > 0)
      payload['authors'] = authors;
    if (isEditor) {
      payload['pinned'] = checked('pinned');
      payload['keyEvent'] = checked('keyEvent');
      // datetime-local is a wall-clock time, read in the desk's zone; the API takes an instant.
      if (!editing && value('publishAt') !== '')
        payload['publishAt'] = zonedInstant(value('publishAt'), timezone);
      // A draft keeps its publish time, or loses it when the field is emptied.
      if (editing?.kind === 'draft')
        payload['publishAt'] = value('publishAt') === '' ? null : zonedInstant(value('publishAt'), timezone);
    }
    return payload;
  }

  async function save(): Promise<void> {
    const payload = payloadOf();
    submitButton.disabled = true;
    try {
      if (photoList) payload['photos'] = await photoList.payload();
      if (editing?.kind === 'update') {
        const correctionNote = value('correctionNote').trim();
        if (correctionNote !== '') payload['correctionNote'] = correctionNote;
        await api('PATCH', `/updates/${editing.id}`, { ...payload, version: editing.version });
        sayDone('Saved.');
      } else if (editing?.kind === 'submission') {
        await api('PATCH', `/updates/${editing.id}`, payload);
        sayDone('Saved; it still waits for an editor.');
        void refreshQueue?.();
      } else if (editing?.kind === 'draft') {
        // Saved first (from the save it was loaded from), so what is published is what the form shows.
        const saved = await api<{ savedAt: string | null }>('PATCH', `/updates/${editing.id}`, {
          ...payload,
          savedAt: editing.savedAt,
        });
        // Publishes that save: one a colleague made in between is refused, not published unread.
        const posted = await api<{ status: string }>('POST', `/updates/${editing.id}/publish`, {
          ...(saved.savedAt !== null && { savedAt: saved.savedAt }),
        });
        sayDone(posted.status === 'scheduled' ? 'Scheduled.' : 'Published.');
        void refreshQueue?.();
      } else if (editing?.kind === 'approve') {
        await api('POST', `/updates/${editing.id}/approve`, payload);
        sayDone('Approved with your changes and published.');
        void refreshQueue?.();
      } else {
        const created = await api<{ status: string }>('POST', `/stories/${storyId}/updates`, payload);
        const said: Record<string, string> = {
          pending: 'Submitted; an editor will review it.',
          scheduled: 'Scheduled.',
        };
        sayDone(said[created.status] ?? 'Published.');
        // A submission or scheduled update joins the queue below (no reload; the form stays put).
        if (created.status !== 'published') void refreshQueue?.();
      }
      resetCompose();
    } catch (error) {
      const p = error as Problem;
      if (p.status === 409 && p.current && (editing?.kind === 'update' || editing?.kind === 'draft'))
        showConflict(p.current);
      else say(compose, problemText(error), true);
    } finally {
      submitButton.disabled = false;
    }
  }

  /**
   * Someone else saved first: merge field by field against the version this edit started from (see
   * merge-view.ts). Saving makes the stored version the base, so a further colleague's save merges again.
   * A draft merges the same way and is saved again as a draft (not published), to publish when ready.
   */
  function showConflict(current: Record<string, unknown>): void {
    if (editing?.kind !== 'update' && editing?.kind !== 'draft') return;
    const kind = editing.kind;
    conflictBox.hidden = false;
    const heading =
      kind === 'draft'
        ? `${String(current['savedBy'] ?? 'Someone else')} saved this draft while you were editing (at ${formatClock(String(current['savedAt']), timezone)}).`
        : `Someone else saved this update while you were editing (now version ${String(current['version'])}).`;
    const form = mergeView({
      heading,
      fields: MERGE_FIELDS,
      labels: FIELD_LABELS,
      base: editing.base,
      mine: formValues(),
      theirs: fieldValuesOf(current),
      shown: shownValue,
      onSave: (merged) => {
        fill(current, kind);
        applyValues(merged);
        conflictBox.hidden = true;
        void (kind === 'draft' ? saveDraft() : save());
      },
      onTakeTheirs: () => {
        fill(current, kind);
        conflictBox.hidden = true;
      },
    });
    conflictBox.replaceChildren(form);
    conflictBox.scrollIntoView({ block: 'nearest' });
  }

  /** A field's value as the editor reads it (the claim status's label, yes/no, or "(empty)"). */
  function shownValue(field: MergeField, v: string | boolean): string {
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (field === 'photos' && typeof v === 'string') return photosSummary(v);
    if (field === 'claimStatus') {
      const select = compose.elements.namedItem('claimStatus') as HTMLSelectElement;
      return [...select.options].find((o) => o.value === v)?.textContent ?? v;
    }
    return v === '' ? '(empty)' : v;
  }

  const EDITING_TEXT: Record<Editing['kind'], string> = {
    draft: 'Editing a draft: Save draft keeps it unpublished; Publish publishes it.',
    update: 'Editing an update.',
    submission: 'Changing a waiting update; it is not published by saving.',
    approve: 'Reviewing a submission: approving publishes it with your changes.',
  };
  const EDITING_TITLE: Record<Editing['kind'], string> = {
    draft: 'Editing a draft',
    update: 'Editing an update',
    submission: 'Changing a waiting update',
    approve: 'Reviewing a submission',
  };
  const EDITING_BUTTON: Record<Editing['kind'], string> = {
    draft: 'Publish',
    update: 'Save changes',
    submission: 'Save',
    approve: 'Approve with changes',
  };

  function applyValues(values: FieldValues): void {
    for (const field of MERGE_FIELDS) setValue(field, values[field]);
    photoList?.render();
  }

  /** Loads `update` into the form; `base` is what a merge compares against (the stored version). */
  function fill(update: Record<string, unknown>, kind: Editing['kind'] = 'update', base = update): void {
    const id = String(update['id']);
    editing =
      kind === 'update'
        ? { kind, id, version: Number(base['version']), base: fieldValuesOf(base) }
        : kind === 'draft'
          ? { kind, id, savedAt: String(base['savedAt']), base: fieldValuesOf(base) }
          : kind === 'submission'
            ? { kind, id }
            : { kind, id, author: String(update['author'] ?? '') };
    // A draft's publish time is shown in the desk's clock, as the field is read.
    const publishAt = update['publishAt'];
    setValue(
      'publishAt',
      kind === 'draft' && typeof publishAt === 'string' ? zonedLocal(publishAt, timezone) : '',
    );
    if (editingText) editingText.textContent = EDITING_TEXT[kind];
    showDraftActions(kind === 'draft');
    applyValues(fieldValuesOf(update));
    // A note about a correction belongs to published updates only, and to this one edit.
    setValue('correctionNote', '');
    if (correctionField) correctionField.hidden = kind !== 'update';
    editingNote.hidden = false;
    submitButton.textContent = EDITING_BUTTON[kind];
    title.textContent = EDITING_TITLE[kind];
    if (shortcut) shortcut.textContent = `Ctrl+Enter: ${EDITING_BUTTON[kind].toLowerCase()}`;
    bodyField.dispatchEvent(new Event('input'));
    bodyField.focus();
  }

  compose.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });

  /** Holds the form as a draft (new, or the draft being edited), and keeps editing it. */
  async function saveDraft(): Promise<void> {
    if (editing !== null && editing.kind !== 'draft') return;
    if (!compose.reportValidity()) return;
    const payload = payloadOf();
    if (saveDraftButton) saveDraftButton.disabled = true;
    try {
      if (photoList) payload['photos'] = await photoList.payload();
      if (editing?.kind === 'draft') {
        const saved = await api('PATCH', `/updates/${editing.id}`, { ...payload, savedAt: editing.savedAt });
        // This save is now the one a further save must be made from.
        if (editing?.kind === 'draft')
          editing = { ...editing, savedAt: String(saved['savedAt']), base: fieldValuesOf(saved) };
      } else {
        const draft = await api('POST', `/stories/${storyId}/updates`, { ...payload, status: 'draft' });
        fill(draft, 'draft');
      }
      sayDone('Draft saved; it is not published.');
      void refreshDrafts?.();
    } catch (error) {
      const p = error as Problem;
      if (p.status === 409 && p.current && editing?.kind === 'draft') showConflict(p.current);
      else say(compose, problemText(error), true);
    } finally {
      if (saveDraftButton) saveDraftButton.disabled = false;
    }
  }
  saveDraftButton?.addEventListener('click', () => void saveDraft());

  /**
   * The whole reader page with this update at the top, in a new tab: the form posts the update (as the
   * API takes it) with the CSRF token; nothing is stored. A photo not yet saved is not in it.
   */
  previewButton?.addEventListener('click', () => {
    if (!compose.reportValidity()) return;
    const form = document.createElement('form');
    form.method = 'post';
    form.action = `/newsroom/stories/${storyId}/preview`;
    form.target = '_blank';
    form.hidden = true;
    const fields: Record<string, string> = {
      _csrf: document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '',
      payload: JSON.stringify({ ...payloadOf(), publishAt: undefined }),
    };
    if (editing?.kind === 'draft') fields['draftId'] = editing.id;
    for (const [name, v] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = v;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
    form.remove();
  });
  root.querySelector('[data-cancel-edit]')?.addEventListener('click', resetCompose);

  // Edit and delete controls on each update in the stream.
  function addControls(article: HTMLElement): void {
    if (!isEditor || article.querySelector('.nr-controls')) return;
    const bar = document.createElement('p');
    bar.className = 'nr-controls';
    for (const [action, label] of [
      ['edit', 'Edit'],
      ['history', 'History'],
      ['delete', 'Delete'],
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['action'] = action;
      button.textContent = label;
      bar.append(button, ' ');
    }
    article.append(bar);
  }
  stream.querySelectorAll<HTMLElement>('article[data-update-id]').forEach(addControls);
  // Older pages and find results get their controls as they arrive.
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof HTMLElement && node.matches('article[data-update-id]')) addControls(node);
  }).observe(stream, { childList: true });
  startStreamPages(root, stream);

  stream.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const article = button?.closest<HTMLElement>('article[data-update-id]');
    if (!button || !article) return;
    const id = article.dataset['updateId'] ?? '';
    if (button.dataset['action'] === 'edit') {
      fill(await api('GET', `/updates/${id}`));
      compose.scrollIntoView({ block: 'start' });
    } else if (button.dataset['action'] === 'history') {
      await showHistory(article, id);
    } else if (confirm('Delete this update? It disappears from every reader’s page.')) {
      try {
        await api('DELETE', `/updates/${id}`);
        article.remove();
      } catch (error) {
        alert(problemText(error));
      }
    }
  });

  /**
   * Every revision of an update: what changed (the body as a word diff), and a button that loads the
   * update as it was then into the form, to save as a new revision (with the usual conflict check).
   */
  async function showHistory(article: HTMLElement, id: string): Promise<void> {
    article.querySelector('.nr-history')?.remove();
    const [{ items }, current] = await Promise.all([
      api<{ items: Revision[] }>('GET', `/updates/${id}/revisions`),
      api<Record<string, unknown>>('GET', `/updates/${id}`),
    ]);
    const panel = document.createElement('div');
    panel.className = 'nr-history';
    const list = document.createElement('ol');
    const state: Record<string, unknown> = {};
    for (const revision of items) {
      for (const [field, change] of Object.entries(revision.changes)) state[field] = change.to;
      const snapshot = { ...state };
      const item = document.createElement('li');
      const head = document.createElement('p');
      head.textContent = `Version ${revision.version}: ${revision.kind} by ${revision.actor}, ${formatDateTime(revision.at, timezone)}`;
      item.append(head);
      for (const [field, change] of Object.entries(revision.changes)) {
        if (field === 'bodyHtml' || revision.kind === 'create') continue;
        const line = document.createElement('p');
        line.className = 'nr-change';
        const name = document.createElement('strong');
        name.textContent = `${field}: `;
        line.append(name);
        if (typeof change.from === 'string' && typeof change.to === 'string') {
          for (const part of diffWords(change.from, change.to)) {
            const span = document.createElement(part.added ? 'ins' : part.removed ? 'del' : 'span');
            span.textContent = part.value;
            line.append(span);
          }
        } else {
          line.append(`${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`);
        }
        item.append(line);
      }
      if (revision.kind !== 'delete' && revision.version !== current['version']) {
        const restore = document.createElement('button');
        restore.type = 'button';
        restore.textContent = `Restore version ${revision.version}`;
        restore.addEventListener('click', () => {
          fill({ ...current, ...snapshot, id }, 'update', current);
          say(compose, `Version ${revision.version} loaded; save to restore it.`);
          compose.scrollIntoView({ block: 'start' });
        });
        item.append(restore);
      }
      list.append(item);
    }
    panel.append(list);
    article.append(panel);
  }

  // Submissions queue: kept fresh while open; its edit buttons load a submission into the form.
  const queueWrap = root.querySelector<HTMLElement>('.nr-queue-wrap');
  const loadInto = async (id: string, kind: Editing['kind']) => {
    fill(await api('GET', `/updates/${id}`), kind);
    compose.scrollIntoView({ block: 'start' });
  };
  refreshQueue = queueWrap
    ? startQueue(queueWrap, {
        review: (id) => loadInto(id, 'approve'),
        edit: (id) => loadInto(id, 'submission'),
        drafts: () => void refreshDrafts?.(),
      })
    : null;

  // Held drafts (editors only): kept fresh by the queue's stream; Edit loads one into the form.
  const draftsWrap = root.querySelector<HTMLElement>('.nr-drafts-wrap');
  const refreshDrafts = draftsWrap
    ? startDrafts(draftsWrap, {
        edit: async (id) => {
          fill(await api('GET', `/updates/${id}`), 'draft');
          compose.scrollIntoView({ block: 'start' });
        },
        published: () => void refreshQueue?.(),
        deleted: (id) => {
          if (editing?.kind === 'draft' && editing.id === id) resetCompose();
        },
      })
    : null;

  startStoryHeader(root, storyId);

  // The reader's update page links here with ?edit=ID: load that update, however old, into the form.
  const wanted = new URLSearchParams(location.search).get('edit');
  if (wanted !== null && isEditor)
    loadInto(wanted, 'update').catch((error: unknown) => say(compose, problemText(error), true));

  // Colleagues' updates, edits and deletions arrive live, as on the reader page.
  const since = root.dataset['lastEventSeq'] ?? '0';
  const source = new EventSource(`/api/v1/stories/${storyId}/live?since=${since}`);
  const place = (html: string): HTMLElement | null => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content.querySelector<HTMLElement>('article');
  };
  source.addEventListener('update', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { id: string; html: string };
    if (stream.querySelector(`[data-update-id="${CSS.escape(data.id)}"]`)) return;
    const article = place(data.html);
    if (!article) return;
    addControls(article);
    stream.prepend(article);
  });
  source.addEventListener('edit', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { id: string; html: string };
    const existing = stream.querySelector(`[data-update-id="${CSS.escape(data.id)}"]`);
    const article = place(data.html);
    if (!existing || !article) return;
    // The suggestions panel beside it keeps its state (open, a correction form, a status line).
    const panel = existing.querySelector(':scope > .nr-enrich');
    if (panel) article.append(panel);
    addControls(article);
    existing.replaceWith(article);
  });
  source.addEventListener('story', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { headline?: string };
    if (typeof data.headline === 'string') showHeadline(root, data.headline);
  });
  source.addEventListener('delete', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { id: string };
    stream.querySelector(`[data-update-id="${CSS.escape(data.id)}"]`)?.remove();
  });
}
