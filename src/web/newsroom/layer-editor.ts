/**
 * The newsroom's map layer drawing page (http/newsroom/layer-editor-page.tsx). A click adds a point: its
 * longitude and latitude come from d3-geo's inverse of the reader map's projection (the same
 * Natural Earth fit as http/map/basemap.ts), so what is drawn here lines up on every reader map.
 * Points are dragged to move them; the first point (or "Close shape") closes an area. Saving posts
 * the drawing to the API, which checks it; a picked layer gets a new revision.
 */
import { geoNaturalEarth1 } from 'd3-geo';
import { api, problemText, say } from './api.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
type LonLat = [number, number];

const svg = document.getElementById('layer-map') as SVGSVGElement | null;
const form = document.getElementById('layer-form') as HTMLFormElement | null;
if (svg && form) startEditor(svg, form);
for (const forceForm of document.querySelectorAll<HTMLFormElement>('.force-form')) startForceForm(forceForm);

function startEditor(svg: SVGSVGElement, form: HTMLFormElement): void {
  const [, , worldW = 960, worldH = 500] = (svg.dataset['world'] ?? '').split(' ').map(Number);
  const projection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [worldW - 4, worldH - 4],
    ],
    { type: 'Sphere' },
  );
  const drawing = document.getElementById('layer-drawing') as SVGGElement | null;
  const desk = form.dataset['desk'] ?? '';
  const layerId = form.dataset['layer'] ?? '';
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  const pointsText = form.querySelector<HTMLElement>('[data-points]');
  let points: LonLat[] = [];
  let closed = false;

  // A picked layer starts from its drawing (the outline of its first area, or its line).
  const geometry = form.dataset['geometry'];
  if (geometry) {
    const g = JSON.parse(geometry) as { type: string; coordinates: unknown };
    const ring =
      g.type === 'Polygon'
        ? (g.coordinates as LonLat[][])[0]
        : g.type === 'MultiPolygon'
          ? (g.coordinates as LonLat[][][])[0]?.[0]
          : (g.coordinates as LonLat[]);
    points = (ring ?? []).map((p) => [p[0], p[1]]);
    if (g.type !== 'LineString') {
      points.pop();
      closed = true;
    }
  }

  const isLine = () => field('kind').value === 'front';
  const unit = () => svg.viewBox.baseVal.width / Math.max(1, svg.clientWidth);
  const toMap = (event: { clientX: number; clientY: number }): [number, number] => {
    // The screen matrix knows the viewBox and any letterboxing.
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM()?.inverse());
    return [point.x, point.y];
  };
  const toLonLat = (event: { clientX: number; clientY: number }): LonLat | null => {
    const lonLat = projection.invert?.(toMap(event));
    if (!lonLat || !Number.isFinite(lonLat[0]) || !Number.isFinite(lonLat[1])) return null;
    // Five decimals: about a metre.
    return [Math.round(lonLat[0] * 1e5) / 1e5, Math.round(lonLat[1] * 1e5) / 1e5];
  };

  const draw = (): void => {
    if (!drawing) return;
    const r = 6 * unit();
    const xy = points.map((p) => projection(p) ?? [0, 0]);
    const shape = document.createElementNS(SVG_NS, closed && !isLine() ? 'polygon' : 'polyline');
    shape.setAttribute('points', xy.map(([x, y]) => `${x},${y}`).join(' '));
    shape.setAttribute('class', 'layer-shape');
    shape.setAttribute('fill', closed && !isLine() ? '#c0392b' : 'none');
    shape.setAttribute('fill-opacity', '0.25');
    shape.setAttribute('stroke', '#c0392b');
    shape.setAttribute('stroke-width', '2');
    shape.setAttribute('vector-effect', 'non-scaling-stroke');
    const handles = xy.map(([x, y], i) => {
      const c = document.createElementNS(SVG_NS, 'circle');
      c.setAttribute('cx', String(x));
      c.setAttribute('cy', String(y));
      c.setAttribute('r', String(i === 0 && !closed ? r * 1.4 : r));
      c.setAttribute('class', i === 0 ? 'layer-handle first' : 'layer-handle');
      c.dataset['index'] = String(i);
      return c;
    });
    drawing.replaceChildren(shape, ...handles);
    if (pointsText)
      pointsText.textContent =
        points.length === 0
          ? 'No points yet.'
          : `${points.length} point${points.length === 1 ? '' : 's'}${closed && !isLine() ? ', area closed' : ''}.`;
  };

  let drag: { index: number; moved: boolean } | null = null;
  svg.addEventListener('pointerdown', (event) => {
    const target = event.target as Element;
    if (!target.classList.contains('layer-handle')) return;
    drag = { index: Number((target as SVGElement).dataset['index']), moved: false };
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  svg.addEventListener('pointermove', (event) => {
    if (drag === null) return;
    const p = toLonLat(event);
    if (p === null) return;
    drag.moved = true;
    points[drag.index] = p;
    draw();
  });
  svg.addEventListener('pointerup', (event) => {
    const was = drag;
    drag = null;
    if (was !== null) {
      // A click on the first point without moving it closes the area.
      if (!was.moved && was.index === 0 && !closed && !isLine() && points.length >= 3) {
        closed = true;
        draw();
      }
      return;
    }
    if (closed && !isLine()) return;
    const p = toLonLat(event);
    if (p === null) return;
    points.push(p);
    draw();
  });

  const zoom = (factor: number): void => {
    const v = svg.viewBox.baseVal;
    const w = Math.min(worldW, Math.max(worldW / 512, v.width / factor));
    const h = (v.height * w) / v.width;
    const x = Math.min(Math.max(v.x + (v.width - w) / 2, 0), worldW - w);
    const y = Math.min(Math.max(v.y + (v.height - h) / 2, 0), Math.max(0, worldH - h));
    svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
    draw();
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-zoom]'))
    button.addEventListener('click', () => zoom(button.dataset['zoom'] === 'in' ? 2 : 0.5));

  const showKindFields = (): void => {
    for (const label of form.querySelectorAll<HTMLElement>('[data-for-kind]'))
      label.hidden = label.dataset['forKind'] !== field('kind').value;
    draw();
  };
  field('kind').addEventListener('change', showKindFields);
  showKindFields();

  form.addEventListener('click', (event) => {
    const act = (event.target as HTMLElement).closest<HTMLElement>('[data-act]')?.dataset['act'];
    if (act === 'close' && points.length >= 3) closed = true;
    else if (act === 'undo') {
      if (closed) closed = false;
      else points.pop();
    } else if (act === 'clear') {
      points = [];
      closed = false;
    } else if (act === 'delete' && layerId !== '') {
      if (!confirm('Delete this layer from every map? Its revisions are kept.')) return;
      api('DELETE', `/desks/${encodeURIComponent(desk)}/layers/${encodeURIComponent(layerId)}`).then(
        () => location.assign(`/newsroom/desks/${encodeURIComponent(desk)}/layers`),
        (error: unknown) => say(form, problemText(error), true),
      );
      return;
    } else return;
    draw();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const kind = field('kind').value;
    if (kind === 'front' ? points.length < 2 : !closed || points.length < 3) {
      say(
        form,
        kind === 'front' ? 'Add at least two points.' : 'Add at least three points and close the shape.',
        true,
      );
      return;
    }
    const geometry =
      kind === 'front'
        ? { type: 'LineString', coordinates: points }
        : { type: 'Polygon', coordinates: [[...points, points[0]]] };
    const validTo = field('validTo').value;
    const body = {
      kind,
      ...(kind === 'control' && { forceId: field('forceId').value || null }),
      ...(kind === 'zone' && { zoneKind: field('zoneKind').value }),
      label: field('label').value,
      geometry,
      validFrom: field('validFrom').value,
      validTo: validTo === '' ? null : validTo,
      source: field('source').value,
      claimStatus: field('claimStatus').value,
    };
    const base = `/desks/${encodeURIComponent(desk)}/layers`;
    say(form, 'Saving…');
    const saved =
      layerId === ''
        ? api<{ id: string }>('POST', base, body).then((layer) => layer.id)
        : api('POST', `${base}/${encodeURIComponent(layerId)}/revisions`, {
            ...body,
            // A colleague's revision saved since this page loaded is refused (409), not undone.
            baseRevision: Number(form.dataset['revision']),
          }).then(() => layerId);
    saved.then(
      (id) =>
        location.assign(
          `/newsroom/desks/${encodeURIComponent(desk)}/layers?layer=${encodeURIComponent(id)}&saved=1`,
        ),
      (error: unknown) => say(form, problemText(error), true),
    );
  });

  new ResizeObserver(draw).observe(svg);
  draw();
}

/** A force's name and colour form (or the new force form): saved through the API, then the page reloads. */
function startForceForm(forceForm: HTMLFormElement): void {
  const desk = (document.getElementById('layer-form') as HTMLFormElement | null)?.dataset['desk'] ?? '';
  forceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = forceForm.dataset['force'] ?? '';
    const input = (name: string) => forceForm.elements.namedItem(name) as HTMLInputElement;
    const fields = ['name', 'colour'] as const;
    // A force's change sends only the fields this editor changed, so a colleague's rename or recolour
    // since the page loaded stands; a new force sends both.
    const body = Object.fromEntries(
      fields
        .filter((name) => id === '' || input(name).value !== input(name).defaultValue)
        .map((name) => [name, input(name).value]),
    );
    if (Object.keys(body).length === 0) {
      say(forceForm, 'Nothing changed.');
      return;
    }
    const path = `/desks/${encodeURIComponent(desk)}/forces${id === '' ? '' : `/${encodeURIComponent(id)}`}`;
    api(id === '' ? 'POST' : 'PATCH', path, body).then(
      () => location.reload(),
      (error: unknown) => say(forceForm, problemText(error), true),
    );
  });
}
