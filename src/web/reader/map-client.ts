/**
 * The map page in the browser: zoom (buttons, wheel, +/− keys) and pan (drag, arrow keys) by moving the
 * SVG viewBox, markers kept the same size on screen, and new located updates fetched when the site
 * stream says something was published or changed. Without JavaScript the map is static and the
 * filters, markers and list still work.
 */

type Handlers = Record<string, (data: Record<string, unknown>) => void>;
/** reader-live.ts's stream opener (reconnects with backoff and resumes by Last-Event-ID). */
export type OpenStream = (url: (lastId: string | null) => string, handlers: Handlers) => void;

const MAX_ZOOM = 16;
// Enrichment runs just after publication; ask for markers once it has had time to finish.
const REFRESH_DELAY_MS = 700;

export function startMap(frame: HTMLElement, openStream: OpenStream | null): void {
  const svg = frame.querySelector<SVGSVGElement>('svg.map-svg');
  if (!svg) return;
  const full = svg.viewBox.baseVal;
  const width = full.width;
  const height = full.height;
  let zoom = 1;
  let cx = width / 2;
  let cy = height / 2;

  const apply = (): void => {
    const w = width / zoom;
    const h = height / zoom;
    cx = Math.min(Math.max(cx, w / 2), width - w / 2);
    cy = Math.min(Math.max(cy, h / 2), height - h / 2);
    svg.setAttribute('viewBox', `${cx - w / 2} ${cy - h / 2} ${w} ${h}`);
    for (const shape of svg.querySelectorAll('.map-marker-shape')) {
      shape.setAttribute('transform', `scale(${1 / Math.sqrt(zoom)})`);
    }
  };
  const zoomBy = (factor: number, atX = cx, atY = cy): void => {
    const next = Math.min(MAX_ZOOM, Math.max(1, zoom * factor));
    // Keep the point under the cursor where it is.
    cx = atX + (cx - atX) * (zoom / next);
    cy = atY + (cy - atY) * (zoom / next);
    zoom = next;
    apply();
  };
  const toMap = (event: { clientX: number; clientY: number }): [number, number] => {
    const box = svg.getBoundingClientRect();
    const w = width / zoom;
    const h = height / zoom;
    return [
      cx - w / 2 + ((event.clientX - box.left) / box.width) * w,
      cy - h / 2 + ((event.clientY - box.top) / box.height) * h,
    ];
  };

  const controls = document.createElement('div');
  controls.className = 'map-controls';
  for (const [label, text, act] of [
    ['Zoom in', '+', () => zoomBy(2)],
    ['Zoom out', '−', () => zoomBy(0.5)],
    ['Show the whole map', '⤢', () => ((zoom = 1), apply())],
  ] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', act);
    controls.append(button);
  }
  frame.prepend(controls);
  frame.tabIndex = 0;
  frame.setAttribute('aria-label', 'Map: + and − zoom, arrow keys pan');

  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const [x, y] = toMap(event);
      zoomBy(event.deltaY < 0 ? 1.25 : 0.8, x, y);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; moved: boolean } | null = null;
  svg.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, moved: false };
  });
  svg.addEventListener('pointermove', (event) => {
    if (drag === null) return;
    const box = svg.getBoundingClientRect();
    const dx = ((event.clientX - drag.x) / box.width) * (width / zoom);
    const dy = ((event.clientY - drag.y) / box.height) * (height / zoom);
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) drag.moved = true;
    if (!drag.moved) return;
    svg.setPointerCapture(event.pointerId);
    cx -= dx;
    cy -= dy;
    drag.x = event.clientX;
    drag.y = event.clientY;
    apply();
  });
  const endDrag = (): void => {
    drag = null;
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);
  frame.addEventListener('keydown', (event) => {
    const step = width / zoom / 8;
    const moves: Record<string, () => void> = {
      '+': () => zoomBy(2),
      '=': () => zoomBy(2),
      '-': () => zoomBy(0.5),
      ArrowLeft: () => ((cx -= step), apply()),
      ArrowRight: () => ((cx += step), apply()),
      ArrowUp: () => ((cy -= step), apply()),
      ArrowDown: () => ((cy += step), apply()),
    };
    const move = moves[event.key];
    if (move && event.target === frame) {
      event.preventDefault();
      move();
    }
  });

  if (openStream === null) return;
  const query = frame.dataset['query'] ?? '';
  let timer: number | undefined;
  const refresh = async (): Promise<void> => {
    const res = await fetch(`/map/markers${query}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const body = (await res.json()) as { count: number; markers: string; list: string };
    // Parsed as HTML, as the page was: the fragment is HTML-serialised, not well-formed XML.
    const template = document.createElement('template');
    template.innerHTML = `<svg>${body.markers}</svg>`;
    const markers = template.content.querySelector('[data-map-markers]');
    const current = svg.querySelector('[data-map-markers]');
    if (markers && current) current.replaceWith(document.importNode(markers, true));
    const list = document.querySelector('[data-map-list]');
    if (list) list.outerHTML = body.list;
    const title = document.querySelector('.map-list-title');
    if (title) title.textContent = `${body.count} located ${body.count === 1 ? 'update' : 'updates'}`;
    document.querySelector('.map-empty')?.toggleAttribute('hidden', body.count > 0);
    apply();
  };
  const later = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(), REFRESH_DELAY_MS);
  };
  let since = frame.dataset['lastEventId'] ?? '';
  openStream(
    (lastId) => {
      if (lastId !== null) since = lastId;
      return since === '' ? '/api/v1/live' : `/api/v1/live?since=${encodeURIComponent(since)}`;
    },
    { update: later, edit: later, delete: later, reload: later },
  );
}
