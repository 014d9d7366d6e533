/**
 * The share button of each update on reader pages: the system share sheet where the browser has one,
 * otherwise "Copy link", which copies the update's permalink and says so beside the button. One listener
 * on the document, so updates that arrive live or are loaded later work too.
 */

const CONFIRMATION_MS = 4000;

/** The update's permalink, absolute: the href of its time link. */
function permalinkOf(article: Element): string | null {
  const link = article.querySelector<HTMLAnchorElement>('a.update-time');
  return link ? link.href : null;
}

function titleOf(article: Element): string {
  const headline = article.querySelector('.update-title')?.textContent?.trim();
  return headline || document.title;
}

const timers = new WeakMap<Element, number>();

/** Shows `message` in the update's status line (a polite live region) for a few seconds. */
function confirm(status: HTMLElement, message: string | Node): void {
  status.replaceChildren(message);
  window.clearTimeout(timers.get(status));
  if (typeof message === 'string')
    timers.set(
      status,
      window.setTimeout(() => status.replaceChildren(), CONFIRMATION_MS),
    );
}

/** Where the clipboard is out of reach (an insecure page, a refused permission): the link, selected. */
function showLinkToCopy(status: HTMLElement, url: string): void {
  const input = document.createElement('input');
  input.type = 'text';
  input.readOnly = true;
  input.value = url;
  input.className = 'update-share-url';
  input.setAttribute('aria-label', 'Link to this update');
  confirm(status, input);
  input.select();
  input.focus();
}

async function copy(status: HTMLElement, url: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    confirm(status, 'Link copied');
  } catch {
    showLinkToCopy(status, url);
  }
}

async function share(article: Element, status: HTMLElement): Promise<void> {
  const url = permalinkOf(article);
  if (url === null) return;
  if (typeof navigator.share !== 'function') return copy(status, url);
  try {
    await navigator.share({ title: titleOf(article), url });
  } catch (error) {
    // The reader closing the sheet is not a failure; anything else (not allowed here) falls back to copying.
    if (error instanceof DOMException && error.name === 'AbortError') return;
    await copy(status, url);
  }
}

/** Shows the share buttons and starts listening for clicks on them. */
export function startShareButtons(): void {
  const root = document.documentElement;
  root.classList.add('can-share');
  if (typeof navigator.share === 'function') root.classList.add('can-share-native');
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-share]');
    const article = button?.closest('article');
    const status = button?.parentElement?.querySelector<HTMLElement>('.update-share-status');
    if (!article || !status) return;
    void share(article, status);
  });
}
