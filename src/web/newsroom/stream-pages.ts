/**
 * Reaching any update of a long story from the editor: "Load older updates" under the stream and a
 * find box over it (headline or body contains the words). Both fetch pages of server-rendered
 * articles, so edit controls and suggestions attach to them as to the rest of the stream.
 */
import { problemText } from './api.ts';

interface StreamPage {
  html: string;
  nextCursor: string | null;
}

/** Wires the find box and the older-updates button of the editor `root`. */
export function startStreamPages(root: HTMLElement, stream: HTMLElement): void {
  const storyId = root.dataset['storyId'] ?? '';
  const find = root.querySelector<HTMLFormElement>('form[data-find]');
  const clear = root.querySelector<HTMLButtonElement>('[data-find-clear]');
  const older = root.querySelector<HTMLButtonElement>('button[data-older]');
  const status = root.querySelector<HTMLElement>('.nr-stream-status');
  if (!find || !clear || !older || !status) return;
  const total = Number(status.dataset['updateCount'] ?? '0');
  let query = '';
  let cursor = older.dataset['cursor'] ?? '';

  const fetchPage = async (after: string): Promise<StreamPage> => {
    const params = new URLSearchParams();
    if (after !== '') params.set('cursor', after);
    if (query !== '') params.set('q', query);
    const response = await fetch(`/newsroom/stories/${encodeURIComponent(storyId)}/updates?${params}`, {
      credentials: 'same-origin',
    });
    const json = (await response.json().catch(() => ({}))) as StreamPage & { detail?: string };
    if (!response.ok) throw json;
    return json;
  };

  /** Shows `page`, after what is shown (`append`) or instead of it. */
  const show = (page: StreamPage, append: boolean): void => {
    const template = document.createElement('template');
    template.innerHTML = page.html;
    const articles = [...template.content.querySelectorAll<HTMLElement>('article[data-update-id]')];
    if (!append) stream.replaceChildren();
    for (const article of articles) {
      const id = article.dataset['updateId'] ?? '';
      // An update published meanwhile shifts the pages; never show one twice.
      if (!stream.querySelector(`article[data-update-id="${CSS.escape(id)}"]`)) stream.append(article);
    }
    cursor = page.nextCursor ?? '';
    older.hidden = cursor === '';
    older.textContent = query === '' ? 'Load older updates' : 'Load more matches';
    const shown = stream.querySelectorAll('article[data-update-id]').length;
    status.classList.remove('nr-bad');
    status.textContent =
      query !== ''
        ? `${shown}${cursor === '' ? '' : '+'} ${shown === 1 ? 'update contains' : 'updates contain'} “${query}”.`
        : cursor === ''
          ? shown === 1
            ? 'The only update is shown.'
            : `All ${shown} updates are shown.`
          : `${Math.max(total, shown)} updates; the newest ${shown} are shown.`;
  };

  const load = async (append: boolean, button: HTMLButtonElement): Promise<void> => {
    button.disabled = true;
    try {
      show(await fetchPage(append ? cursor : ''), append);
    } catch (error) {
      status.textContent = problemText(error);
      status.classList.add('nr-bad');
    } finally {
      button.disabled = false;
    }
  };

  older.addEventListener('click', () => void load(true, older));
  find.addEventListener('submit', (event) => {
    event.preventDefault();
    query = (find.elements.namedItem('q') as HTMLInputElement).value.trim();
    clear.hidden = query === '';
    void load(false, find.querySelector('button[type="submit"]') ?? older);
  });
  clear.addEventListener('click', () => {
    find.reset();
    query = '';
    clear.hidden = true;
    void load(false, clear);
  });
}
