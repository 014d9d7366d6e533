/**
 * The map's base layer, drawn once at boot from world-atlas (Natural Earth 1:110m countries;
 * 1:50m was 1.6 MB of SVG, 284 KB with brotli: too much for a reader on a slow link; 1:110m is 32 KB) with d3-geo:
 * no tile server, nothing fetched from a third party. The countries become one cacheable SVG file; the
 * same projection places markers, so both line up at every zoom.
 */
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Width and height of the map's coordinate space (the SVG viewBox). */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 500;

/** The base layer and the projection that goes with it. */
export interface Basemap {
  /** A standalone SVG document of land and borders. */
  svg: string;
  /** Screen position of a longitude/latitude in the map's coordinate space, or null if off the map. */
  project(lon: number, lat: number): [number, number] | null;
  /** SVG path data of a geometry (with d3-geo's winding) in the map's coordinate space. */
  path(geometry: Geometry): string;
}

const require = createRequire(import.meta.url);

let cached: Basemap | undefined;

/** Builds the basemap (a few hundred ms) the first time it is asked for. */
export function basemap(): Basemap {
  cached ??= build();
  return cached;
}

function build(): Basemap {
  const world = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection }>;
  const countries = feature(world, world.objects.countries) as FeatureCollection<Geometry>;
  const borders: MultiLineString = mesh(world, world.objects.countries, (a, b) => a !== b);
  const projection: GeoProjection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
  // A tenth of a unit of a 960-wide map is finer than the 1:110m outlines themselves.
  const path = geoPath(projection).digits(1);
  const land = countries.features.map((f) => path(f) ?? '').join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}">` +
    `<path d="${path({ type: 'Sphere' }) ?? ''}" fill="#dfe9f0"/>` +
    `<path d="${land}" fill="#f4f1ea" stroke="none"/>` +
    `<path d="${path(borders) ?? ''}" fill="none" stroke="#b9b2a4" stroke-width="0.4" stroke-linejoin="round"/>` +
    `</svg>`;
  // Layers are zoomed into far more than the 1:110m outlines: a hundredth of a unit (~100 m).
  const layerPath = geoPath(projection).digits(2);
  return {
    svg,
    path: (geometry) => layerPath(geometry) ?? '',
    project(lon, lat) {
      const point = projection([lon, lat]);
      return point === null ? null : [Math.round(point[0] * 100) / 100, Math.round(point[1] * 100) / 100];
    },
  };
}
