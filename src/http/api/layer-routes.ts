/**
 * Map layers of a desk (service/map-layers.ts): its forces, its layers and their revisions, the
 * layers as of a day as GeoJSON, GeoJSON import of new layers, and a layer's GeoJSON export and import. Reading is public, as the maps that show them;
 * writing is for editors assigned to the desk.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Position } from 'geojson';
import { z } from 'zod';
import {
  isCalendarDay,
  layerAsOf,
  layerTitle,
  LAYER_KINDS,
  ZONE_KINDS,
  type LayerGeometry,
  type LayerRevision,
  type MapForce,
  type MapLayer,
} from '../../domain/map-layers.ts';
import { CLAIM_STATUSES, type Desk } from '../../domain/types.ts';
import { MAX_FORCE_NAME, MAX_LABEL, type MapLayerService } from '../../service/map-layers.ts';
import type { Store } from '../../store/store.ts';
import { authenticate, requireDesk } from '../auth.ts';
import { mayUseDesk, hasRole } from '../../domain/actors.ts';
import { notFound } from '../../domain/errors.ts';
import { endpoints } from '../kit/endpoint.ts';
import { errors, json, problem, schema } from '../kit/openapi-parts.ts';

/** A drawing of at most 20,000 vertices is under 1 MB of JSON; an import carries several. */
const LAYER_BODY_LIMIT = 2 * 1024 * 1024;
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
  .refine((v) => isCalendarDay(v), 'is not a calendar day');
const DeskParams = z.object({ slug: z.string().min(1).max(80) });
const ItemParams = z.object({ slug: z.string().min(1).max(80), id: z.string().min(1).max(64) });
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const ForceBody = z.strictObject({ name: z.string().trim().min(1).max(MAX_FORCE_NAME), colour });
const ForcePatch = z
  .strictObject({ name: z.string().trim().min(1).max(MAX_FORCE_NAME).optional(), colour: colour.optional() })
  .refine((v) => v.name !== undefined || v.colour !== undefined, 'send name or colour');
const Geometry = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon', 'LineString']),
    coordinates: z.array(z.unknown()),
  })
  .describe(
    'GeoJSON geometry (RFC 7946, longitude first): Polygon or MultiPolygon for areas, LineString for a ' +
      'front line; rings closed, edges not crossing, at most 20,000 vertices in all',
  );
const LayerBody = z.strictObject({
  kind: z.enum(LAYER_KINDS).describe('control: area held by a force; zone: agreed zone; front: front line'),
  forceId: z.string().min(1).max(64).nullable().optional().describe('the force holding it (kind control)'),
  zoneKind: z.enum(ZONE_KINDS).nullable().optional().describe('the kind of zone (kind zone)'),
  label: z.string().max(MAX_LABEL).optional(),
  geometry: Geometry,
  validFrom: day.describe('first day the drawing holds'),
  validTo: day.nullable().optional().describe('first day it no longer holds (the layer ended)'),
  source: z.string().trim().min(1).max(2000).describe('where it comes from: text, a URL or both'),
  claimStatus: z.enum(CLAIM_STATUSES),
});
const RevisionBody = LayerBody.extend({
  baseRevision: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'the revision this drawing was made from: when a newer one was saved meanwhile the save is refused ' +
        '(409, naming it) instead of replacing a colleague’s drawing',
    ),
});
const AsOfQuery = z.strictObject({ date: day.optional().describe('the day (YYYY-MM-DD); today if absent') });
const DeleteQuery = z.strictObject({
  baseRevision: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the revision the deleting page shows: if a colleague saved another since, 409 with theirs'),
});
const ExportQuery = z.strictObject({
  date: day.optional().describe('only the revision maps show on that day (none if the layer is not shown)'),
});
const ImportBody = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).min(1).max(200) })
  .describe(
    'A FeatureCollection; each feature’s properties: kind, validFrom, source, claimStatus, and force ' +
      '(a name), colour, zone, label, validTo as they apply',
  );

/** Geometry as RFC 7946 wants it written: outlines counter-clockwise (stored with d3-geo's winding). */
export function rfc7946(geometry: LayerGeometry): LayerGeometry {
  const ring = (r: Position[]) => [...r].reverse();
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) };
  if (geometry.type === 'MultiPolygon')
    return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
  return geometry;
}

/**
 * A revision as a GeoJSON Feature whose properties are the ones an import reads (kind, force, colour,
 * zone, label, validFrom, validTo, source, claimStatus), so an export can be imported again.
 */
function revisionFeature(r: LayerRevision, force: MapForce | null) {
  return {
    type: 'Feature',
    id: `${r.layerId}-${r.revision}`,
    geometry: rfc7946(r.geometry),
    properties: {
      layerId: r.layerId,
      revision: r.revision,
      title: layerTitle(r, force),
      kind: r.kind,
      force: force?.name ?? null,
      colour: force?.colour ?? null,
      zone: r.zoneKind,
      label: r.label,
      validFrom: r.validFrom,
      validTo: r.validTo,
      source: r.source,
      claimStatus: r.claimStatus,
      author: r.author,
      createdAt: r.createdAt,
      areaKm2: r.areaKm2,
    },
  };
}

function forceJson(f: MapForce) {
  return { id: f.id, name: f.name, colour: f.colour };
}

function revisionJson(r: LayerRevision) {
  return {
    revision: r.revision,
    kind: r.kind,
    forceId: r.forceId,
    zoneKind: r.zoneKind,
    label: r.label,
    geometry: rfc7946(r.geometry),
    validFrom: r.validFrom,
    validTo: r.validTo,
    source: r.source,
    claimStatus: r.claimStatus,
    author: r.author,
    createdAt: r.createdAt,
    areaKm2: r.areaKm2,
    vertexCount: r.vertexCount,
  };
}

function layerJson(l: MapLayer, desk: Desk) {
  return {
    id: l.id,
    desk: desk.slug,
    createdAt: l.createdAt,
    deletedAt: l.deletedAt,
    current: revisionJson(l.current),
  };
}

const FORCE = { type: 'object', properties: { id: {}, name: {}, colour: {} } };
const LAYER = {
  type: 'object',
  properties: { id: {}, desk: {}, createdAt: {}, deletedAt: {}, current: schema(LayerBody) },
};

/** Registers the layer routes on the API (mounted under /api/v1). */
export async function registerLayerRoutes(
  app: FastifyInstance,
  deps: { store: Store; mapLayers: MapLayerService },
): Promise<void> {
  const define = endpoints(app, deps.store);
  const layers = deps.mapLayers;

  /** One of the desk's layers; a deleted one only for the desk's editors (to readers it is gone). */
  async function readableLayer(request: FastifyRequest, desk: Desk, id: string): Promise<MapLayer> {
    const layer = await layers.layer(desk, id);
    if (layer.deletedAt === null) return layer;
    const principal = await authenticate(deps.store, request).catch(() => null);
    if (principal && hasRole(principal.role, 'editor') && mayUseDesk(principal, desk.id)) return layer;
    throw notFound('layer');
  }

  define({
    method: 'GET',
    url: '/desks/:slug/forces',
    params: DeskParams,
    docs: {
      summary: 'The forces a desk draws areas of control for, with their colours',
      responses: {
        '200': { description: 'Forces', content: json({ type: 'array', items: FORCE }) },
        ...errors,
      },
    },
    handler: async ({ params }) => (await layers.forces(await layers.desk(params.slug))).map(forceJson),
  });

  define({
    method: 'POST',
    url: '/desks/:slug/forces',
    permissions: 'editor',
    params: DeskParams,
    body: ForceBody,
    status: 201,
    docs: {
      summary: 'Add a force to a desk’s list (editor of the desk)',
      secured: true,
      responses: {
        '201': { description: 'Added', content: json(FORCE) },
        '409': problem('Name taken'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      return forceJson(await layers.createForce(desk, body));
    },
  });

  define({
    method: 'PATCH',
    url: '/desks/:slug/forces/:id',
    permissions: 'editor',
    params: ItemParams,
    body: ForcePatch,
    docs: {
      summary: 'Rename or recolour a force (editor of the desk)',
      secured: true,
      responses: {
        '200': { description: 'Changed', content: json(FORCE) },
        '409': problem('Name taken'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      return forceJson(
        await layers.updateForce(desk, params.id, {
          ...(body.name !== undefined && { name: body.name }),
          ...(body.colour !== undefined && { colour: body.colour }),
        }),
      );
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug/layers',
    params: DeskParams,
    docs: {
      summary: 'A desk’s map layers, each with its newest revision',
      responses: {
        '200': { description: 'Layers', content: json({ type: 'array', items: LAYER }) },
        ...errors,
      },
    },
    handler: async ({ params }) => {
      const desk = await layers.desk(params.slug);
      return (await layers.layers(desk)).map((l) => layerJson(l, desk));
    },
  });

  define({
    method: 'POST',
    url: '/desks/:slug/layers',
    permissions: 'editor',
    params: DeskParams,
    body: LayerBody,
    bodyLimit: LAYER_BODY_LIMIT,
    status: 201,
    docs: {
      summary: 'Draw a map layer: area of control, agreed zone or front line (editor of the desk)',
      secured: true,
      responses: {
        '201': { description: 'Drawn (revision 1)', content: json(LAYER) },
        '413': problem('Body too large'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body, reply }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      const layer = await layers.createLayer(desk, body, principal.name);
      reply.header('location', `/api/v1/desks/${desk.slug}/layers/${layer.id}`);
      return layerJson(layer, desk);
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug/layers.geojson',
    params: DeskParams,
    querystring: AsOfQuery,
    docs: {
      summary: 'A desk’s layers as of a day, as a GeoJSON FeatureCollection with each area in km²',
      responses: {
        '200': {
          description:
            'Features; properties name the kind, force and colour, zone, validity, source, claim and area_km2',
          content: { 'application/geo+json': { schema: { type: 'object' } } },
        },
        ...errors,
      },
    },
    handler: async ({ params, query, reply }) => {
      const desk = await layers.desk(params.slug);
      const date = query.date ?? new Date().toISOString().slice(0, 10);
      const shown = await layers.asOf(desk, date);
      reply.type('application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection',
        date,
        features: shown.map(({ revision: r, force }) => ({
          type: 'Feature',
          id: r.layerId,
          geometry: rfc7946(r.geometry),
          properties: {
            layer_id: r.layerId,
            revision: r.revision,
            kind: r.kind,
            title: layerTitle(r, force),
            force: force?.name ?? null,
            colour: force?.colour ?? null,
            zone: r.zoneKind,
            label: r.label,
            valid_from: r.validFrom,
            valid_to: r.validTo,
            source: r.source,
            claim_status: r.claimStatus,
            author: r.author,
            area_km2: r.areaKm2,
          },
        })),
      };
    },
  });

  define({
    method: 'POST',
    url: '/desks/:slug/layers/import',
    permissions: 'editor',
    params: DeskParams,
    body: ImportBody,
    bodyLimit: IMPORT_BODY_LIMIT,
    status: 201,
    docs: {
      summary: 'Import layers from a GeoJSON FeatureCollection, all or none (editor of the desk)',
      secured: true,
      responses: {
        '201': { description: 'The layers created', content: json({ type: 'array', items: LAYER }) },
        '413': problem('Body too large'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      return (await layers.importCollection(desk, body, principal.name)).map((l) => layerJson(l, desk));
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug/layers/:id',
    params: ItemParams,
    docs: {
      summary: 'A map layer with its newest revision',
      responses: { '200': { description: 'The layer', content: json(LAYER) }, ...errors },
    },
    handler: async ({ request, params }) => {
      const desk = await layers.desk(params.slug);
      return layerJson(await readableLayer(request, desk, params.id), desk);
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug/layers/:id/revisions',
    params: ItemParams,
    docs: {
      summary: 'Every revision of a map layer, oldest first',
      responses: {
        '200': { description: 'Revisions', content: json({ type: 'array', items: schema(LayerBody) }) },
        ...errors,
      },
    },
    handler: async ({ request, params }) => {
      const desk = await layers.desk(params.slug);
      await readableLayer(request, desk, params.id);
      return (await layers.revisions(desk, params.id)).map(revisionJson);
    },
  });

  define({
    method: 'GET',
    url: '/desks/:slug/layers/:id/revisions.geojson',
    params: ItemParams,
    querystring: ExportQuery,
    docs: {
      summary:
        'Export a map layer as GeoJSON: every revision, oldest first, or the one shown on a day (`date`)',
      description:
        'A FeatureCollection with one Feature per revision; its properties are those the imports read ' +
        '(kind, force, colour, zone, label, validFrom, validTo, source, claimStatus) with revision, ' +
        'author, createdAt and areaKm2 (on the sphere, from the full drawing). A deleted layer is not ' +
        'exported (404).',
      responses: {
        '200': {
          description: 'Features, one per revision',
          content: { 'application/geo+json': { schema: { type: 'object' } } },
        },
        ...errors,
      },
    },
    handler: async ({ params, query, reply }) => {
      const desk = await layers.desk(params.slug);
      const { revisions, forces } = await layers.exportable(desk, params.id);
      const byId = new Map(forces.map((f) => [f.id, f]));
      const chosen = query.date === undefined ? revisions : layerAsOf(revisions, query.date);
      reply.type('application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection',
        ...(query.date !== undefined && { date: query.date }),
        features: chosen.map((r) => revisionFeature(r, byId.get(r.forceId ?? '') ?? null)),
      };
    },
  });

  define({
    method: 'POST',
    url: '/desks/:slug/layers/:id/revisions/import',
    permissions: 'editor',
    params: ItemParams,
    body: ImportBody,
    bodyLimit: IMPORT_BODY_LIMIT,
    status: 201,
    docs: {
      summary:
        'Import GeoJSON into a map layer: one new revision per feature, in order, all or none (editor of the desk)',
      description:
        'Properties as for the layer import; kind defaults to the layer’s and force to its force. ' +
        'An export of a layer’s revisions can be sent as it is. Earlier revisions are kept.',
      secured: true,
      responses: {
        '201': {
          description: 'The revisions added',
          content: json({ type: 'array', items: schema(LayerBody) }),
        },
        '413': problem('Body too large'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      return (await layers.importRevisions(desk, params.id, body, principal.name)).map(revisionJson);
    },
  });

  define({
    method: 'POST',
    url: '/desks/:slug/layers/:id/revisions',
    permissions: 'editor',
    params: ItemParams,
    body: RevisionBody,
    bodyLimit: LAYER_BODY_LIMIT,
    status: 201,
    docs: {
      summary: 'Save a new revision of a map layer: redrawn, corrected or ended (editor of the desk)',
      secured: true,
      responses: {
        '201': { description: 'The revision', content: json(schema(LayerBody)) },
        '409': problem('A newer revision than baseRevision was saved meanwhile; `current` names it'),
        '413': problem('Body too large'),
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      const { baseRevision, ...drawing } = body;
      return revisionJson(await layers.revise(desk, params.id, drawing, principal.name, baseRevision));
    },
  });

  define({
    method: 'DELETE',
    url: '/desks/:slug/layers/:id',
    permissions: 'editor',
    params: ItemParams,
    querystring: DeleteQuery,
    status: 204,
    docs: {
      summary: 'Take a map layer off every map; its revisions are kept (editor of the desk)',
      secured: true,
      responses: {
        '204': { description: 'Deleted' },
        '409': problem('A colleague saved a revision after `baseRevision`; `current` holds it'),
        ...errors,
      },
    },
    handler: async ({ principal, params, query, reply }) => {
      const desk = await layers.desk(params.slug);
      requireDesk(principal, desk.id);
      await layers.deleteLayer(desk, params.id, query.baseRevision);
      return reply.send();
    },
  });
}
