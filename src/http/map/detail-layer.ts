/**
 * What the map shows around the story, drawn on the server for the area in view: coastlines and borders
 * at 1:50m (world-atlas), admin-1 boundaries and names (resources/map/admin1.json.gz, built from Natural
 * Earth by scripts/build-map-data.ts) and towns by population (the gazetteer's cities.tsv). Inline SVG
 * in the map's coordinate space, so it lines up with the 1:110m world image and the markers; strokes
 * and labels keep their size on screen at any zoom (CSS, see reader.css). Offline: nothing is fetched.
 *
 * Also where the map opens: the markers' extent with padding, else the desk's country, else the world.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { DEFAULT_DATA_DIR } from '../../enrich/pipeline.ts';
import { MAP_HEIGHT, MAP_WIDTH } from './basemap.ts';

const require = createRequire(import.meta.url);

/** A rectangle of the map's coordinate space (the 960×500 viewBox of the world). */
export interface Extent {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const WORLD: Extent = { x: 0, y: 0, w: MAP_WIDTH, h: MAP_HEIGHT };
/** The closest the map zooms: 1/512 of the world's width (about 75 km). */
export const MIN_VIEW_WIDTH = MAP_WIDTH / 512;
/** A lone marker opens with this much around it (about 900 km across). */
const MIN_FIT_WIDTH = MAP_WIDTH / 40;
/**
 * Detail is drawn for the view and half of it again on every side, for panning (a whole view on every
 * side drew 660 KB for Ukraine; this, about a third of it).
 */
const DETAIL_MARGIN = 0.5;
/** Towns drawn per view; the browser shows those that fit, biggest first. */
const MAX_TOWNS = 250;
/** Region names drawn per view (Natural Earth has 4,596 regions; Europe's are small and many). */
const MAX_REGIONS = 120;
/** Without script, only the biggest towns are labelled (the browser places the rest). */
const TOWNS_WITHOUT_SCRIPT = 12;

interface Region {
  c: string;
  n: string;
  x: number;
  y: number;
}
interface Town {
  name: string;
  country: string;
  lon: number;
  lat: number;
  population: number;
}

interface Data {
  projection: GeoProjection;
  land: Geometry | FeatureCollection<Geometry>;
  borders: MultiLineString;
  regions: FeatureCollection<Geometry, Region>;
  regionLines: MultiLineString;
  towns: Town[];
}

let loaded: Data | undefined;

/** The same projection as basemap.ts (fitted to the same box), so layers line up. */
function projection(): GeoProjection {
  return geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
}

function load(): Data {
  const world = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection }>;
  // Land as one shape, so a border is not drawn twice in the fill.
  const land = require('world-atlas/land-50m.json') as Topology<{ land: GeometryCollection }>;
  const admin1 = JSON.parse(
    gunzipSync(readFileSync(join(DEFAULT_DATA_DIR, 'map', 'admin1.json.gz'))).toString('utf8'),
  ) as Topology<{ admin1: GeometryCollection<Region> }>;
  const towns: Town[] = [];
  for (const line of readFileSync(join(DEFAULT_DATA_DIR, 'gazetteer', 'cities.tsv'), 'utf8').split('\n')) {
    const [name, country, , lat, lon, population] = line.split('\t');
    const people = Number(population);
    // Villages are for the enricher; the map labels towns.
    if (name === undefined || country === undefined || !(people >= 5000)) continue;
    towns.push({ name, country, lat: Number(lat), lon: Number(lon), population: people });
  }
  towns.sort((a, b) => b.population - a.population);
  return {
    projection: projection(),
    land: feature(land, land.objects.land) as FeatureCollection<Geometry>,
    borders: mesh(world, world.objects.countries, (a, b) => a !== b),
    regions: feature(admin1, admin1.objects.admin1) as FeatureCollection<Geometry, Region>,
    // Boundaries between two regions of one country; borders between countries come from world-atlas.
    regionLines: mesh(
      admin1,
      admin1.objects.admin1,
      (a, b) => a !== b && (a.properties as Region).c === (b.properties as Region).c,
    ),
    towns,
  };
}

function data(): Data {
  loaded ??= load();
  return loaded;
}

/** `extent` grown to the map's aspect ratio around its centre, at least `minWidth` wide, inside the world. */
export function shaped(extent: Extent, minWidth = MIN_VIEW_WIDTH): Extent {
  const aspect = MAP_HEIGHT / MAP_WIDTH;
  let w = Math.max(extent.w, extent.h / aspect, minWidth);
  w = Math.min(w, MAP_WIDTH);
  const h = w * aspect;
  const cx = extent.x + extent.w / 2;
  const cy = extent.y + extent.h / 2;
  const x = Math.min(Math.max(cx - w / 2, 0), MAP_WIDTH - w);
  const y = Math.min(Math.max(cy - h / 2, 0), MAP_HEIGHT - h);
  return { x: round(x), y: round(y), w: round(w), h: round(h) };
}

/** The view that shows every point with a margin (a lone point with its surroundings); null for none. */
export function fitPoints(points: [number, number][]): Extent | null {
  if (points.length === 0) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const w = Math.max(...xs) - x0;
  const h = Math.max(...ys) - y0;
  // A fifth of the extent on each side, so no marker sits on the frame.
  return shaped({ x: x0 - w * 0.2, y: y0 - h * 0.2, w: w * 1.4, h: h * 1.4 }, MIN_FIT_WIDTH);
}

/** The view of a country (ISO 3166-1 alpha-2) by its admin-1 regions, or null when unknown. */
export function countryExtent(iso2: string): Extent | null {
  const { regions, projection } = data();
  const parts = regions.features.filter((f) => f.properties.c === iso2);
  if (parts.length === 0) return null;
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds({ type: 'FeatureCollection', features: parts });
  if (!Number.isFinite(x0) || x1 - x0 > MAP_WIDTH / 2) return null; // across the antimeridian: no help
  return shaped({ x: x0 - 2, y: y0 - 2, w: x1 - x0 + 4, h: y1 - y0 + 4 }, MIN_FIT_WIDTH);
}

/** The country of a desk's time zone ("Europe/Kyiv" → UA), by the zone's city in the gazetteer. */
export function countryOfTimeZone(timeZone: string): string | null {
  const city = timeZone.split('/').at(-1)?.replace(/_/g, ' ');
  if (city === undefined || !timeZone.includes('/')) return null;
  return data().towns.find((t) => t.name === city)?.country ?? null;
}

const cache = new Map<string, string>();
const CACHE_SIZE = 64;

/**
 * The detail layer for a view (SVG markup, `<g class="map-detail">`), or '' when the view is the whole
 * world (the 1:110m image is enough there). Drawn once per view and kept.
 */
export function detailLayer(view: Extent): string {
  if (view.w > MAP_WIDTH / 3) return '';
  const key = `${view.x},${view.y},${view.w}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const svg = draw(view);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, svg);
  return svg;
}

function draw(view: Extent): string {
  const { land, borders, regions, regionLines, towns } = data();
  const area: Extent = {
    x: view.x - view.w * DETAIL_MARGIN,
    y: view.y - view.h * DETAIL_MARGIN,
    w: view.w * (1 + 2 * DETAIL_MARGIN),
    h: view.h * (1 + 2 * DETAIL_MARGIN),
  };
  const clipped = projection().clipExtent([
    [area.x, area.y],
    [area.x + area.w, area.y + area.h],
  ]);
  // Enough digits for the closest zoom (a unit is 1/512 of the view there).
  const path = geoPath(clipped).digits(view.w < 30 ? 3 : 2);
  const inside = (x: number, y: number) =>
    x >= area.x && x <= area.x + area.w && y >= area.y && y <= area.y + area.h;
  const project = (lon: number, lat: number) => clipped([lon, lat]);
  // Labels' size without script (at 960 px wide); map-client.ts keeps it for any width and zoom.
  const scale = `scale(${round(view.w / MAP_WIDTH)})`;
  // Region boundaries are many short lines: drawn for the view and a quarter around it only.
  const regionPath = geoPath(
    projection().clipExtent([
      [view.x - view.w / 4, view.y - view.h / 4],
      [view.x + view.w * 1.25, view.y + view.h * 1.25],
    ]),
  ).digits(view.w < 30 ? 3 : 2);
  const parts: string[] = [
    `<path class="map-land" d="${path(land) ?? ''}"/>`,
    `<path class="map-admin1" d="${regionPath(regionLines) ?? ''}"/>`,
    `<path class="map-border" d="${path(borders) ?? ''}"/>`,
  ];
  // Region names: small capitals, under the towns; those in view (and a little around) only.
  const distance = ([x, y]: [number, number]) => Math.hypot(x - view.x - view.w / 2, y - view.y - view.h / 2);
  const near = (x: number, y: number) =>
    x >= view.x - view.w / 4 &&
    x <= view.x + view.w * 1.25 &&
    y >= view.y - view.h / 4 &&
    y <= view.y + view.h * 1.25;
  const named = regions.features
    .flatMap((region) => {
      const point = project(region.properties.x, region.properties.y);
      return point === null || !near(point[0], point[1]) || region.properties.n === ''
        ? []
        : [{ name: region.properties.n, point }];
    })
    .sort((a, b) => distance(a.point) - distance(b.point))
    .slice(0, MAX_REGIONS);
  for (const { name, point } of named) {
    parts.push(
      `<g class="map-region" transform="translate(${round(point[0])} ${round(point[1])})"><text class="s" transform="${scale}">${escapeXml(name)}</text></g>`,
    );
  }
  let drawn = 0;
  for (const town of towns) {
    if (drawn >= MAX_TOWNS) break;
    const point = project(town.lon, town.lat);
    if (point === null || !inside(point[0], point[1])) continue;
    const rank =
      town.population >= 1_000_000 ? 1 : town.population >= 250_000 ? 2 : town.population >= 50_000 ? 3 : 4;
    const minor = drawn >= TOWNS_WITHOUT_SCRIPT ? ' minor' : '';
    parts.push(
      `<g class="map-town rank-${rank}${minor}" transform="translate(${round(point[0])} ${round(point[1])})"><g class="s" transform="${scale}"><circle r="2"/><text x="4" y="3.5">${escapeXml(town.name)}</text></g></g>`,
    );
    drawn++;
  }
  return `<g class="map-detail" aria-hidden="true">${parts.join('')}</g>`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
