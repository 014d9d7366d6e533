/**
 * The map's date slider (http/map/map-layers-view.tsx): every revision of every layer is on the page,
 * marked with the days it holds, so moving the slider only shows and hides them, and the legend with
 * them. The date field and its button (which reload the page for a day) stay for typing a day.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function longDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whether `day` is in one of the "from/to" spans of `spans` (to empty: still holds). */
function shownOn(spans: string, day: string): boolean {
  return spans.split(' ').some((span) => {
    const [from = '', to = ''] = span.split('/');
    return from <= day && (to === '' || day < to);
  });
}

/**
 * Replaces the page's layers and their panel with those of the same address read again (an editor
 * changed a layer: the map feed says so), keeping the day shown.
 */
export async function reloadLayers(): Promise<void> {
  const response = await fetch(location.href, { credentials: 'omit' });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const shapes = fresh.querySelector('[data-map-layers]');
  const panel = fresh.querySelector('.map-layers-panel');
  if (!shapes || !panel) return;
  const oldShapes = document.querySelector('[data-map-layers]');
  if (oldShapes) oldShapes.replaceWith(document.importNode(shapes, true));
  else document.querySelector('[data-map-markers]')?.before(document.importNode(shapes, true));
  const oldPanel = document.querySelector('.map-layers-panel');
  if (oldPanel) oldPanel.replaceWith(document.importNode(panel, true));
  else document.querySelector('.map-figure')?.after(document.importNode(panel, true));
  startLayerSlider();
}

/** Wires the slider of `document`'s layers panel, if the page has one. */
export function startLayerSlider(doc: Document = document): void {
  const slider = doc.querySelector<HTMLInputElement>('[data-layer-slider]');
  const first = slider?.dataset['first'];
  if (!slider || first === undefined) return;
  doc.querySelector('[data-layer-slider-label]')?.removeAttribute('hidden');
  const label = doc.querySelector('[data-layer-day-label]');
  const field = doc.querySelector<HTMLInputElement>('.map-date input[name="date"]');
  const shapes = [...doc.querySelectorAll<SVGElement>('[data-map-layers] [data-spans]')];
  const lines = [...doc.querySelectorAll<HTMLElement>('[data-layer-legend] [data-spans]')];
  const empty = doc.querySelector<HTMLElement>('[data-layer-empty]');
  const show = (): void => {
    const day = addDays(first, Number(slider.value));
    slider.setAttribute('aria-valuetext', longDay(day));
    if (label) label.textContent = longDay(day);
    if (field) field.value = day;
    for (const shape of shapes) {
      const on = shownOn(shape.dataset['spans'] ?? '', day);
      if (on) shape.removeAttribute('display');
      else shape.setAttribute('display', 'none');
    }
    let any = false;
    for (const line of lines) {
      const on = shownOn(line.dataset['spans'] ?? '', day);
      line.hidden = !on;
      any ||= on;
    }
    if (empty) empty.hidden = any;
    // The address names the day shown, so it can be shared or reloaded.
    const url = new URL(location.href);
    url.searchParams.set('date', day);
    history.replaceState(history.state, '', url);
  };
  slider.addEventListener('input', show);
}
