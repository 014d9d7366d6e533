/**
 * The map page in the browser: zoom (buttons, wheel, +/− keys) and pan (drag, arrow keys) by moving the
 * SVG viewBox, markers kept the same size on screen, and located updates added, changed and removed as
 * the server pushes them. Without JavaScript the map is static and the
 * filters, markers and list still work.
 */

import type { MapMarkerFrame } from '../shared/wire.ts';

type Handlers = Record<string, (data: Record<string, unknown>) => void>;
/** reader-live.ts's stream opener (reconnects with backoff and resumes by Last-Event-ID). */
export type OpenStream = (url: (lastId: string | null) => string, handlers: Handlers) => void;

const MAX_ZOOM = 16;

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
  // Marker changes are pushed from the server as they happen (http/map/map-feed.ts).
  const markers = svg.querySelector('[data-map-markers]');
  const list = document.querySelector('[data-map-list]');
  const recount = (): void => {
    const count = list?.children.length ?? 0;
    const title = document.querySelector('.map-list-title');
    if (title) title.textContent = `${count} located ${count === 1 ? 'update' : 'updates'}`;
    document.querySelector('.map-empty')?.toggleAttribute('hidden', count > 0);
  };
  const remove = (selector: string): void => {
    for (const el of document.querySelectorAll(selector)) el.remove();
    recount();
  };
  openStream(() => `/map/live${frame.dataset['query'] ?? ''}`, {
    marker(data) {
      const marker = data as unknown as MapMarkerFrame;
      const id = CSS.escape(marker.id);
      svg.querySelector(`.map-marker[data-update-id="${id}"]`)?.remove();
      markers?.append(markerElement(marker));
      const item = listItem(marker);
      const old = list?.querySelector(`li[data-update-id="${id}"]`);
      if (old) old.replaceWith(item);
      else list?.prepend(item);
      recount();
      apply();
    },
    unmark(data) {
      const id = CSS.escape(String(data['id']));
      remove(`.map-marker[data-update-id="${id}"], [data-map-list] li[data-update-id="${id}"]`);
    },
    'unmark-story'(data) {
      const id = CSS.escape(String(data['storyId']));
      remove(`.map-marker[data-story-id="${id}"], [data-map-list] li[data-story-id="${id}"]`);
    },
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const CLAIM_LABELS: Record<string, string> = {
  verified: 'Verified',
  claimed: 'Claimed',
  unverified: 'Unverified',
  disputed: 'Disputed',
  false: 'False',
};

function svgElement(name: string, attributes: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  return el;
}

/** A marker as the server draws it (map-view.tsx Markers); text set as text, never parsed. */
function markerElement(m: MapMarkerFrame): SVGElement {
  const label = `${CLAIM_LABELS[m.claimStatus] ?? m.claimStatus}: ${m.headline} (${m.place}, ${m.day})`;
  const g = svgElement('g', {
    class: `map-marker claim-${m.claimStatus}`,
    'data-update-id': m.id,
    'data-story-id': m.storyId,
    transform: `translate(${m.x} ${m.y})`,
  });
  const a = svgElement('a', { href: m.url, 'aria-label': label });
  const title = svgElement('title', {});
  title.textContent = label;
  a.append(
    title,
    svgElement('use', {
      class: 'map-marker-shape',
      href: `#m-${m.claimStatus}`,
      x: '-6',
      y: '-6',
      width: '12',
      height: '12',
    }),
  );
  g.append(a);
  return g;
}

/** A list entry as the server renders it (map-view.tsx MarkerList). */
function listItem(m: MapMarkerFrame): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset['updateId'] = m.id;
  li.dataset['storyId'] = m.storyId;
  const chip = document.createElement('span');
  chip.className = `claim-chip claim-${m.claimStatus}`;
  chip.textContent = CLAIM_LABELS[m.claimStatus] ?? m.claimStatus;
  const time = document.createElement('time');
  time.dateTime = m.publishedAt;
  time.textContent = m.day;
  li.append(chip, ' ', time, ` · ${m.place}${m.admin1 === null ? '' : `, ${m.admin1}`}`);
  if (m.eventType !== null) {
    const type = document.createElement('span');
    type.className = 'map-type';
    type.textContent = ` · ${m.eventType}`;
    li.append(type);
  }
  const link = document.createElement('a');
  link.href = m.url;
  link.textContent = m.headline;
  li.append(document.createElement('br'), link);
  return li;
}
