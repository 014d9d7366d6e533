/**
 * Live client of the framed widget (/embed/…): keeps the newest N updates of one story live over the
 * story's SSE stream, and tells the embedding page its height. Same origin as the stream, so no CORS
 * and no cookies are involved.
 */
import type { LiveUpdateFrame as UpdateData } from '../shared/wire.ts';

const root = document.querySelector<HTMLElement>('[data-embed-story]');
const MAX_BACKOFF_MS = 30_000;

function elementFromHtml(html: string): HTMLElement | null {
  // From our own server, rendered by the page's component and already sanitised.
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  const el = template.content.firstElementChild;
  return el instanceof HTMLElement ? el : null;
}

function reportHeight(): void {
  const frame = new URLSearchParams(window.location.search).get('frame');
  if (frame === null || window.parent === window) return;
  window.parent.postMessage(
    { type: 'dateline:height', frame, height: document.documentElement.scrollHeight },
    '*',
  );
}

function start(el: HTMLElement): void {
  const storyId = el.dataset['embedStory'] ?? '';
  const limit = Number(el.dataset['limit'] ?? '5');
  const list = el.querySelector<HTMLElement>('[data-embed-list]');
  const status = el.querySelector<HTMLElement>('[data-embed-status]');
  if (!list) return;
  let lastId: string | null = null;
  let since = el.dataset['lastEventSeq'] ?? '0';
  let attempt = 0;

  const place = (article: HTMLElement): void => {
    const sequence = Number(article.dataset['sequence']);
    document.getElementById(article.id)?.remove();
    const after = [...list.children].find(
      (child) => Number((child as HTMLElement).dataset['sequence']) < sequence,
    );
    if (after) after.before(article);
    else list.append(article);
    while (list.children.length > limit) list.lastElementChild?.remove();
  };

  const handlers: Record<string, (data: Record<string, unknown>) => void> = {
    update: (data) => {
      const article = elementFromHtml(String((data as unknown as UpdateData).html));
      if (article) place(article);
    },
    edit: (data) => {
      const current = document.getElementById(`update-${String(data['id'])}`);
      const article = elementFromHtml(String(data['html']));
      if (current && article) current.replaceWith(article);
    },
    delete: (data) => document.getElementById(`update-${String(data['id'])}`)?.remove(),
    story: (data) => {
      if (status && data['status'] === 'ended') status.textContent = 'This page is no longer being updated';
    },
    // Too far behind to replay (the server sends this instead of the history): a fresh widget is current.
    reload: () => window.location.reload(),
  };

  const connect = (): void => {
    const url = `/api/v1/stories/${encodeURIComponent(storyId)}/live?since=${encodeURIComponent(lastId ?? since)}`;
    const source = new EventSource(url);
    source.onopen = () => {
      attempt = 0;
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++);
      window.setTimeout(connect, ceiling / 2 + (Math.random() * ceiling) / 2);
    };
    for (const [type, handle] of Object.entries(handlers)) {
      source.addEventListener(type, (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId !== '') lastId = since = message.lastEventId;
        try {
          const data: unknown = JSON.parse(message.data);
          if (data !== null && typeof data === 'object') handle(data as Record<string, unknown>);
        } catch {
          return;
        }
        reportHeight();
      });
    }
  };
  connect();
}

if (root) start(root);
reportHeight();
window.addEventListener('resize', reportHeight);
