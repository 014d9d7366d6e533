/**
 * The map page in the browser. The server opens the map on the updates' area (http/map/map-routes.tsx);
 * here: zoom (buttons, wheel, +/− keys) and pan (drag, arrow keys) by moving the SVG viewBox; markers,
 * labels and strokes kept their size on screen (one CSS variable, `--unit`); markers clustered with
 * counts (supercluster) that split as the reader zooms in; towns labelled biggest first where they fit;
 * and markers added, changed and removed as the server pushes them (http/map/map-feed.ts). Without
 * JavaScript the map is static and the filters, markers and list still work.
 */
import Supercluster from 'supercluster';
import type { MapMarkerFrame } from '../shared/wire.ts';
import { fitLayerDetail } from './map-layer-detail.ts';
import { reloadLayers } from './map-layers-client.ts';

type Handlers = Record<string, (data: Record<string, unknown>) => void>;
/** reader-live.ts's stream opener (reconnects with backoff). */
export type OpenStream = (url: (lastId: string | null) => string, handlers: Handlers) => void;

/** The closest zoom: 1/512 of the world's width in view (as detail-layer.ts's MIN_VIEW_WIDTH). */
const MAX_ZOOM = 512;
/** Markers closer than this on screen (px) join a cluster. */
const CLUSTER_RADIUS_PX = 26;
/** Deepest clustering level: markers at one place stay one cluster however close the reader zooms. */
const CLUSTER_MAX_LEVEL = 24;

interface View {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function startMap(frame: HTMLElement, openStream: OpenStream | null): void {
  const svg = frame.querySelector<SVGSVGElement>('svg.map-svg');
  if (!svg) return;
  const [, , worldW = 960, worldH = 500] = (svg.dataset['world'] ?? '').split(' ').map(Number);
  const box = svg.viewBox.baseVal;
  // The fitted area's centre and width; the height follows the map's shape on screen (taller on phones).
  const initial: View = { x: box.x, y: box.y, w: box.width, h: box.height };
  let aspect = initial.h / initial.w;
  let view: View = { ...initial };
  svg.classList.add('map-js');
  const markersLayer = svg.querySelector<SVGGElement>('[data-map-markers]');
  const clusterLayer = document.createElementNS(SVG_NS, 'g');
  clusterLayer.setAttribute('class', 'map-clusters');
  markersLayer?.after(clusterLayer);

  // Markers by update id, and the cluster index over their points.
  const markers = new Map<string, SVGGElement>();
  for (const el of svg.querySelectorAll<SVGGElement>('.map-marker'))
    markers.set(el.dataset['updateId'] ?? '', el);
  let index = buildIndex(markers, worldW);

  /** Ids of the markers drawn on their own in the current view. */
  const shown = new Set<string>();
  let frameRequested = false;
  const render = (): void => {
    frameRequested = false;
    const unit = view.w / Math.max(1, svg.clientWidth);
    svg.style.setProperty('--unit', String(unit));
    fitLayerDetail(svg, unit);
    drawClusters(unit);
    placeLabels(unit);
  };
  const apply = (): void => {
    const shape = svg.clientHeight / Math.max(1, svg.clientWidth);
    if (shape > 0 && Math.abs(shape - aspect) > 0.001) {
      // Keep the centre where it is when the map's shape changes.
      view.y += (view.w * aspect - view.w * shape) / 2;
      aspect = shape;
    }
    view.w = Math.min(worldW, Math.max(worldW / MAX_ZOOM, view.w));
    view.h = view.w * aspect;
    view.x = Math.min(Math.max(view.x, 0), worldW - view.w);
    view.y = Math.min(Math.max(view.y, 0), Math.max(0, worldH - view.h));
    svg.setAttribute('viewBox', `${round(view.x)} ${round(view.y)} ${round(view.w)} ${round(view.h)}`);
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(render);
    }
  };

  const drawClusters = (unit: number): void => {
    // supercluster works in Web Mercator tiles; our points are given to it so that its unit square is
    // the map's width (toLngLat), so a level's radius is exact in screen pixels: 2^level = W / (256·unit).
    const level = Math.min(CLUSTER_MAX_LEVEL, Math.max(0, Math.floor(Math.log2(worldW / (256 * unit)))));
    const [west, north] = toLngLat(view.x, view.y, worldW);
    const [east, south] = toLngLat(view.x + view.w, view.y + view.h, worldW);
    shown.clear();
    clusterLayer.replaceChildren();
    for (const item of index.getClusters([west, south, east, north], level)) {
      const [lng, lat] = item.geometry.coordinates as [number, number];
      const [x, y] = fromLngLat(lng, lat, worldW);
      const props = item.properties as {
        cluster?: boolean;
        cluster_id?: number;
        point_count?: number;
        id?: string;
      };
      if (props.cluster !== true) {
        shown.add(props.id ?? '');
        continue;
      }
      const ids = index.getLeaves(props.cluster_id ?? 0, 5).map((leaf) => String(leaf.properties['id']));
      clusterLayer.append(
        clusterElement(props.point_count ?? 0, x, y, ids, markers, () =>
          zoomIntoCluster(props.cluster_id ?? 0, x, y),
        ),
      );
    }
    for (const [id, el] of markers) {
      const hide = !shown.has(id);
      // Only changes touch the DOM: most markers stay as they were from one frame to the next.
      if (el.classList.contains('clustered') !== hide) el.classList.toggle('clustered', hide);
    }
  };

  const zoomIntoCluster = (clusterId: number, x: number, y: number): void => {
    const level = Math.min(index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_LEVEL);
    // At a level L the unit is W / (256·2^L) (see drawClusters); at least twice as close as now.
    const w = Math.min(view.w / 2, (worldW / (256 * 2 ** level)) * Math.max(1, svg.clientWidth) * 0.99);
    view = { x: x - w / 2, y: y - (w * aspect) / 2, w, h: w * aspect };
    apply();
  };

  // Towns (biggest first, as the server sends them) and region names are shown where they fit.
  const labels = [...svg.querySelectorAll<SVGGElement>('.map-town, .map-region')];
  const ordered = [
    ...labels.filter((el) => el.classList.contains('rank-1')),
    ...labels.filter((el) => el.classList.contains('map-region')),
    ...labels.filter((el) => el.classList.contains('map-town') && !el.classList.contains('rank-1')),
  ];
  const anchors = new Map(ordered.map((el) => [el, translation(el)] as const));
  const placeLabels = (unit: number): void => {
    // Markers and clusters in view: a town under one has its name set clear of it.
    const spots: [number, number, number][] = [];
    for (const id of shown) {
      const el = markers.get(id);
      if (el !== undefined) spots.push([...translation(el), 9]);
    }
    for (const el of clusterLayer.children) spots.push([...translation(el), 18]);
    const placed: Box[] = [];
    for (const el of ordered) {
      const [x, y] = anchors.get(el) ?? [0, 0];
      const inView = x >= view.x && x <= view.x + view.w && y >= view.y && y <= view.y + view.h;
      const region = el.classList.contains('map-region');
      const chars = el.textContent?.length ?? 0;
      let offset = 4;
      if (!region)
        for (const [sx, sy, r] of spots)
          if (Math.abs(sx - x) < r * unit && Math.abs(sy - y) < r * unit) offset = Math.max(offset, r + 2);
      // Estimated label box in map units: about 6.6 px a character at 11-12 px type.
      const box: Box = region
        ? { x0: x - chars * 3.6 * unit, y0: y - 7 * unit, x1: x + chars * 3.6 * unit, y1: y + 5 * unit }
        : { x0: x - 3 * unit, y0: y - 7 * unit, x1: x + (offset + 2 + chars * 6.6) * unit, y1: y + 7 * unit };
      const fits =
        inView && !placed.some((p) => p.x0 < box.x1 && p.x1 > box.x0 && p.y0 < box.y1 && p.y1 > box.y0);
      el.classList.toggle('placed', fits);
      if (fits) {
        placed.push(box);
        if (!region) el.querySelector('text')?.setAttribute('x', String(offset));
      }
    }
  };

  const zoomBy = (factor: number, atX = view.x + view.w / 2, atY = view.y + view.h / 2): void => {
    const w = Math.min(worldW, Math.max(worldW / MAX_ZOOM, view.w / factor));
    // Keep the point under the cursor (or the centre) where it is.
    view.x = atX - ((atX - view.x) * w) / view.w;
    view.y = atY - ((atY - view.y) * w) / view.w;
    view.w = w;
    apply();
  };
  const toMap = (event: { clientX: number; clientY: number }): [number, number] => {
    const box = svg.getBoundingClientRect();
    return [
      view.x + ((event.clientX - box.left) / box.width) * view.w,
      view.y + ((event.clientY - box.top) / box.height) * view.h,
    ];
  };
  // The markers' area with a fifth around it, a lone marker with its region (as the server opens it).
  const fit = (): void => {
    const points = [...markers.values()].map(translation);
    if (points.length === 0) {
      view = { ...initial, y: initial.y + (initial.h - initial.w * aspect) / 2 };
      return apply();
    }
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = Math.min(worldW, Math.max((x1 - x0) * 1.4, ((y1 - y0) * 1.4) / aspect, worldW / 40));
    view = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - (w * aspect) / 2, w, h: w * aspect };
    apply();
  };

  const controls = document.createElement('div');
  controls.className = 'map-controls';
  for (const [label, text, act] of [
    ['Zoom in', '+', () => zoomBy(2)],
    ['Zoom out', '−', () => zoomBy(0.5)],
    ['Fit the map to the updates', '⤢', fit],
  ] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.title = label;
    button.addEventListener('click', act);
    controls.append(button);
  }
  frame.prepend(controls);
  frame.tabIndex = 0;
  frame.setAttribute('aria-label', 'Map: + and − zoom, arrow keys pan, 0 fits the updates');

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
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) drag.moved = true;
    if (!drag.moved) return;
    svg.setPointerCapture(event.pointerId);
    view.x -= ((event.clientX - drag.x) / box.width) * view.w;
    view.y -= ((event.clientY - drag.y) / box.height) * view.h;
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
    const step = view.w / 8;
    const moves: Record<string, () => void> = {
      '+': () => zoomBy(2),
      '=': () => zoomBy(2),
      '-': () => zoomBy(0.5),
      '0': fit,
      ArrowLeft: () => ((view.x -= step), apply()),
      ArrowRight: () => ((view.x += step), apply()),
      ArrowUp: () => ((view.y -= step), apply()),
      ArrowDown: () => ((view.y += step), apply()),
    };
    const move = moves[event.key];
    if (move && event.target === frame) {
      event.preventDefault();
      move();
    }
  });
  new ResizeObserver(() => apply()).observe(svg);
  apply();

  if (openStream === null) return;
  const list = document.querySelector('[data-map-list]');
  const changed = (): void => {
    index = buildIndex(markers, worldW);
    const count = list?.children.length ?? 0;
    const title = document.querySelector('.map-list-title');
    if (title) title.textContent = `${count} located ${count === 1 ? 'update' : 'updates'}`;
    document.querySelector('.map-empty')?.toggleAttribute('hidden', count > 0);
    apply();
  };
  const removeWhere = (match: (el: Element) => boolean): void => {
    for (const [id, el] of markers) {
      if (!match(el)) continue;
      el.remove();
      markers.delete(id);
    }
    for (const li of [...(list?.children ?? [])]) if (match(li)) li.remove();
    changed();
  };
  openStream(() => `/map/live${frame.dataset['query'] ?? ''}`, {
    marker(data) {
      const marker = data as unknown as MapMarkerFrame;
      markers.get(marker.id)?.remove();
      const el = markerElement(marker);
      markers.set(marker.id, el);
      markersLayer?.append(el);
      const item = listItem(marker);
      const old = list?.querySelector(`li[data-update-id="${CSS.escape(marker.id)}"]`);
      if (old) old.replaceWith(item);
      else list?.prepend(item);
      changed();
    },
    unmark(data) {
      removeWhere((el) => (el as HTMLElement).dataset['updateId'] === String(data['id']));
    },
    'unmark-story'(data) {
      removeWhere((el) => (el as HTMLElement).dataset['storyId'] === String(data['storyId']));
    },
    layers() {
      void reloadLayers().then(apply);
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

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A point of the map as the longitude/latitude whose Web Mercator position is (x, y) / W. */
function toLngLat(x: number, y: number, worldW: number): [number, number] {
  const lng = (x / worldW) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / worldW))) * 180) / Math.PI;
  return [Math.max(-180, Math.min(180, lng)), Math.max(-85, Math.min(85, lat))];
}

function fromLngLat(lng: number, lat: number, worldW: number): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return [((lng + 180) / 360) * worldW, y * worldW];
}

const positions = new WeakMap<Element, [number, number]>();

/** The `translate(x y)` of an element, as the server and markerElement write it (read once). */
function translation(el: Element): [number, number] {
  const known = positions.get(el);
  if (known !== undefined) return known;
  const match = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)/.exec(el.getAttribute('transform') ?? '');
  const point: [number, number] = [Number(match?.[1] ?? 0), Number(match?.[2] ?? 0)];
  positions.set(el, point);
  return point;
}

function buildIndex(markers: Map<string, SVGGElement>, worldW: number): Supercluster {
  const index = new Supercluster({ radius: CLUSTER_RADIUS_PX, extent: 256, maxZoom: CLUSTER_MAX_LEVEL });
  index.load(
    [...markers].map(([id, el]) => ({
      type: 'Feature' as const,
      properties: { id },
      geometry: { type: 'Point' as const, coordinates: toLngLat(...translation(el), worldW) },
    })),
  );
  return index;
}

function svgElement(name: string, attributes: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  return el;
}

/** A cluster: its count in a circle, a button that zooms until it splits. */
function clusterElement(
  count: number,
  x: number,
  y: number,
  someIds: string[],
  markers: Map<string, SVGGElement>,
  open: () => void,
): SVGElement {
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  const g = svgElement('g', {
    class: `map-cluster ${size}`,
    transform: `translate(${round(x)} ${round(y)})`,
  });
  const names = someIds
    .map((id) => markers.get(id)?.querySelector('title')?.textContent ?? '')
    .filter((t) => t !== '');
  const label = `${count} updates here; zoom in to separate them`;
  const a = svgElement('a', { href: '#', role: 'button', 'aria-label': label, class: 'map-cluster-link' });
  const title = svgElement('title', {});
  title.textContent = `${label}\n${names.join('\n')}${count > names.length ? '\n…' : ''}`;
  const inner = svgElement('g', { class: 's' });
  const text = svgElement('text', { 'text-anchor': 'middle', dy: '0.35em' });
  text.textContent = String(count);
  inner.append(svgElement('circle', { r: size === 'small' ? '11' : size === 'medium' ? '14' : '17' }), text);
  a.append(title, inner);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    open();
  });
  g.append(a);
  return g;
}

/** A marker as the server draws it (map-view.tsx Markers); text set as text, never parsed. */
function markerElement(m: MapMarkerFrame): SVGGElement {
  const label = `${CLAIM_LABELS[m.claimStatus] ?? m.claimStatus}: ${m.headline} (${m.place}, ${m.day})`;
  const g = svgElement('g', {
    class: `map-marker claim-${m.claimStatus}`,
    'data-update-id': m.id,
    'data-story-id': m.storyId,
    transform: `translate(${m.x} ${m.y})`,
  }) as SVGGElement;
  const a = svgElement('a', { href: m.url, 'aria-label': label });
  const title = svgElement('title', {});
  title.textContent = label;
  const shape = svgElement('g', { class: 's' });
  shape.append(
    svgElement('use', {
      class: 'map-marker-shape',
      href: `#m-${m.claimStatus}`,
      x: '-8',
      y: '-8',
      width: '16',
      height: '16',
    }),
  );
  if (m.icon !== '')
    shape.append(
      svgElement('use', {
        class: 'map-marker-icon',
        href: `#e-${m.icon}`,
        x: '-5',
        y: '-5',
        width: '10',
        height: '10',
      }),
    );
  a.append(title, shape);
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
