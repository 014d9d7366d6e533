/**
 * Map layers drawn by editors: areas held by a force, agreed zones and front lines, each revised over
 * time. A revision holds the whole drawing and its claim; what a map shows on a day is, per layer, the
 * newest revision valid from that day or before (layerAsOf). Geometry is checked here (validateGeometry)
 * and stored with d3-geo's winding, so the server and the browser draw the area, not its complement.
 */
import { geoArea } from 'd3-geo';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { invalid } from './errors.ts';
import type { ClaimStatus } from './types.ts';

/** What a layer shows: ground held by a force, a zone agreed between parties, or a front line. */
export const LAYER_KINDS = ['control', 'zone', 'front'] as const;
/** One kind of layer. */
export type LayerKind = (typeof LAYER_KINDS)[number];
/** Readers' names of the kinds. */
export const LAYER_KIND_LABELS: Record<LayerKind, string> = {
  control: 'Area of control',
  zone: 'Agreed zone',
  front: 'Front line',
};

/** Kinds of agreed zone. */
export const ZONE_KINDS = ['de-escalation', 'ceasefire', 'buffer'] as const;
/** One kind of agreed zone. */
export type ZoneKind = (typeof ZONE_KINDS)[number];
/** Readers' names of the zone kinds. */
export const ZONE_LABELS: Record<ZoneKind, string> = {
  'de-escalation': 'De-escalation zone',
  ceasefire: 'Ceasefire zone',
  buffer: 'Buffer zone',
};

/** Most vertices one layer's geometry may have (every ring and part together). */
export const MAX_LAYER_VERTICES = 20_000;
/** Mean Earth radius (IUGG), km: d3-geo's areas are steradians, times R² is km². */
export const EARTH_RADIUS_KM = 6371.0088;

/** A layer's drawing: an area (Polygon, MultiPolygon) or a line. */
export type LayerGeometry = Polygon | MultiPolygon | LineString;

/** A force a desk draws areas of control for, with its colour (#rrggbb). */
export interface MapForce {
  id: string;
  deskId: string;
  name: string;
  colour: string;
  createdAt: string;
}

/** What an editor says of a layer in one revision. */
export interface LayerContent {
  kind: LayerKind;
  /** The force holding the area (kind control); null otherwise. */
  forceId: string | null;
  /** The zone's kind (kind zone); null otherwise. */
  zoneKind: ZoneKind | null;
  /** A short name ("Idlib de-escalation zone"), may be empty. */
  label: string;
  geometry: LayerGeometry;
  /** First day the drawing holds (YYYY-MM-DD). */
  validFrom: string;
  /** First day it no longer holds (the layer ended), or null. */
  validTo: string | null;
  /** Where it comes from: text, a URL or both. */
  source: string;
  claimStatus: ClaimStatus;
}

/** One revision of a layer: every one is kept. */
export interface LayerRevision extends LayerContent {
  layerId: string;
  /** 1, 2, … in the order saved. */
  revision: number;
  /** Who saved it (the principal's name). */
  author: string;
  createdAt: string;
  /** The area on the sphere, km² (0 for a line). */
  areaKm2: number;
  vertexCount: number;
}

/** A layer of a desk with its newest revision. */
export interface MapLayer {
  id: string;
  deskId: string;
  createdAt: string;
  deletedAt: string | null;
  current: LayerRevision;
}

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/**
 * Per layer, the revision a map of `day` shows: the newest by validity then revision among those valid
 * from `day` or before, unless it ended by then. Revisions of any number of layers may be given.
 */
export function layerAsOf<R extends Pick<LayerRevision, 'layerId' | 'revision' | 'validFrom' | 'validTo'>>(
  revisions: R[],
  day: string,
): R[] {
  const best = new Map<string, R>();
  for (const r of revisions) {
    if (r.validFrom > day) continue;
    const known = best.get(r.layerId);
    if (
      known === undefined ||
      r.validFrom > known.validFrom ||
      (r.validFrom === known.validFrom && r.revision > known.revision)
    )
      best.set(r.layerId, r);
  }
  return [...best.values()].filter((r) => r.validTo === null || r.validTo > day);
}

/** The area of `geometry` on the sphere in km² (0 for a line); it must have d3-geo's winding. */
export function areaKm2(geometry: LayerGeometry): number {
  if (geometry.type === 'LineString') return 0;
  return geoArea(geometry) * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}

/**
 * Checks a geometry sent from outside and returns it in stored form: 2-D positions, rings with d3-geo's
 * winding (exterior clockwise on screen, holes the other way; RFC 7946 allows either when reading).
 * Throws a validation error on field `field` naming the first thing wrong: type, shape, ranges, open
 * rings, too many vertices, or edges that cross.
 */
export function validateGeometry(value: unknown, field = 'geometry'): LayerGeometry {
  if (value === null || typeof value !== 'object') throw invalid(field, 'must be a GeoJSON geometry object');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  let count = 0;
  const position = (p: unknown, at: string): Position => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3)
      throw invalid(field, `${at} must be a [longitude, latitude] position`);
    const [lon, lat] = p as unknown[];
    if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180)
      throw invalid(field, `${at}: longitude must be a number from -180 to 180`);
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90)
      throw invalid(field, `${at}: latitude must be a number from -90 to 90`);
    if (++count > MAX_LAYER_VERTICES)
      throw invalid(field, `has more than ${MAX_LAYER_VERTICES} vertices; simplify it first`);
    return [lon, lat];
  };
  const positions = (list: unknown, at: string, least: number): Position[] => {
    if (!Array.isArray(list)) throw invalid(field, `${at} must be an array of positions`);
    if (list.length < least) throw invalid(field, `${at} needs at least ${least} positions`);
    if (count + list.length > MAX_LAYER_VERTICES)
      throw invalid(field, `has more than ${MAX_LAYER_VERTICES} vertices; simplify it first`);
    return list.map((p, i) => position(p, `${at}[${i}]`));
  };
  const ring = (list: unknown, at: string): Position[] => {
    const points = positions(list, at, 4);
    const first = points[0]!;
    const last = points.at(-1)!;
    if (first[0] !== last[0] || first[1] !== last[1])
      throw invalid(field, `${at} is not closed: its last position must repeat its first`);
    return points;
  };
  const polygon = (list: unknown, at: string): Position[][] => {
    if (!Array.isArray(list) || list.length === 0)
      throw invalid(field, `${at} must be an array of rings (the outline first)`);
    return list.map((r, i) => ring(r, `${at}[${i}]`));
  };
  let geometry: LayerGeometry;
  if (type === 'Polygon') {
    geometry = { type, coordinates: polygon(coordinates, 'coordinates').map(wind) };
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0)
      throw invalid(field, 'coordinates must be an array of polygons');
    geometry = {
      type,
      coordinates: coordinates.map((p, i) => polygon(p, `coordinates[${i}]`).map(wind)),
    };
  } else if (type === 'LineString') {
    geometry = { type, coordinates: positions(coordinates, 'coordinates', 2) };
  } else {
    throw invalid(field, 'type must be Polygon, MultiPolygon or LineString');
  }
  const crossing = findCrossing(geometry);
  if (crossing === 'too intricate')
    throw invalid(
      field,
      'is too intricate to check for crossing edges (many long edges close together): simplify the drawing',
    );
  if (crossing !== null) throw invalid(field, `edges cross near ${crossing[0]}, ${crossing[1]}`);
  return geometry;
}

/** Number of vertices of a geometry. */
export function vertexCount(geometry: LayerGeometry): number {
  if (geometry.type === 'LineString') return geometry.coordinates.length;
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  return rings.reduce((n, r) => n + r.length, 0);
}

// d3-geo takes the smaller side of a ring as its inside only when it winds clockwise; a ring that
// encloses more than a hemisphere is read the other way round and reversed (the holes opposite).
function wind(ring: Position[], index: number): Position[] {
  const big = geoArea({ type: 'Polygon', coordinates: [ring] }) > 2 * Math.PI;
  return big === (index === 0) ? [...ring].reverse() : ring;
}

type Segment = [
  ax: number,
  ay: number,
  bx: number,
  by: number,
  ring: number,
  index: number,
  ringSize: number,
];

/**
 * Most grid entries plus edge-pair tests one check may do. An outline as drawn (short edges) needs
 * about as many as it has edges; a valid "comb" of 20,000 long thin teeth needed over 10⁸ (5.6 s with
 * the server blocked), so such a drawing is refused instead. About 0.1 s of work at this cap.
 */
const MAX_CROSSING_WORK = 4_000_000;

/**
 * The first point where two edges of the geometry cross or touch (other than neighbours sharing a
 * vertex), or null; 'too intricate' past MAX_CROSSING_WORK. Edges are bucketed in a grid over the
 * bounding box so that a 20,000-vertex drawing costs about as many tests as it has edges (a plain
 * all-pairs test would be 2·10⁸).
 */
function findCrossing(geometry: LayerGeometry): [number, number] | 'too intricate' | null {
  const lines: Position[][] =
    geometry.type === 'LineString'
      ? [geometry.coordinates]
      : geometry.type === 'Polygon'
        ? geometry.coordinates
        : geometry.coordinates.flat();
  const segments: Segment[] = [];
  lines.forEach((all, r) => {
    // A vertex clicked twice is one vertex.
    const line = all.filter((p, i) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i]!;
      const b = line[i + 1]!;
      segments.push([a[0]!, a[1]!, b[0]!, b[1]!, r, i, line.length - 1]);
    }
  });
  const closed = geometry.type !== 'LineString';
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of segments) {
    x0 = Math.min(x0, s[0], s[2]);
    x1 = Math.max(x1, s[0], s[2]);
    y0 = Math.min(y0, s[1], s[3]);
    y1 = Math.max(y1, s[1], s[3]);
  }
  const cells = Math.max(1, Math.ceil(Math.sqrt(segments.length)));
  const cw = (x1 - x0) / cells || 1;
  const ch = (y1 - y0) / cells || 1;
  const cell = (v: number, v0: number, size: number) => Math.min(cells - 1, Math.floor((v - v0) / size));
  const grid = new Map<number, number[]>();
  let work = 0;
  for (const [k, s] of segments.entries()) {
    const [cx0, cx1] = [cell(Math.min(s[0], s[2]), x0, cw), cell(Math.max(s[0], s[2]), x0, cw)];
    const [cy0, cy1] = [cell(Math.min(s[1], s[3]), y0, ch), cell(Math.max(s[1], s[3]), y0, ch)];
    work += (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
    if (work > MAX_CROSSING_WORK) return 'too intricate';
    for (let cx = cx0; cx <= cx1; cx++)
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = cx * cells + cy;
        const list = grid.get(key);
        if (list === undefined) grid.set(key, [k]);
        else list.push(k);
      }
  }
  for (const list of grid.values()) {
    work += (list.length * (list.length - 1)) / 2;
    if (work > MAX_CROSSING_WORK) return 'too intricate';
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const s = segments[list[i]!]!;
        const t = segments[list[j]!]!;
        if (s[4] === t[4]) {
          const gap = Math.abs(s[5] - t[5]);
          // Neighbours share a vertex (in a ring the last edge neighbours the first).
          if (gap === 1 || (closed && gap === s[6] - 1)) {
            if (!overlapsAlong(s, t)) continue;
          }
        }
        if (segmentsMeet(s, t)) return [s[0], s[1]];
      }
  }
  return null;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** Whether two edges have a point in common. */
function segmentsMeet(s: Segment, t: Segment): boolean {
  const [ax, ay, bx, by] = s;
  const [cx, cy, dx, dy] = t;
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))
  );
}

/** Whether neighbouring edges fold back over each other (collinear, pointing back). */
function overlapsAlong(s: Segment, t: Segment): boolean {
  const [ax, ay, bx, by] = s;
  const [cx, cy, dx, dy] = t;
  if (orient(ax, ay, bx, by, cx, cy) !== 0 || orient(ax, ay, bx, by, dx, dy) !== 0) return false;
  // Collinear neighbours: they overlap when they point in opposite directions.
  return (bx - ax) * (dx - cx) + (by - ay) * (dy - cy) < 0;
}

/**
 * The days each revision is shown on, as spans [from, to) (to null: still shown), so a page can carry
 * every revision once and a date slider can show the right ones without asking the server again.
 */
export function layerSpans<R extends Pick<LayerRevision, 'layerId' | 'revision' | 'validFrom' | 'validTo'>>(
  revisions: R[],
): Map<R, [string, string | null][]> {
  const byLayer = new Map<string, R[]>();
  for (const r of revisions) byLayer.set(r.layerId, [...(byLayer.get(r.layerId) ?? []), r]);
  const spans = new Map<R, [string, string | null][]>();
  for (const list of byLayer.values()) {
    // What is shown can only change on a day some revision starts or ends.
    const days = [
      ...new Set(list.flatMap((r) => (r.validTo === null ? [r.validFrom] : [r.validFrom, r.validTo]))),
    ].sort();
    days.forEach((day, i) => {
      const [shown] = layerAsOf(list, day);
      if (shown === undefined) return;
      const own = spans.get(shown) ?? [];
      const last = own.at(-1);
      const next = days[i + 1] ?? null;
      if (last !== undefined && last[1] === day) last[1] = next;
      else own.push([day, next]);
      spans.set(shown, own);
    });
  }
  return spans;
}

/** What a layer's caption says: "Area of control: <force>", "Ceasefire zone", "Front line". */
export function layerTitle(
  r: Pick<LayerRevision, 'kind' | 'zoneKind'>,
  force: Pick<MapForce, 'name'> | null,
): string {
  if (r.kind === 'control') return `${LAYER_KIND_LABELS.control}: ${force?.name ?? 'unknown force'}`;
  if (r.kind === 'zone' && r.zoneKind !== null) return ZONE_LABELS[r.zoneKind];
  return LAYER_KIND_LABELS[r.kind];
}
