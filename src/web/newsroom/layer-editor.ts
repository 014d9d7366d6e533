/**
 * The newsroom's map layer drawing page (http/newsroom/layer-editor-page.tsx). A click adds a point: its
 * longitude and latitude come from d3-geo's inverse of the reader map's projection (the same
 * Natural Earth fit as http/map/basemap.ts), so what is drawn here lines up on every reader map.
 * Points are dragged to move them; the first point (or "Close shape") closes an area; "Add another
 * area" starts a second one (a MultiPolygon) and a click on an area makes it the one edited. Saving
 * posts the drawing to the API, which checks it; a picked layer gets a new revision, based on the one
 * opened, so a colleague's newer revision is reported rather than replaced.
 */
import { geoNaturalEarth1 } from 'd3-geo';
import { api, problemText, say, type Problem } from './api.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
type LonLat = [number, number];
/** One area being drawn: its outline's points (not closed by a repeat), whether closed, holes kept. */
interface Area {
  points: LonLat[];
  closed: boolean;
  holes: LonLat[][];
}

const svg = document.getElementById('layer-map') as SVGSVGElement | null;
const form = document.getElementById('layer-form') as HTMLFormElement | null;
if (svg && form) startEditor(svg, form);
for (const forceForm of document.querySelectorAll<HTMLFormElement>('.force-form')) startForceForm(forceForm);
for (const importForm of document.querySelectorAll<HTMLFormElement>('.layer-import'))
  startImportForm(importForm);

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
  /**
   * The drawing: one or more areas (a MultiPolygon's parts; a line is one "area" left open). Only the
   * active area's points can be added, moved or removed; a click on another area makes it active.
   * Holes of a stored drawing are kept as they are (drawn, not edited).
   */
  let areas: Area[] = [{ points: [], closed: false, holes: [] }];
  let active = 0;
  const area = (): Area => areas[active]!;

  // A picked layer starts from its drawing: every area of it, or its line.
  const geometry = form.dataset['geometry'];
  if (geometry) {
    const g = JSON.parse(geometry) as { type: string; coordinates: unknown };
    const polygon = (rings: LonLat[][]): Area => ({
      // The closing position repeats the first: not a point of its own here.
      points: (rings[0] ?? []).slice(0, -1).map((p) => [p[0], p[1]]),
      closed: true,
      holes: rings.slice(1),
    });
    if (g.type === 'Polygon') areas = [polygon(g.coordinates as LonLat[][])];
    else if (g.type === 'MultiPolygon') areas = (g.coordinates as LonLat[][][]).map(polygon);
    else areas = [{ points: (g.coordinates as LonLat[]).map((p) => [p[0], p[1]]), closed: false, holes: [] }];
    if (areas.length === 0) areas = [{ points: [], closed: false, holes: [] }];
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

  const ringPath = (ring: LonLat[], close: boolean): string => {
    const xy = ring.map((p) => projection(p) ?? [0, 0]);
    return xy.length === 0 ? '' : `M${xy.map(([x, y]) => `${x},${y}`).join('L')}${close ? 'Z' : ''}`;
  };
  const pointsSummary = (a: Area): string =>
    `${a.points.length} point${a.points.length === 1 ? '' : 's'}${a.closed && !isLine() ? ', area closed' : ''}`;

  const draw = (): void => {
    if (!drawing) return;
    const r = 6 * unit();
    const line = isLine();
    const shapes = areas.map((a, i) => {
      const shape = document.createElementNS(SVG_NS, 'path');
      const filled = a.closed && !line;
      shape.setAttribute(
        'd',
        ringPath(a.points, filled) + (filled ? a.holes.map((h) => ringPath(h, true)).join('') : ''),
      );
      shape.setAttribute('class', i === active ? 'layer-shape' : 'layer-shape other');
      shape.setAttribute('fill', filled ? '#c0392b' : 'none');
      shape.setAttribute('fill-rule', 'evenodd');
      shape.setAttribute('fill-opacity', i === active ? '0.25' : '0.12');
      shape.setAttribute('stroke', '#c0392b');
      shape.setAttribute('stroke-width', i === active ? '2' : '1.5');
      if (i !== active) shape.setAttribute('stroke-dasharray', '4 3');
      shape.setAttribute('vector-effect', 'non-scaling-stroke');
      shape.dataset['area'] = String(i);
      return shape;
    });
    const handles = area().points.map((p, i) => {
      const [x, y] = projection(p) ?? [0, 0];
      const c = document.createElementNS(SVG_NS, 'circle');
      c.setAttribute('cx', String(x));
      c.setAttribute('cy', String(y));
      c.setAttribute('r', String(i === 0 && !area().closed ? r * 1.4 : r));
      c.setAttribute('class', i === 0 ? 'layer-handle first' : 'layer-handle');
      c.dataset['index'] = String(i);
      return c;
    });
    drawing.replaceChildren(...shapes, ...handles);
    const several = areas.length > 1 && !line;
    if (pointsText)
      pointsText.textContent =
        area().points.length === 0 && !several
          ? 'No points yet.'
          : several
            ? `Area ${active + 1} of ${areas.length}: ${area().points.length === 0 ? 'no points yet' : pointsSummary(area())}.`
            : `${pointsSummary(area())}.`;
    for (const button of form.querySelectorAll<HTMLButtonElement>(
      '[data-act="add-area"], [data-act="remove-area"]',
    ))
      button.hidden = line;
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
    area().points[drag.index] = p;
    draw();
  });
  svg.addEventListener('pointerup', (event) => {
    const was = drag;
    drag = null;
    const a = area();
    if (was !== null) {
      // A click on the first point without moving it closes the area.
      if (!was.moved && was.index === 0 && !a.closed && !isLine() && a.points.length >= 3) {
        a.closed = true;
        draw();
      }
      return;
    }
    // A click on another area (while this one is not being drawn) makes it the one edited.
    const other = (event.target as SVGElement).dataset?.['area'];
    if (other !== undefined && Number(other) !== active && (a.closed || a.points.length === 0)) {
      let next = Number(other);
      if (a.points.length === 0) {
        // The empty area just added is dropped rather than left behind.
        areas.splice(active, 1);
        if (next > active) next -= 1;
      }
      active = next;
      draw();
      return;
    }
    if (a.closed && !isLine()) return;
    const p = toLonLat(event);
    if (p === null) return;
    a.points.push(p);
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
    const a = area();
    if (act === 'close' && a.points.length >= 3) a.closed = true;
    else if (act === 'undo') {
      if (a.closed) a.closed = false;
      else a.points.pop();
    } else if (act === 'clear') {
      areas = [{ points: [], closed: false, holes: [] }];
      active = 0;
    } else if (act === 'add-area') {
      if (!a.closed || a.points.length < 3) {
        say(form, 'Close this area before adding another.', true);
        return;
      }
      areas.push({ points: [], closed: false, holes: [] });
      active = areas.length - 1;
      say(form, `Area ${active + 1}: click the map to add its points.`);
    } else if (act === 'remove-area') {
      if (areas.length > 1) {
        areas.splice(active, 1);
        active = Math.max(0, active - 1);
      } else areas = [{ points: [], closed: false, holes: [] }];
      say(form, 'Area removed (saved when you save the revision).');
    } else if (act === 'delete' && layerId !== '') {
      if (!confirm('Delete this layer from every map? Its revisions are kept.')) return;
      // Names the revision this page shows: a colleague's newer one is not deleted unseen (409).
      const base = Number(form.dataset['revision'] ?? '');
      api(
        'DELETE',
        `/desks/${encodeURIComponent(desk)}/layers/${encodeURIComponent(layerId)}` +
          (base > 0 ? `?baseRevision=${base}` : ''),
      ).then(
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
    // An area added but left without points is not part of the drawing.
    const drawn = areas.filter((a) => a.points.length > 0);
    const line = drawn[0]?.points ?? [];
    const open = drawn.findIndex((a) => !a.closed || a.points.length < 3);
    if (kind === 'front' ? line.length < 2 : drawn.length === 0 || open !== -1) {
      say(
        form,
        kind === 'front'
          ? 'Add at least two points.'
          : drawn.length > 1
            ? `Area ${areas.indexOf(drawn[open]!) + 1} needs at least three points and to be closed.`
            : 'Add at least three points and close the shape.',
        true,
      );
      return;
    }
    const polygons = drawn.map((a) => [[...a.points, a.points[0]!], ...a.holes]);
    const geometry =
      kind === 'front'
        ? { type: 'LineString', coordinates: line }
        : polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] }
          : { type: 'MultiPolygon', coordinates: polygons };
    const baseRevision = Number(form.dataset['revision'] ?? '');
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
      // The revision this drawing was opened from: a colleague's newer one is not silently replaced.
      ...(baseRevision > 0 && { baseRevision }),
    };
    const base = `/desks/${encodeURIComponent(desk)}/layers`;
    say(form, 'Saving…');
    const saved =
      layerId === ''
        ? api<{ id: string }>('POST', base, body).then((layer) => layer.id)
        : api('POST', `${base}/${encodeURIComponent(layerId)}/revisions`, body).then(() => layerId);
    saved.then(
      (id) =>
        location.assign(
          `/newsroom/desks/${encodeURIComponent(desk)}/layers?layer=${encodeURIComponent(id)}&saved=1`,
        ),
      (error: unknown) => {
        const problem = error as Problem & { current?: { revision?: number; author?: string } };
        if (problem.status !== 409) return say(form, problemText(error), true);
        // Keep this drawing on screen; the newer revision is one click away to compare and redo.
        say(
          form,
          `Not saved: ${problem.current?.author ?? 'a colleague'} saved revision ${problem.current?.revision ?? ''} ` +
            'since you opened this one. Your drawing is still here; open the newest revision ' +
            '(Revise it again) to redo your change on top of theirs.',
          true,
        );
        const link = document.createElement('a');
        link.href = `/newsroom/desks/${encodeURIComponent(desk)}/layers?layer=${encodeURIComponent(layerId)}`;
        link.textContent = 'Open the newest revision';
        link.className = 'layer-newest';
        form.querySelector('.nr-status')?.append(' ', link);
      },
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

/** The server's import limit (http/api/layer-routes.ts): a bigger file is refused before it is sent. */
const IMPORT_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The picked layer's GeoJSON import: a FeatureCollection file (an export of this or another layer,
 * or drawings made elsewhere) becomes new revisions, all or none, checked by the server.
 */
function startImportForm(importForm: HTMLFormElement): void {
  const desk = (document.getElementById('layer-form') as HTMLFormElement | null)?.dataset['desk'] ?? '';
  const layerId = importForm.dataset['layer'] ?? '';
  importForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = (importForm.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > IMPORT_LIMIT_BYTES) {
      say(importForm, 'This file is over 8 MB: split it or simplify its outlines first.', true);
      return;
    }
    say(importForm, 'Importing…');
    file
      .text()
      .then((text) => {
        let collection: unknown;
        try {
          collection = JSON.parse(text);
        } catch {
          throw { detail: `${file.name} is not GeoJSON: it does not read as JSON` };
        }
        return api<unknown[]>(
          'POST',
          `/desks/${encodeURIComponent(desk)}/layers/${encodeURIComponent(layerId)}/revisions/import`,
          collection,
        );
      })
      .then(
        () =>
          location.assign(
            `/newsroom/desks/${encodeURIComponent(desk)}/layers?layer=${encodeURIComponent(layerId)}&saved=1`,
          ),
        (error: unknown) => {
          const field = (error as Problem).field;
          say(importForm, `Nothing imported: ${field ? `${field}: ` : ''}${problemText(error)}`, true);
        },
      );
  });
}
