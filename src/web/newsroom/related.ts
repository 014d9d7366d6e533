/**
 * Related coverage in the composer: while an editor writes an update, earlier stories and updates that
 * share its people, places, organisations and terms are suggested (POST /api/v1/related, which runs
 * the enrichment pipeline on the unsaved text), each with a button that inserts a cross-link
 * ("See Iran Daily, 24 May: …") into the Markdown body as a paragraph of its own. The reader page
 * renders it as a styled cross-link (render/markdown.ts). Everything is reachable from the keyboard:
 * the suggestions are a list of links and buttons after the body field, announced politely.
 */

/** One suggestion as the API returns it. */
interface Suggestion {
  kind: 'update' | 'story';
  id: string;
  url: string;
  label: string;
  /** Escaped by the server (store/sql/search-text.ts snippetHtml): text and <mark> only. */
  snippetHtml: string;
  at: string;
  markdown: string;
  shared: string[];
}

// Wait this long after the last keystroke before asking: a request per pause, not per key.
const DEBOUNCE_MS = 600;
// Fewer characters than this say too little to find anything related.
const MIN_CHARS = 12;
const SUGGESTIONS = 5;

/** Mounts the suggestions on an editor page's `[data-related]` element, for editors only. */
export function mountRelatedCoverage(root: HTMLElement | null): void {
  if (!root) return;
  const box = root.querySelector<HTMLElement>('[data-related]');
  const form = root.querySelector<HTMLFormElement>('#compose-form');
  if (!box || !form || root.dataset['role'] === 'contributor') return;
  const body = form.elements.namedItem('body') as HTMLTextAreaElement | null;
  const headline = form.elements.namedItem('headline') as HTMLInputElement | null;
  if (!body) return;
  startSuggesting(root, box, form, body, headline);
}

function startSuggesting(
  root: HTMLElement,
  box: HTMLElement,
  form: HTMLFormElement,
  body: HTMLTextAreaElement,
  headline: HTMLInputElement | null,
): void {
  const storyId = root.dataset['storyId'] ?? '';
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

  box.replaceChildren();
  const title = document.createElement('h3');
  title.id = 'related-title';
  title.textContent = 'Related coverage';
  const status = document.createElement('p');
  status.className = 'nr-related-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const list = document.createElement('ul');
  list.className = 'nr-related-list';
  box.setAttribute('aria-labelledby', title.id);
  box.append(title, status, list);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = '';
  let inFlight: AbortController | undefined;

  const draft = () => [headline?.value ?? '', body.value].filter((t) => t.trim() !== '').join('\n\n');

  function clear(): void {
    clearTimeout(timer);
    inFlight?.abort();
    asked = '';
    list.replaceChildren();
    status.textContent = '';
    box.hidden = true;
  }

  function insert(suggestion: Suggestion): void {
    // A paragraph of its own, so the reader page shows it as a cross-link card.
    const before = body.value.replace(/\s+$/, '');
    body.value = `${before}${before === '' ? '' : '\n\n'}${suggestion.markdown}`;
    body.focus();
    body.setSelectionRange(body.value.length, body.value.length);
    // The editor's preview and these suggestions listen for input.
    body.dispatchEvent(new Event('input', { bubbles: true }));
    status.textContent = `Cross-link inserted: ${suggestion.label}`;
  }

  function render(items: Suggestion[]): void {
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        li.className = 'nr-related-item';
        const link = document.createElement('a');
        link.href = item.url;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = item.label;
        const snippet = document.createElement('p');
        snippet.className = 'nr-related-snippet';
        snippet.innerHTML = item.snippetHtml;
        li.append(link, snippet);
        if (item.shared.length > 0) {
          const shared = document.createElement('p');
          shared.className = 'nr-related-shared';
          shared.textContent = `Also names ${item.shared.join(', ')}`;
          li.append(shared);
        }
        const button = document.createElement('button');
        button.type = 'button';
        const inserted = body.value.includes(`](${item.url})`);
        button.textContent = inserted ? 'Inserted' : 'Insert cross-link';
        button.disabled = inserted;
        button.setAttribute('aria-label', `${button.textContent}: ${item.label}`);
        button.addEventListener('click', () => insert(item));
        li.append(button);
        return li;
      }),
    );
    box.hidden = items.length === 0;
    status.textContent =
      items.length === 0
        ? ''
        : `${items.length} related ${items.length === 1 ? 'suggestion' : 'suggestions'} from earlier coverage`;
  }

  async function ask(): Promise<void> {
    const text = draft();
    if (text.trim().length < MIN_CHARS) return clear();
    if (text === asked) return;
    asked = text;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const response = await fetch('/api/v1/related', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ text: text.slice(0, 20_000), storyId, limit: SUGGESTIONS }),
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`related coverage: ${response.status}`);
      const { items } = (await response.json()) as { items: Suggestion[] };
      if (controller.signal.aborted) return;
      render(items);
    } catch (error) {
      if (controller.signal.aborted) return;
      // Suggestions are a help, not the task: say so quietly and let the editor carry on.
      asked = '';
      status.textContent = 'Related coverage is unavailable just now.';
      box.hidden = false;
      console.warn(error);
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void ask(), DEBOUNCE_MS);
  };
  body.addEventListener('input', schedule);
  headline?.addEventListener('input', schedule);
  // After publishing the composer is reset: the suggestions were for the text just published.
  form.addEventListener('reset', clear);
  clear();
}
