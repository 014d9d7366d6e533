/**
 * Editors' layers drawn at the detail the zoom can show. The server writes every outline in full (to a
 * hundredth of a map unit: http/map/basemap.ts); 50 areas of 2,000 vertices each made every zoom frame
 * re-lay out and re-raster 100,000 vertices (non-scaling strokes are measured on screen, so each
 * viewBox change walks every vertex). Here each outline is parsed once and simplified per zoom level
 * (simplify-js: radial distance then Douglas–Peucker) to about half a screen pixel, cached per level,
 * so a frame draws a few thousand vertices and zooming within a level (or panning) changes nothing.
 * The areas in km² are the server's, computed from the full drawing.
 */
import simplify from 'simplify-js';

interface Ring {
  points: { x: number; y: number }[];
  closed: boolean;
}

interface Outline {
  rings: Ring[];
  byLevel: Map<number, string>;
  shown: number | null;
}

const outlines = new WeakMap<SVGPathElement, Outline>();

/** d3-geo's path data ("M x,y L x,y … Z", several rings): its rings of points. */
function parse(d: string): Ring[] {
  const rings: Ring[] = [];
  for (const part of d.split('M')) {
    if (part === '') continue;
    const closed = part.trimEnd().endsWith('Z');
    const numbers = part
      .replace(/Z/g, '')
      .split(/[L,\s]+/)
      .filter((s) => s !== '')
      .map(Number);
    const points: { x: number; y: number }[] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: numbers[i]!, y: numbers[i + 1]! });
    rings.push({ points, closed });
  }
  return rings;
}

function pathData(rings: Ring[], tolerance: number): string {
  let d = '';
  for (const ring of rings) {
    const points = simplify(ring.points, tolerance);
    d += `M${points.map((p) => `${p.x},${p.y}`).join('L')}${ring.closed ? 'Z' : ''}`;
  }
  return d;
}

/**
 * Sets every layer outline under `root` to the detail of `unit` (map units per CSS pixel). Levels are
 * powers of two of the unit, so an outline changes once per doubling of the zoom, never on a pan.
 */
export function fitLayerDetail(root: ParentNode, unit: number): void {
  const level = Math.floor(Math.log2(Math.max(unit, 1e-6)));
  for (const path of root.querySelectorAll<SVGPathElement>('[data-map-layers] path.map-layer')) {
    let outline = outlines.get(path);
    if (outline === undefined) {
      outline = { rings: parse(path.getAttribute('d') ?? ''), byLevel: new Map(), shown: null };
      outlines.set(path, outline);
    }
    if (outline.shown === level) continue;
    let d = outline.byLevel.get(level);
    if (d === undefined) {
      // Half the unit of the level's closest zoom: at most half a pixel off anywhere in the level.
      d = pathData(outline.rings, 2 ** level / 2);
      outline.byLevel.set(level, d);
    }
    path.setAttribute('d', d);
    outline.shown = level;
  }
}
