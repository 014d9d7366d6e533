/**
 * The submissions queue while the editor is open: re-fetched when its stream (`…/queue/live`, the
 * newsroom's private events from every node) says it changed, and when that stream (re)connects, so new
 * submissions and decisions appear without a reload or polling; and its buttons: approve, edit &
 * approve, reject with a reason, edit or withdraw one's own.
 *
 * Not the story's live stream: submissions are not public, and that stream is.
 */
import { api, problemText } from './api.ts';

/** What the queue asks of the compose form. */
export interface QueueHooks {
  /** Load submission `id` into the compose form to approve it with changes. */
  review(id: string): Promise<void>;
  /** Load one's own submission (or a scheduled update) into the compose form to change it. */
  edit(id: string): Promise<void>;
  /** The stream said the held drafts changed (editors only), or (re)connected: refresh them. */
  drafts?(): void;
}

/** Starts the queue in `wrap` (the element with `data-queue-url`); returns a function that refreshes it now. */
export function startQueue(wrap: HTMLElement, hooks: QueueHooks): () => Promise<void> {
  const url = wrap.dataset['queueUrl'] ?? '';
  let last = '';
  let running: Promise<void> | null = null;

  /** An item the user is working in (an open reject form, a focused field) is left alone. */
  const busy = (item: Element) =>
    item.querySelector('.nr-reject-form:not([hidden])') !== null || item.contains(document.activeElement);

  /** Brings `current` (a list in the page) in line with `next` (from the fragment), item by item. */
  function merge(current: HTMLElement, next: HTMLElement): void {
    const existing = new Map(
      [...current.querySelectorAll<HTMLElement>(':scope > li[data-submission-id]')].map((li) => [
        li.dataset['submissionId'],
        li,
      ]),
    );
    const wanted = [...next.querySelectorAll<HTMLElement>(':scope > li[data-submission-id]')].map((li) => {
      const old = existing.get(li.dataset['submissionId']);
      return old && (old.dataset['sig'] === li.dataset['sig'] || busy(old)) ? old : li;
    });
    const now = [...current.children];
    if (now.length !== wanted.length || now.some((child, i) => child !== wanted[i]))
      current.replaceChildren(...wanted);
  }

  async function refresh(): Promise<void> {
    const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
    if (!response?.ok) return;
    const html = await response.text();
    if (html === last) return;
    last = html;
    const next = document.createElement('div');
    next.innerHTML = html; // server-rendered, escaped, author HTML sanitised: as trusted as the page
    const lists = ['.nr-queue:not(.nr-decided)', '.nr-decided'];
    const structureChanged = lists.some(
      (sel) => (wrap.querySelector(sel) === null) !== (next.querySelector(sel) === null),
    );
    if (structureChanged && ![...wrap.querySelectorAll('li')].some(busy)) {
      wrap.replaceChildren(...next.childNodes);
      return;
    }
    for (const sel of lists) {
      const mine = wrap.querySelector<HTMLElement>(sel);
      const theirs = next.querySelector<HTMLElement>(sel);
      if (mine && theirs) merge(mine, theirs);
    }
    const empty = wrap.querySelector<HTMLElement>('.nr-empty');
    if (empty) empty.hidden = (wrap.querySelector('.nr-queue:not(.nr-decided) > li') ?? null) !== null;
  }

  const refreshNow = () => (running ??= refresh().finally(() => (running = null)));
  // The browser reconnects by itself; what changed while it was away is fetched on each (re)open.
  const changes = new EventSource(`${url}/live`);
  changes.addEventListener('open', () => {
    void refreshNow();
    hooks.drafts?.();
  });
  changes.addEventListener('queue', () => void refreshNow());
  changes.addEventListener('drafts', () => hooks.drafts?.());
  window.addEventListener('pagehide', () => changes.close());

  wrap.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button');
    if (!button) return;
    const item = button.closest<HTMLElement>('li[data-submission-id]');
    const id = item?.dataset['submissionId'] ?? '';
    const d = button.dataset;
    try {
      if (d['approve'] !== undefined) {
        button.disabled = true;
        await api('POST', `/updates/${id}/approve`, {});
        item?.remove();
      } else if (d['review'] !== undefined) {
        await hooks.review(id);
      } else if (d['editSubmission'] !== undefined) {
        await hooks.edit(id);
      } else if (d['withdraw'] !== undefined) {
        if (!confirm('Withdraw this? It will not be published.')) return;
        await api('DELETE', `/updates/${id}`);
        item?.remove();
      } else if (d['reject'] !== undefined) {
        const form = item?.querySelector<HTMLFormElement>('.nr-reject-form');
        if (!form) return;
        form.hidden = !form.hidden;
        button.setAttribute('aria-expanded', String(!form.hidden));
        if (!form.hidden) form.querySelector('textarea')?.focus();
      } else if (d['cancelReject'] !== undefined) {
        const form = item?.querySelector<HTMLFormElement>('.nr-reject-form');
        if (form) form.hidden = true;
      } else {
        return;
      }
      await refreshNow();
    } catch (error) {
      button.disabled = false;
      alert(problemText(error));
    }
  });

  wrap.addEventListener('submit', async (event) => {
    const form = (event.target as Element).closest<HTMLFormElement>('.nr-reject-form');
    if (!form) return;
    event.preventDefault();
    const id = form.dataset['rejectForm'] ?? '';
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    if (reason === '') return;
    try {
      await api('POST', `/updates/${id}/reject`, { reason });
      form.closest('li')?.remove();
      await refreshNow();
    } catch (error) {
      alert(problemText(error));
    }
  });

  return refreshNow;
}
