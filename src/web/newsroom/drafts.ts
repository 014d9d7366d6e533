/**
 * Held drafts in the editor: the list is re-fetched when the queue's stream says a draft changed (a
 * colleague saved, published or deleted one: the newsroom's private `draft` events, editors only) and
 * when that stream (re)connects; and its buttons: Edit (into the compose form), Publish, Delete.
 */
import { api, problemText } from './api.ts';

/** What the drafts list asks of the editor. */
export interface DraftHooks {
  /** Load draft `id` into the compose form. */
  edit(id: string): Promise<void>;
  /** A draft was published from the list (it may have joined the queue as a scheduled update). */
  published(id: string): void;
  /** A draft was deleted from the list (the form lets go of it if it was being edited). */
  deleted(id: string): void;
}

/** Starts the list in `wrap` (the element with `data-drafts-url`); returns a function that refreshes it. */
export function startDrafts(wrap: HTMLElement, hooks: DraftHooks): () => Promise<void> {
  const url = wrap.dataset['draftsUrl'] ?? '';
  let last = '';
  let running: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
    if (!response?.ok) return;
    const html = await response.text();
    if (html === last) return;
    last = html;
    const next = document.createElement('div');
    next.innerHTML = html; // server-rendered and escaped: as trusted as the page
    // Keep the button the editor is on, if that draft is still listed.
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('li[data-draft-id]');
    wrap.replaceChildren(...next.childNodes);
    if (focused) {
      const again = wrap.querySelector<HTMLElement>(
        `li[data-draft-id="${CSS.escape(focused.dataset['draftId'] ?? '')}"] button`,
      );
      again?.focus();
    }
  }

  const refreshNow = () => (running ??= refresh().finally(() => (running = null)));

  wrap.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button');
    const item = button?.closest<HTMLElement>('li[data-draft-id]');
    const id = item?.dataset['draftId'];
    if (!button || id === undefined) return;
    const d = button.dataset;
    try {
      if (d['editDraft'] !== undefined) {
        await hooks.edit(id);
        return;
      }
      if (d['publishDraft'] !== undefined) {
        if (!confirm('Publish this draft? It appears on every reader’s page.')) return;
        button.disabled = true;
        // The save this list shows: a colleague's later save is refused (409), not published unread.
        const savedAt = item?.dataset['savedAt'] ?? '';
        await api('POST', `/updates/${id}/publish`, savedAt === '' ? {} : { savedAt });
        hooks.published(id);
      } else if (d['deleteDraft'] !== undefined) {
        if (!confirm('Delete this draft? It was never published and cannot be brought back.')) return;
        button.disabled = true;
        await api('DELETE', `/updates/${id}`);
        hooks.deleted(id);
      } else {
        return;
      }
      await refreshNow();
    } catch (error) {
      button.disabled = false;
      alert(problemText(error));
      await refreshNow();
    }
  });

  return refreshNow;
}
