/**
 * Browser client of reader pages (bundled by http/assets/build-assets.ts): keeps a story page or the front page's
 * LATEST rail live over Server-Sent Events, refreshes relative times, and loads older updates in place.
 * Pages are complete without it; every change here is an enhancement of server-rendered HTML. Map pages
 * load map-page.ts instead, which is this plus the map, so story pages do not carry the map's code.
 */
import { relativeTime } from '../../domain/relative-time.ts';
import { startVideoFacades } from './video-facade.ts';
import { startShareButtons } from './share.ts';
import { startGalleries } from './gallery.ts';
import type { LiveStoryFrame, LiveUpdateFrame } from '../shared/wire.ts';
import { openStream, type Handlers } from './event-stream.ts';

const RELATIVE_REFRESH_MS = 30_000;
const RAIL_MAX_ITEMS = 20;
// How far (px) the top of the updates may have scrolled above the viewport and still count as "at the top".
const AT_TOP_SLACK = 80;

type UpdateData = LiveUpdateFrame;
type StoryData = LiveStoryFrame;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

function refreshRelativeTimes(root: ParentNode): void {
  const now = Date.now();
  for (const el of root.querySelectorAll<HTMLElement>('[data-rel-time]')) {
    const then = Date.parse(el.dataset['relTime'] ?? '');
    if (!Number.isNaN(then)) el.textContent = relativeTime(then, now);
  }
}

// The HTML comes from our own server, rendered by the same component as the page and already sanitised.
function elementFromHtml(html: string): HTMLElement | null {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  const el = template.content.firstElementChild;
  return el instanceof HTMLElement ? el : null;
}

function firstWords(text: string, count: number): string {
  const words = text.trim().split(/\s+/);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

/** What a screen reader hears for an update: its headline, else its first words. */
function updateLabel(article: HTMLElement): string {
  const title = article.querySelector('.update-title')?.textContent?.trim();
  if (title) return title;
  return firstWords(article.querySelector('.update-body')?.textContent ?? '', 12);
}

function createAnnouncer(): (message: string) => void {
  const region = document.createElement('div');
  region.className = 'sr-only';
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('role', 'status');
  document.body.append(region);
  return (message) => {
    // Replacing the text node (not appending) keeps the region short; a screen reader reads each change.
    region.textContent = message;
  };
}

const RELOAD_KEY = 'dateline-reloaded-at';
const RELOAD_MIN_INTERVAL_MS = 60_000;

/**
 * The server's answer to a reader too far behind to replay: a fresh page is current (and cheaper for
 * the server than the history). At most once a minute, so a page served stale from a cache cannot
 * reload in a loop; otherwise the stream carries on live from the newest event.
 */
function reloadPage(): void {
  let last = 0;
  try {
    last = Number(window.sessionStorage.getItem(RELOAD_KEY) ?? 0);
    window.sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
  } catch {
    // Storage may be disabled; reloading without the guard is still right once.
  }
  if (Date.now() - last < RELOAD_MIN_INTERVAL_MS) return;
  window.location.reload();
}

function insertBySequence(container: Element, article: HTMLElement): void {
  const sequence = Number(article.dataset['sequence']);
  for (const child of container.children) {
    if (child instanceof HTMLElement && Number(child.dataset['sequence']) < sequence) {
      child.before(article);
      return;
    }
  }
  container.append(article);
}

function startStory(root: HTMLElement): void {
  const storyId = root.dataset['storyId'];
  const list = root.querySelector<HTMLElement>('[data-update-list]');
  const pinnedList = root.querySelector<HTMLElement>('[data-pinned-list]');
  const section = list?.closest('section') ?? list;
  if (storyId === undefined || !list || !pinnedList || !section) return;
  const announce = createAnnouncer();
  const olderPage = root.dataset['olderPage'] !== undefined;
  // "Key events only": other updates never show here, whether they arrive new or stop being key events.
  const keyOnly = root.dataset['keyOnly'] !== undefined;
  const keyEvents = root.querySelector<HTMLElement>('[data-key-events]');
  const pending = new Map<string, { article: HTMLElement; data: UpdateData }>();
  let baseTitle = document.title;

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button new-updates';
  button.hidden = true;
  // Fixed on screen, but placed before the updates so keyboard and screen-reader order make sense.
  pinnedList.before(button);

  const find = (id: string): HTMLElement | null => document.getElementById(`update-${id}`);

  const showCount = (): void => {
    const n = pending.size;
    button.hidden = n === 0;
    button.textContent = `${n} new update${n === 1 ? '' : 's'}`;
    document.title = n === 0 ? baseTitle : `(${n}) ${baseTitle}`;
  };

  const isAtTop = (): boolean => section.getBoundingClientRect().top > -AT_TOP_SLACK;

  const place = (article: HTMLElement, data: UpdateData, animate: boolean): void => {
    if (animate && !reducedMotion.matches) article.classList.add('is-new');
    refreshRelativeTimes(article);
    insertBySequence(data.pinned ? pinnedList : list, article);
    root.querySelector('[data-no-updates]')?.remove();
  };

  const syncKeyEvent = (data: UpdateData, article: HTMLElement | null): void => {
    if (!keyEvents) return;
    const ol = keyEvents.querySelector('ol');
    if (!ol) return;
    const existing = ol.querySelector(`li[data-update-id="${CSS.escape(data.id)}"]`);
    if (!data.keyEvent || !article) {
      existing?.remove();
    } else {
      const li = document.createElement('li');
      li.dataset['updateId'] = data.id;
      li.dataset['sequence'] = String(data.sequence);
      const link = document.createElement('a');
      const here = find(data.id) !== null || pending.has(data.id);
      link.href = here
        ? `#update-${data.id}`
        : (article.querySelector('a.update-time')?.getAttribute('href') ?? '#');
      const time = article.querySelector('time')?.cloneNode(true);
      if (time instanceof HTMLElement) {
        time.removeAttribute('title');
        link.append(time, ' ');
      }
      const label = document.createElement('span');
      label.textContent = updateLabel(article);
      link.append(label);
      li.append(link);
      if (existing) existing.replaceWith(li);
      else insertBySequence(ol, li);
    }
    keyEvents.hidden = ol.children.length === 0;
  };

  const reveal = (): void => {
    const items = [...pending.values()].sort((a, b) => a.data.sequence - b.data.sequence);
    pending.clear();
    for (const { article, data } of items) place(article, data, true);
    showCount();
    section.scrollIntoView({ behavior: reducedMotion.matches ? 'auto' : 'smooth', block: 'start' });
    const newest = items[items.length - 1]?.article;
    if (newest) {
      // Focus moves to the newest revealed update so keyboard and screen-reader users land on it.
      newest.tabIndex = -1;
      newest.focus({ preventScroll: true });
    }
  };
  button.addEventListener('click', reveal);

  const onUpdate = (raw: Record<string, unknown>): void => {
    const data = raw as unknown as UpdateData;
    const article = elementFromHtml(data.html);
    if (!article) return;
    const existing = find(data.id);
    if (existing || pending.has(data.id)) {
      onEdit(raw);
      return;
    }
    // A page of older updates only follows changes to what it shows.
    if (olderPage || (keyOnly && !data.keyEvent)) return;
    if (isAtTop()) {
      place(article, data, true);
    } else {
      pending.set(data.id, { article, data });
      showCount();
    }
    syncKeyEvent(data, article);
    announce(`New update: ${updateLabel(article)}`);
  };

  const onEdit = (raw: Record<string, unknown>): void => {
    const data = raw as unknown as UpdateData;
    const article = elementFromHtml(data.html);
    if (!article) return;
    refreshRelativeTimes(article);
    const waiting = pending.get(data.id);
    const existing = find(data.id);
    if (keyOnly && !data.keyEvent) {
      existing?.remove();
      if (pending.delete(data.id)) showCount();
    } else if (waiting) {
      waiting.article = article;
      waiting.data = data;
    } else if (existing) {
      const container = data.pinned ? pinnedList : list;
      if (existing.parentElement === container) {
        existing.replaceWith(article);
      } else {
        existing.remove();
        place(article, data, false);
      }
    } else if (data.pinned || keyOnly) {
      // Newly pinned, or newly a key event on the filtered page (which holds them all): it belongs here.
      place(article, data, false);
    }
    syncKeyEvent(data, article);
  };

  const onDelete = (raw: Record<string, unknown>): void => {
    const id = String(raw['id']);
    find(id)?.remove();
    if (pending.delete(id)) showCount();
    syncKeyEvent({ id, sequence: 0, pinned: false, keyEvent: false, html: '' }, null);
  };

  // A map layer of the desk changed: its cards are replaced where the server's page puts them.
  const onCards = (raw: Record<string, unknown>): void => {
    if (olderPage || keyOnly || !Array.isArray(raw['cards'])) return;
    for (const card of list.querySelectorAll('[data-layer-card]')) card.remove();
    for (const item of raw['cards'] as { html: string; before: string | null }[]) {
      const card = elementFromHtml(item.html);
      if (!card) continue;
      const next = item.before === null ? null : find(item.before);
      if (next && next.parentElement === list) next.before(card);
      else list.append(card);
    }
    announce('Map updated');
    root.querySelector('[data-no-updates]')?.remove();
  };

  const onStory = (raw: Record<string, unknown>): void => {
    const data = raw as unknown as StoryData;
    const headline = root.querySelector('[data-story-headline]');
    if (headline && headline.textContent !== data.headline) {
      baseTitle = baseTitle.replace(headline.textContent ?? '', data.headline);
      headline.textContent = data.headline;
      showCount();
    }
    const standfirst = root.querySelector<HTMLElement>('[data-story-standfirst]');
    if (standfirst) {
      standfirst.textContent = data.standfirst;
      standfirst.hidden = data.standfirst === '';
    }
    const body = root.querySelector<HTMLElement>('[data-story-body]');
    if (body) {
      body.innerHTML = data.bodyHtml;
      body.hidden = data.bodyHtml === '';
    }
    const status = root.querySelector<HTMLElement>('[data-story-status]');
    if (status) {
      const ended = data.status === 'ended';
      status.className = `story-status ${ended ? 'is-ended' : 'is-live'}`;
      status.textContent = ended ? 'This page is no longer being updated' : 'Live';
      if (!ended) {
        const dot = document.createElement('span');
        dot.className = 'live-dot';
        dot.setAttribute('aria-hidden', 'true');
        status.prepend(dot);
      }
    }
  };

  let since = root.dataset['lastEventSeq'] ?? '0';
  openStream(
    (lastId) => {
      if (lastId !== null) since = lastId;
      return `/api/v1/stories/${encodeURIComponent(storyId)}/live?since=${encodeURIComponent(since)}`;
    },
    { update: onUpdate, edit: onEdit, delete: onDelete, story: onStory, cards: onCards, reload: reloadPage },
  );
  enableLoadOlder(root, list, announce);
}

/** "Load older updates" fetches the next server-rendered page and appends its updates here. */
function enableLoadOlder(root: HTMLElement, list: HTMLElement, announce: (message: string) => void): void {
  root.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-load-older]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    link.setAttribute('aria-busy', 'true');
    const href = link.href;
    fetch(href, { headers: { accept: 'text/html' } })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then((html) => {
        const page = new DOMParser().parseFromString(html, 'text/html');
        const added: HTMLElement[] = [];
        for (const article of page.querySelectorAll<HTMLElement>('[data-update-list] > article')) {
          if (document.getElementById(article.id)) continue;
          const copy = document.importNode(article, true);
          list.append(copy);
          added.push(copy);
        }
        refreshRelativeTimes(list);
        const next = page.querySelector<HTMLAnchorElement>('a[data-load-older]');
        if (next) {
          link.href = next.href;
          link.removeAttribute('aria-busy');
        } else {
          link.closest('p')?.remove();
        }
        announce(`${added.length} older update${added.length === 1 ? '' : 's'} loaded`);
        const first = added[0];
        if (first) {
          first.tabIndex = -1;
          first.focus({ preventScroll: true });
        }
      })
      .catch(() => {
        // The link works without us; let the browser follow it.
        window.location.href = href;
      });
  });
}

function startRail(rail: HTMLElement): void {
  const find = (id: string): Element | null => rail.querySelector(`li[data-update-id="${CSS.escape(id)}"]`);
  const handlers: Handlers = {
    update(data) {
      const item = elementFromHtml(String(data['html']));
      if (!item) return;
      refreshRelativeTimes(item);
      const existing = find(String(data['id']));
      if (existing) existing.replaceWith(item);
      else rail.prepend(item);
      while (rail.children.length > RAIL_MAX_ITEMS) rail.lastElementChild?.remove();
      rail.parentElement?.querySelector('.rail-empty')?.remove();
    },
    edit(data) {
      const item = elementFromHtml(String(data['html']));
      const existing = find(String(data['id']));
      if (item && existing) {
        refreshRelativeTimes(item);
        existing.replaceWith(item);
      }
    },
    delete(data) {
      find(String(data['id']))?.remove();
    },
    reload: reloadPage,
  };
  // The page says which site event it was rendered at, so nothing published since is missed.
  let since = rail.dataset['lastEventId'] ?? '';
  openStream((lastId) => {
    if (lastId !== null) since = lastId;
    return since === '' ? '/api/v1/live' : `/api/v1/live?since=${encodeURIComponent(since)}`;
  }, handlers);
}

function start(): void {
  const story = document.querySelector<HTMLElement>('[data-story-id]');
  if (story && 'EventSource' in window) startStory(story);
  const rail = document.querySelector<HTMLElement>('[data-live-rail]');
  if (rail && 'EventSource' in window) startRail(rail);
  // Pages may come from a cache a little while after they were rendered.
  refreshRelativeTimes(document);
  window.setInterval(() => refreshRelativeTimes(document), RELATIVE_REFRESH_MS);
}

start();
startVideoFacades();
startShareButtons();
startGalleries();
