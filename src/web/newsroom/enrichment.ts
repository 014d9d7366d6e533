/**
 * Enrichment suggestions in the newsroom editor: beside each update, the people, organisations,
 * places, dates, event types and contacts extracted from it and the "new name?" hints, each with confirm,
 * reject or correct. Corrections go to the API, which keeps them for the whole deployment and
 * enriches the update again; suggestions for new and edited updates arrive live. Editors only (the
 * server enforces it; contributors never get the panel).
 */
import { EVENT_TYPES } from '../../enrich/events/taxonomy.ts';
import type {
  NameCandidate,
  PlaceCandidate,
  SuggestionField,
  SuggestionItem,
  Suggestions,
} from '../shared/wire.ts';
import { slugify } from '../../domain/slug.ts';
import { api, type Problem } from './api.ts';

/** What kind of suggestion an item is, shown after its label (the list is ranked, not grouped). */
const KINDS: Record<SuggestionField, string> = {
  people: 'person',
  organizations: 'organisation',
  places: 'place',
  dates: 'date',
  events: 'event type',
  contacts: 'contact',
  names: 'new name?',
};

/** Open suggestions first, the surest first; then those already decided. Cleared ones are not shown. */
function ranked(items: SuggestionItem[]): SuggestionItem[] {
  const decided = (i: SuggestionItem) => (i.verdict === null ? 0 : 1);
  return items
    .filter((i) => i.verdict !== 'dismissed')
    .sort((a, b) => decided(a) - decided(b) || b.confidence - a.confidence);
}

/** The panel's one-line summary: what is left to review. */
function summaryText(s: Suggestions): string {
  const open = s.items.filter((i) => i.verdict === null).length;
  const reviewed = s.items.filter((i) => i.verdict !== null && i.verdict !== 'dismissed').length;
  const head =
    open > 0
      ? `Suggestions: ${open} to review`
      : reviewed > 0
        ? `Suggestions: none to review (${reviewed} decided)`
        : 'Suggestions: none';
  return s.current ? head : `${head} – updating…`;
}

const VERDICTS: Record<string, string> = {
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  corrected: 'Corrected',
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function button(label: string, action: string, extra: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', 'data-enrich-action': action, ...extra }, label);
}

let formCount = 0;

/** Mounts the suggestions on the story editor `root` (a `.nr-editor`), for editors and admins. */
export function mountEnrichment(root: HTMLElement): void {
  if (root.dataset['role'] === 'contributor') return;
  const storyId = root.dataset['storyId'] ?? '';
  const stream = root.querySelector<HTMLElement>('.nr-stream');
  if (!stream) return;
  const latest = new Map<string, Suggestions>();
  // Updates whose panel the editor opened: a live re-render of the article keeps it open.
  const opened = new Set<string>();

  const panelOf = (article: HTMLElement): HTMLElement => {
    let panel = article.querySelector<HTMLElement>(':scope > .nr-enrich');
    if (!panel) {
      // Closed: a count per update, opened when the editor wants to review (a long story stays short).
      const details = el('details', { class: 'nr-enrich' }) as HTMLDetailsElement;
      const id = article.dataset['updateId'] ?? '';
      details.open = opened.has(id);
      details.addEventListener('toggle', () => {
        if (details.open) opened.add(id);
        else opened.delete(id);
      });
      panel = details;
      panel.dataset['updateId'] = id;
      panel.append(
        el('summary', {}, 'Suggestions'),
        el('p', { class: 'nr-enrich-status', role: 'status', 'aria-live': 'polite' }),
        el('div', { class: 'nr-enrich-body' }, el('p', { class: 'nr-empty' }, 'Extracting…')),
      );
      article.append(panel);
    }
    return panel;
  };

  const say = (panel: HTMLElement, message: string, bad = false) => {
    const status = panel.querySelector<HTMLElement>('.nr-enrich-status');
    if (!status) return;
    status.textContent = message;
    status.classList.toggle('nr-bad', bad);
  };

  const rendered = new WeakMap<HTMLElement, string>();
  const render = (s: Suggestions): void => {
    latest.set(s.updateId, s);
    const article = stream.querySelector<HTMLElement>(`article[data-update-id="${CSS.escape(s.updateId)}"]`);
    if (!article) return;
    const panel = panelOf(article);
    // The same suggestions come back from a correction and from the live stream: draw them once.
    const text = JSON.stringify(s);
    if (rendered.get(panel) === text) return;
    rendered.set(panel, text);
    const body = panel.querySelector<HTMLElement>('.nr-enrich-body')!;
    // A correction form the editor has open stays open if its suggestion is still there.
    const open = new Map<string, Element>();
    for (const form of body.querySelectorAll('.nr-enrich-form')) {
      const item = form.closest<HTMLElement>('li.nr-enrich-item')?.dataset['item'];
      if (item !== undefined) open.set(item, form);
    }
    body.replaceChildren();
    panel.querySelector('summary')!.textContent = summaryText(s);
    const shown = ranked(s.items);
    if (shown.length === 0) body.append(el('p', { class: 'nr-empty' }, 'Nothing to review.'));
    if (shown.some((i) => i.verdict === null))
      body.append(
        el(
          'p',
          { class: 'nr-enrich-clear' },
          el('button', { type: 'button', 'data-enrich-clear': '' }, 'Clear all'),
          ' ',
          el('small', {}, 'hides every open suggestion of this update; nothing is rejected'),
        ),
      );
    const list = el('ul', { class: 'nr-enrich-list' });
    for (const item of shown) {
      const li = row(item);
      const form = open.get(item.item);
      if (form) li.append(form);
      list.append(li);
    }
    if (shown.length > 0) body.append(list);
  };

  const row = (item: SuggestionItem): HTMLLIElement => {
    const li = el('li', { class: 'nr-enrich-item' });
    li.dataset['item'] = item.item;
    li.dataset['field'] = item.field;
    const label = el(
      'strong',
      { class: 'nr-enrich-label' },
      item.field === 'names' ? `${item.label}?` : item.label,
    );
    li.append(label, ' ', el('small', { class: 'nr-enrich-kind' }, KINDS[item.field]));
    const matched = item.matched.filter((m) => m !== item.label);
    if (matched.length > 0)
      li.append(' ', el('span', { class: 'nr-enrich-matched' }, `as “${matched.join('”, “')}”`));
    if (item.detail !== '') li.append(' ', el('small', {}, item.detail));
    if (item.verdict !== null)
      li.append(
        ' ',
        el(
          'span',
          { class: `nr-enrich-verdict nr-${item.verdict}` },
          `${VERDICTS[item.verdict]} by ${item.by ?? '?'}`,
        ),
      );
    const actions = el('span', { class: 'nr-enrich-actions' });
    const what = item.label;
    if (item.field === 'names') {
      actions.append(
        button('Add as person', 'add-person', { 'aria-label': `Add ${what} as a person` }),
        button('Add as organisation', 'add-organization', { 'aria-label': `Add ${what} as an organisation` }),
        button('Same as…', 'show-alias', { 'aria-label': `${what} is another name for…` }),
        button('A place…', 'show-place', { 'aria-label': `${what} is a place…` }),
        button('Not a name', 'reject', { 'aria-label': `${what} is not a name` }),
      );
    } else {
      if (item.verdict !== 'confirmed')
        actions.append(button('Confirm', 'confirm', { 'aria-label': `Confirm ${what}` }));
      actions.append(button('Reject', 'reject', { 'aria-label': `Reject ${what}` }));
      if (item.field === 'people' || item.field === 'organizations')
        actions.append(
          button('Add alias…', 'show-add-alias', { 'aria-label': `Add another spelling of ${what}` }),
          button('Someone else…', 'show-alias', { 'aria-label': `${what} is really…` }),
        );
      if (item.field === 'places')
        actions.append(
          button('Other place…', 'show-place', { 'aria-label': `Choose another place for ${what}` }),
        );
      // Pin or rename on the place's own page (src/http/newsroom/place-pages.tsx).
      if (item.field === 'places' && item.place && item.place.kind !== 'country')
        actions.append(
          el(
            'a',
            { href: `/newsroom/places/${slugify(`${item.place.name} ${item.place.country}`)}` },
            item.place.precision === 'approximate' ? 'Pin on map…' : 'Place page…',
          ),
        );
      if (item.field === 'events')
        actions.append(
          button('Other type…', 'show-type', {
            'aria-label': `Choose another event type for: ${item.detail}`,
          }),
        );
    }
    li.append(' ', actions);
    return li;
  };

  const load = async (id: string): Promise<void> => {
    try {
      render(await api<Suggestions>('GET', `/updates/${encodeURIComponent(id)}/suggestions`));
    } catch (error) {
      // 404 until the background enrichment has run; the live stream brings it then.
      if ((error as Problem).status !== 404) {
        const article = stream.querySelector<HTMLElement>(`article[data-update-id="${CSS.escape(id)}"]`);
        if (article) say(panelOf(article), (error as Problem).detail ?? 'Could not load suggestions', true);
      }
    }
  };

  const act = async (panel: HTMLElement, payload: Record<string, unknown>, done: string): Promise<void> => {
    const id = panel.dataset['updateId'] ?? '';
    try {
      const fresh = await api<Suggestions>('POST', `/updates/${encodeURIComponent(id)}/suggestions`, payload);
      render(fresh);
      say(panel, done);
    } catch (error) {
      const p = error as Problem;
      say(panel, p.detail ?? 'That did not work', true);
    }
  };

  /** An inline form under a suggestion: a labelled input or select, and a button. */
  const inlineForm = (
    li: HTMLElement,
    labelText: string,
    control: HTMLInputElement | HTMLSelectElement,
    submitLabel: string,
    onSubmit: () => void,
  ): HTMLFormElement => {
    li.querySelector('.nr-enrich-form')?.remove();
    formCount += 1;
    control.id = `nr-enrich-${formCount}`;
    const form = el(
      'form',
      { class: 'nr-enrich-form' },
      el('label', { for: control.id }, labelText),
      control,
      el('button', { type: 'submit' }, submitLabel),
      el('button', { type: 'button', 'data-enrich-action': 'cancel' }, 'Cancel'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      onSubmit();
    });
    li.append(form);
    control.focus();
    return form;
  };

  const showAlias = (panel: HTMLElement, li: HTMLElement, item: SuggestionItem, addSpelling: boolean) => {
    if (addSpelling) {
      const input = el('input', { name: 'surface', required: '', maxlength: '200' });
      inlineForm(li, `Another spelling of ${item.label}`, input, 'Add alias', () => {
        void act(
          panel,
          {
            action: 'alias',
            item: item.item,
            surface: input.value,
            entity: { kind: item.field === 'organizations' ? 'organization' : 'person', name: item.label },
          },
          `“${input.value}” will be matched as ${item.label} from now on.`,
        );
      });
      return;
    }
    const listId = `nr-enrich-names-${(formCount += 1)}`;
    const input = el('input', { name: 'entity', list: listId, required: '', autocomplete: 'off' });
    const datalist = el('datalist', { id: listId });
    let found: NameCandidate[] = [];
    input.addEventListener('input', async () => {
      if (input.value.trim().length < 2) return;
      try {
        found = (
          await api<{ items: NameCandidate[] }>(
            'GET',
            `/enrichment/names?q=${encodeURIComponent(input.value)}`,
          )
        ).items;
        datalist.replaceChildren(
          ...found.map((c) =>
            el('option', { value: c.name }, [c.role, c.country].filter(Boolean).join(', ')),
          ),
        );
      } catch {
        /* the look-up is a convenience; submitting reports errors */
      }
    });
    const spelling = item.matched[0] ?? item.label;
    const form = inlineForm(li, `“${spelling}” is really`, input, 'Use', () => {
      const choice = found.find((c) => c.name === input.value);
      void act(
        panel,
        {
          action: 'alias',
          item: item.item,
          surface: spelling,
          entity: {
            kind: choice?.kind ?? (item.field === 'organizations' ? 'organization' : 'person'),
            name: input.value,
          },
        },
        `“${spelling}” will be matched as ${input.value} from now on.`,
      );
    });
    form.append(datalist);
  };

  const showPlace = async (panel: HTMLElement, li: HTMLElement, item: SuggestionItem) => {
    const select = el('select', { name: 'place' });
    const search = el('input', { name: 'q', type: 'search', value: item.matched[0] ?? item.label });
    let candidates: PlaceCandidate[] = [];
    const fill = async () => {
      try {
        candidates = (
          await api<{ items: PlaceCandidate[] }>(
            'GET',
            `/enrichment/places?q=${encodeURIComponent(search.value)}`,
          )
        ).items;
      } catch {
        candidates = [];
      }
      select.replaceChildren(
        ...candidates.map((c, i) =>
          el(
            'option',
            { value: String(i) },
            [c.name, c.kind === 'city' ? 'town' : c.kind, c.admin1, c.iso2].filter(Boolean).join(', '),
          ),
        ),
      );
      if (candidates.length === 0) select.append(el('option', { value: '' }, 'No place by that name'));
    };
    const spelling = item.matched[0] ?? item.label;
    const form = inlineForm(li, `“${spelling}” is`, select, 'Use this place', () => {
      const place = candidates[Number(select.value)];
      if (!place || select.value === '') return;
      void act(
        panel,
        { action: 'choose-place', item: item.item, place },
        `“${spelling}” will be ${place.name}, ${place.iso2} from now on.`,
      );
    });
    formCount += 1;
    search.id = `nr-enrich-${formCount}`;
    const find = el('button', { type: 'button' }, 'Search');
    find.addEventListener('click', () => void fill());
    form.prepend(el('label', { for: search.id }, 'Search the gazetteer'), search, find);
    await fill();
  };

  const showType = (panel: HTMLElement, li: HTMLElement, item: SuggestionItem) => {
    const select = el('select', { name: 'type' }, ...EVENT_TYPES.map((t) => el('option', { value: t }, t)));
    select.value = item.label;
    inlineForm(li, 'Event type', select, 'Use this type', () => {
      void act(
        panel,
        { action: 'event-type', item: item.item, type: select.value },
        `Event type set to ${select.value}.`,
      );
    });
  };

  root.addEventListener('click', (event) => {
    const clear = (event.target as Element).closest<HTMLButtonElement>('button[data-enrich-clear]');
    const clearPanel = clear?.closest<HTMLElement>('.nr-enrich');
    if (clear && clearPanel) {
      clear.disabled = true;
      void act(clearPanel, { action: 'clear' }, 'Cleared.');
      return;
    }
    const target = (event.target as Element).closest<HTMLButtonElement>('button[data-enrich-action]');
    const li = target?.closest<HTMLElement>('li.nr-enrich-item');
    const panel = target?.closest<HTMLElement>('.nr-enrich');
    if (!target || !li || !panel) return;
    const item = latest
      .get(panel.dataset['updateId'] ?? '')
      ?.items.find((i) => i.item === li.dataset['item']);
    if (!item) return;
    const action = target.dataset['enrichAction'];
    if (action === 'cancel') target.closest('form')?.remove();
    else if (action === 'confirm')
      void act(panel, { action: 'confirm', item: item.item }, `${item.label} confirmed.`);
    else if (action === 'reject')
      void act(
        panel,
        { action: 'reject', item: item.item },
        item.field === 'contacts'
          ? `Contact removed: no longer on the actors’ pages or in the export.`
          : item.field === 'dates' || item.field === 'events'
            ? `Removed from this update.`
            : `“${item.matched[0] ?? item.label}” will not be suggested again.`,
      );
    else if (action === 'add-person' || action === 'add-organization')
      void act(
        panel,
        {
          action: 'add-name',
          item: item.item,
          name: { kind: action === 'add-person' ? 'person' : 'organization', name: item.label },
        },
        `${item.label} added; it will be found in later updates.`,
      );
    else if (action === 'show-alias') showAlias(panel, li, item, false);
    else if (action === 'show-add-alias') showAlias(panel, li, item, true);
    else if (action === 'show-place') void showPlace(panel, li, item);
    else if (action === 'show-type') showType(panel, li, item);
  });

  // Updates arriving or replaced live get their panel again (an edit replaces the article).
  const attach = (article: HTMLElement) => {
    const id = article.dataset['updateId'];
    if (!id || article.querySelector(':scope > .nr-enrich')) return;
    const known = latest.get(id);
    if (known) render(known);
    else panelOf(article);
    void load(id);
  };
  stream.querySelectorAll<HTMLElement>('article[data-update-id]').forEach(attach);
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof HTMLElement && node.matches('article[data-update-id]')) attach(node);
  }).observe(stream, { childList: true });

  // Fresh suggestions whenever an update of this story has been enriched (published, edited, corrected).
  const source = new EventSource(`/api/v1/stories/${encodeURIComponent(storyId)}/suggestions/live`);
  source.addEventListener('suggestions', (event) => {
    try {
      render(JSON.parse((event as MessageEvent<string>).data) as Suggestions);
    } catch {
      /* a malformed frame is skipped; the next one replaces it */
    }
  });
}
