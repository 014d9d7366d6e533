/**
 * The update composer's reused-wording hint. While an editor pastes or types a readout into the body,
 * the library is asked (POST /api/v1/statements/similar) which official statements share its wording;
 * each is announced as "This reuses the wording of <title, issuer, date> (0.72)" with a comparison of
 * the draft against it, and a box to cite it in the update (`statementIds`). Mounted by newsroom.ts on
 * the compose form, into its `[data-statement-hints]` element.
 */
import { formatDate } from '../../domain/time-format.ts';

/** The newsroom's API caller (newsroom.ts `api`). */
type Api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;

interface Hit {
  /** `text` is left out where an update lists what it cites. */
  statement: { id: string; title: string; issuer: string; publishedAt: string; text?: string };
  score: number;
}

// Fewer words than this are not a readout yet; 3-word shingles of a short phrase match too much.
const MIN_WORDS = 12;
// Containment: the share of the draft's three-word phrases found in the statement, so a readout pasted
// whole with a line of context still scores high against its source.
const QUERY = { metric: 'containment', threshold: 0.5, limit: 3 } as const;
// Typing pauses this long before the library is asked; with the query, well under a second.
const DEBOUNCE_MS = 250;

/**
 * Starts the hint on `form` (the compose form); does nothing if the page has no hint element. Dates
 * are the desk's (`timezone`), as everywhere in the newsroom.
 */
export function mountStatementHints(form: HTMLFormElement, api: Api, timezone: string): void {
  const box = form.querySelector<HTMLElement>('[data-statement-hints]');
  const body = form.elements.namedItem('body');
  if (!box || !(body instanceof HTMLTextAreaElement)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  let shown = '';

  const check = async () => {
    const text = body.value;
    const ticket = ++asked;
    let hits: Hit[] = [];
    if (text.trim().split(/\s+/).length >= MIN_WORDS) {
      try {
        hits = (await api<{ items: Hit[] }>('POST', '/statements/similar', { text, ...QUERY })).items;
      } catch {
        return; // a hint, not a condition: publishing works without it
      }
    }
    if (ticket !== asked) return; // a later check is under way
    const signature = hits.map((h) => `${h.statement.id}:${h.score.toFixed(2)}`).join(',');
    if (signature === shown) return; // unchanged: nothing new to announce
    shown = signature;
    render(box, hits, body, timezone);
  };

  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), DEBOUNCE_MS);
  });
  box.addEventListener('change', () => (box.dataset['touched'] = '1'));
  // Editing an update: show what it cites, ticked, so the editor can see and change it. Listens beside
  // newsroom.ts's own handler rather than inside it (which loads the update into the form).
  document.querySelector('.nr-stream')?.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action="edit"]');
    const id = button?.closest<HTMLElement>('article[data-update-id]')?.dataset['updateId'];
    if (!id) return;
    try {
      const update = await api<{ statements?: Hit['statement'][] }>('GET', `/updates/${id}`);
      const cited = update.statements ?? [];
      const ids = new Set(cited.map((statement) => statement.id));
      // Suggestions for the text already shown (by a check that finished first) stay, unticked.
      const others = [...box.querySelectorAll<HTMLElement>('.nr-hint')].filter(
        (node) => !ids.has(node.dataset['statementId'] ?? ''),
      );
      for (const node of others) node.querySelector<HTMLInputElement>('input[data-cite]')!.checked = false;
      delete box.dataset['touched'];
      box.replaceChildren(...cited.map((statement) => citedNode(statement, body, timezone)), ...others);
    } catch {
      /* the form still edits the text; citations stay as they are unless touched */
    }
  });
  form.addEventListener('reset', () => {
    clearTimeout(timer);
    asked++;
    shown = '';
    delete box.dataset['touched'];
    box.replaceChildren();
  });
}

/**
 * The statements the editor chose to cite, for the update's `statementIds`; undefined when they have
 * not touched the choice (an edit then keeps the update's citations as they are).
 */
export function citedStatementIds(form: HTMLFormElement): string[] | undefined {
  const box = form.querySelector<HTMLElement>('[data-statement-hints]');
  if (!box || box.dataset['touched'] !== '1') return undefined;
  return [...box.querySelectorAll<HTMLInputElement>('input[data-cite]:checked')].map((input) => input.value);
}

function render(box: HTMLElement, hits: Hit[], body: HTMLTextAreaElement, timezone: string): void {
  // Statements already ticked stay, even when the text no longer matches them.
  const kept = new Map(
    [...box.querySelectorAll<HTMLInputElement>('input[data-cite]:checked')].map((input) => [
      input.value,
      input.closest<HTMLElement>('.nr-hint')!,
    ]),
  );
  const nodes = hits.map((hit) => {
    const node = hintFor(hit, body, timezone);
    if (kept.has(hit.statement.id)) {
      node.querySelector<HTMLInputElement>('input[data-cite]')!.checked = true;
      kept.delete(hit.statement.id);
    }
    return node;
  });
  box.replaceChildren(...nodes, ...kept.values());
}

/** A statement the update already cites, ticked. */
function citedNode(statement: Hit['statement'], body: HTMLTextAreaElement, timezone: string): HTMLElement {
  const node = hintFor({ statement, score: 1 }, body, timezone);
  const line = node.querySelector('p')!;
  const link = line.querySelector('a')!;
  const compare = line.querySelector('button')!;
  line.replaceChildren('Cited: ', link, ' ', compare);
  node.querySelector<HTMLInputElement>('input[data-cite]')!.checked = true;
  return node;
}

function hintFor(hit: Hit, body: HTMLTextAreaElement, timezone: string): HTMLElement {
  const { statement } = hit;
  const title = statement.title !== '' ? statement.title : `${(statement.text ?? '').slice(0, 80)}…`;
  const node = document.createElement('div');
  node.className = 'nr-hint';
  node.dataset['statementId'] = statement.id;

  const line = document.createElement('p');
  const link = document.createElement('a');
  link.href = `/statements/${statement.id}`;
  link.target = '_blank';
  link.textContent = `${title}, ${statement.issuer}, ${formatDate(statement.publishedAt, timezone)}`;
  const compare = document.createElement('button');
  compare.type = 'button';
  compare.textContent = 'Compare with your draft';
  compare.addEventListener('click', () => compareDraft(statement.id, body.value));
  line.append('This reuses the wording of ', link, ` (${hit.score.toFixed(2)}). `, compare);

  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = statement.id;
  box.dataset['cite'] = '';
  label.append(box, ' Cite this statement in the update');
  node.append(line, label);
  return node;
}

/** Opens the comparison of the unsaved draft with a statement in a new tab (a form post: drafts are long). */
function compareDraft(id: string, text: string): void {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/newsroom/statements/compare-draft';
  form.target = '_blank';
  form.hidden = true;
  for (const [name, value] of [
    ['_csrf', csrf],
    ['id', id],
    ['text', text],
  ]) {
    const field = document.createElement('textarea');
    field.name = name!;
    field.value = value!;
    form.append(field);
  }
  document.body.append(form);
  form.submit();
  form.remove();
}
