/**
 * The write and read path of map layers: check an editor's drawing (domain/map-layers.ts), compute
 * its area on the sphere, store it as a new revision, and tell every node's open maps (a private
 * `layer` event on the bus, which http/map/map-feed.ts turns into a push). Who may write is checked
 * before this, by the HTTP layer (editors of the layer's desk).
 */
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import {
  areaKm2,
  isCalendarDay,
  layerAsOf,
  validateGeometry,
  vertexCount,
  type LayerGeometry,
  type LayerKind,
  type LayerRevision,
  type MapForce,
  type MapLayer,
  type ZoneKind,
} from '../domain/map-layers.ts';
import type { ClaimStatus, Desk } from '../domain/types.ts';
import type { LiveBus } from '../live/bus.ts';
import type { NewLayerRevision } from '../store/map-layers.ts';
import type { Store } from '../store/store.ts';

/** What an editor sends for a layer (a new one or a revision); geometry is unchecked GeoJSON. */
export interface LayerInput {
  kind: LayerKind;
  forceId?: string | null | undefined;
  zoneKind?: ZoneKind | null | undefined;
  label?: string | undefined;
  geometry: unknown;
  validFrom: string;
  validTo?: string | null | undefined;
  source: string;
  claimStatus: ClaimStatus;
}

/** One layer as a map of a day draws it: its revision then, and its force. */
export interface LayerOnMap {
  revision: LayerRevision;
  force: MapForce | null;
}

/** Colours given to forces an import names without one. */
const IMPORT_PALETTE = ['#c0392b', '#2e6da4', '#2f8f4e', '#8e44ad', '#d68910', '#5d6d7e'];

/** Longest label and force name, as the drawing API allows them (import keeps the same limits). */
export const MAX_LABEL = 200;
export const MAX_FORCE_NAME = 80;

/** Most features one import may carry. */
export const MAX_IMPORT_FEATURES = 200;

/** Map layers of desks: forces, drawings and their revisions. */
export class MapLayerService {
  readonly #store: Store;
  readonly #bus: LiveBus;

  constructor(deps: { store: Store; bus: LiveBus }) {
    this.#store = deps.store;
    this.#bus = deps.bus;
  }

  /** The desk with that slug, or not_found. */
  async desk(slug: string): Promise<Desk> {
    const desk = await this.#store.desks.getBySlug(slug);
    if (!desk) throw notFound(`desk "${slug}"`);
    return desk;
  }

  /** The desk's forces, by name. */
  forces(desk: Desk): Promise<MapForce[]> {
    return this.#store.mapLayers.listForces(desk.id);
  }

  /** Adds a force to the desk's list. */
  createForce(desk: Desk, input: { name: string; colour: string }): Promise<MapForce> {
    return this.#store.mapLayers.createForce({
      deskId: desk.id,
      name: input.name.trim(),
      colour: input.colour,
    });
  }

  /** Renames or recolours one of the desk's forces; maps showing it are told. */
  async updateForce(desk: Desk, id: string, change: { name?: string; colour?: string }): Promise<MapForce> {
    const force = await this.#store.mapLayers.getForce(id);
    if (force === null || force.deskId !== desk.id) throw notFound('force');
    const updated = await this.#store.mapLayers.updateForce(id, {
      ...(change.name !== undefined && { name: change.name.trim() }),
      ...(change.colour !== undefined && { colour: change.colour }),
    });
    if (updated === null) throw notFound('force');
    this.#announce(desk, '');
    return updated;
  }

  /** The desk's layers that are not deleted, each with its newest revision. */
  layers(desk: Desk): Promise<MapLayer[]> {
    return this.#store.mapLayers.listLayers(desk.id);
  }

  /** One of the desk's layers (deleted ones too, so their history can still be read). */
  async layer(desk: Desk, id: string): Promise<MapLayer> {
    const layer = await this.#store.mapLayers.getLayer(id);
    if (layer === null || layer.deskId !== desk.id) throw notFound('layer');
    return layer;
  }

  /** Every revision of one of the desk's layers, oldest first. */
  async revisions(desk: Desk, id: string): Promise<LayerRevision[]> {
    await this.layer(desk, id);
    return this.#store.mapLayers.listRevisions(id);
  }

  /** Draws a new layer on the desk's map. */
  async createLayer(desk: Desk, input: LayerInput, author: string): Promise<MapLayer> {
    const layer = await this.#store.mapLayers.createLayer(desk.id, await this.#revision(desk, input, author));
    this.#announce(desk, layer.id);
    return layer;
  }

  /**
   * Saves a new revision of one of the desk's layers (a redrawing, a correction, or its end). With
   * `afterRevision` (the revision the editor opened), a newer one saved meanwhile is a conflict.
   */
  async revise(
    desk: Desk,
    id: string,
    input: LayerInput,
    author: string,
    afterRevision?: number,
  ): Promise<LayerRevision> {
    const layer = await this.layer(desk, id);
    if (layer.deletedAt !== null) throw notFound('layer');
    const saved = await this.#store.mapLayers.addRevision(
      id,
      await this.#revision(desk, input, author),
      afterRevision,
    );
    if (saved === null) throw notFound('layer');
    this.#announce(desk, id);
    return saved;
  }

  /** Takes one of the desk's layers off every map; its revisions are kept. */
  async deleteLayer(desk: Desk, id: string, baseRevision?: number): Promise<void> {
    const { current } = await this.layer(desk, id);
    // Deleting from a page that shows an older revision would take down a colleague's newer drawing unseen.
    if (baseRevision !== undefined && current.revision !== baseRevision)
      throw conflict(
        `${current.author} saved revision ${current.revision} since you opened revision ${baseRevision}: reload to see it`,
        current,
      );
    if (!(await this.#store.mapLayers.deleteLayer(id))) throw notFound('layer');
    this.#announce(desk, id);
  }

  /** The layers a map of `day` shows, areas first (biggest first) so lines are drawn over them. */
  async asOf(desk: Desk, day: string): Promise<LayerOnMap[]> {
    const [revisions, forces] = await Promise.all([
      this.#store.mapLayers.revisionsUpTo(desk.id, day),
      this.#store.mapLayers.listForces(desk.id),
    ]);
    const byId = new Map(forces.map((f) => [f.id, f]));
    return layerAsOf(revisions, day)
      .map((revision) => ({
        revision,
        force: revision.forceId === null ? null : (byId.get(revision.forceId) ?? null),
      }))
      .sort((a, b) => b.revision.areaKm2 - a.revision.areaKm2);
  }

  /**
   * A layer as readers may export it: not deleted (a deleted layer is off every map), with every
   * revision oldest first and the desk's forces.
   */
  async exportable(desk: Desk, id: string): Promise<{ revisions: LayerRevision[]; forces: MapForce[] }> {
    const layer = await this.layer(desk, id);
    if (layer.deletedAt !== null) throw notFound('layer');
    const [revisions, forces] = await Promise.all([
      this.#store.mapLayers.listRevisions(id),
      this.#store.mapLayers.listForces(desk.id),
    ]);
    return { revisions, forces };
  }

  /**
   * Creates one layer per feature of a GeoJSON FeatureCollection; its properties say `kind`,
   * `validFrom`, `source`, `claimStatus` and, as they apply, `force` (a name: a force the desk does
   * not have yet is added, coloured by `colour` or a palette), `zone`, `label`, `validTo`. All are
   * checked before any is stored: one bad feature stores none, and the problem names it.
   */
  async importCollection(desk: Desk, collection: unknown, author: string): Promise<MapLayer[]> {
    const pending = await this.#pendingFeatures(desk, collection, null);
    const byName = await this.#forcesByName(desk);
    const created: MapLayer[] = [];
    for (const { input, forceName, colour } of pending) {
      const forceId = await this.#forceNamed(desk, byName, forceName, colour);
      created.push(await this.createLayer(desk, { ...input, forceId }, author));
    }
    return created;
  }

  /**
   * Adds one revision per feature of a GeoJSON FeatureCollection to one of the desk's layers, in the
   * order given (an export of a layer's revisions, or drawings made elsewhere). Properties as for
   * importCollection, except that `kind` defaults to the layer's and `force` to its force. All are
   * checked before any is stored; earlier revisions are never changed.
   */
  async importRevisions(
    desk: Desk,
    id: string,
    collection: unknown,
    author: string,
  ): Promise<LayerRevision[]> {
    const layer = await this.layer(desk, id);
    if (layer.deletedAt !== null) throw notFound('layer');
    const pending = await this.#pendingFeatures(desk, collection, layer.current);
    const byName = await this.#forcesByName(desk);
    const saved: LayerRevision[] = [];
    for (const { input, forceName, colour } of pending) {
      const forceId =
        forceName === null && input.kind === 'control' && layer.current.kind === 'control'
          ? layer.current.forceId
          : await this.#forceNamed(desk, byName, forceName, colour);
      const revision = await this.#store.mapLayers.addRevision(
        id,
        await this.#revision(desk, { ...input, forceId }, author),
      );
      if (revision === null) throw notFound('layer');
      saved.push(revision);
    }
    this.#announce(desk, id);
    return saved;
  }

  async #forcesByName(desk: Desk): Promise<Map<string, MapForce>> {
    const forces = await this.#store.mapLayers.listForces(desk.id);
    return new Map(forces.map((f) => [f.name.toLowerCase(), f]));
  }

  /** The id of the force named (added to the desk when it has none by that name), or null. */
  async #forceNamed(
    desk: Desk,
    byName: Map<string, MapForce>,
    name: string | null,
    colour: string | null,
  ): Promise<string | null> {
    if (name === null) return null;
    let force = byName.get(name.toLowerCase());
    if (force === undefined) {
      force = await this.createForce(desk, {
        name,
        colour: colour ?? IMPORT_PALETTE[byName.size % IMPORT_PALETTE.length]!,
      });
      byName.set(name.toLowerCase(), force);
    }
    return force.id;
  }

  /**
   * The features of an import read as layer inputs and every one checked (a force named but not yet
   * the desk's stands in as valid), so that nothing is stored when one is bad. `layer` gives the
   * defaults of an import into an existing layer.
   */
  async #pendingFeatures(
    desk: Desk,
    collection: unknown,
    layer: LayerRevision | null,
  ): Promise<{ input: LayerInput; forceName: string | null; colour: string | null }[]> {
    const features = featuresOf(collection);
    const pending: { input: LayerInput; forceName: string | null; colour: string | null }[] = [];
    for (const [i, feature] of features.entries()) {
      const field = (name: string) => `features[${i}].${name}`;
      const p = feature.properties;
      const text = (name: string, required: boolean, max = 2000): string | null => {
        const value = p[name];
        if (value === undefined || value === null || value === '') {
          if (required) throw invalid(field(`properties.${name}`), 'is required');
          return null;
        }
        if (typeof value !== 'string' || value.length > max)
          throw invalid(field(`properties.${name}`), `must be text of at most ${max} characters`);
        return value;
      };
      const kind = (text('kind', layer === null) ?? layer?.kind) as LayerKind;
      const input: LayerInput = {
        kind,
        zoneKind: (text('zone', false) ?? (kind === layer?.kind ? layer.zoneKind : null)) as ZoneKind | null,
        label: text('label', false, MAX_LABEL) ?? '',
        geometry: feature.geometry,
        validFrom: text('validFrom', true)!,
        validTo: text('validTo', false),
        source: text('source', true)!,
        claimStatus: text('claimStatus', true) as ClaimStatus,
      };
      const forceName = text('force', false, MAX_FORCE_NAME);
      const colour = text('colour', false);
      if (colour !== null && !/^#[0-9a-f]{6}$/i.test(colour))
        throw invalid(field('properties.colour'), 'must be a colour written #rrggbb');
      const keepsForce = forceName === null && kind === 'control' && layer?.kind === 'control';
      // Checked now with a stand-in force, so nothing is stored when a later feature is bad.
      await this.#checked(
        desk,
        { ...input, forceId: forceName === null && !keepsForce ? null : '' },
        field,
        true,
      );
      pending.push({ input, forceName, colour });
    }
    return pending;
  }

  async #revision(desk: Desk, input: LayerInput, author: string): Promise<NewLayerRevision> {
    return { ...(await this.#checked(desk, input, (name) => name, false)), author };
  }

  /** The input as a revision to store, or a validation error on the field that is wrong. */
  async #checked(
    desk: Desk,
    input: LayerInput,
    field: (name: string) => string,
    forceStandIn: boolean,
  ): Promise<NewLayerRevision> {
    const { kind } = input;
    if (!['control', 'zone', 'front'].includes(kind))
      throw invalid(field('kind'), 'must be control, zone or front');
    if (!['unverified', 'claimed', 'verified', 'disputed', 'false'].includes(input.claimStatus))
      throw invalid(field('claimStatus'), 'must be unverified, claimed, verified, disputed or false');
    if (!isCalendarDay(input.validFrom)) throw invalid(field('validFrom'), 'must be a day, YYYY-MM-DD');
    const validTo = input.validTo ?? null;
    if (validTo !== null && !isCalendarDay(validTo))
      throw invalid(field('validTo'), 'must be a day, YYYY-MM-DD');
    if (validTo !== null && validTo <= input.validFrom)
      throw invalid(
        field('validTo'),
        'must be after validFrom (it is the first day the layer no longer holds)',
      );
    if (input.source.trim() === '')
      throw invalid(field('source'), 'is required: say where the drawing comes from');
    const geometry: LayerGeometry = validateGeometry(input.geometry, field('geometry'));
    if (kind === 'front' && geometry.type !== 'LineString')
      throw invalid(field('geometry'), 'a front line must be a LineString');
    if (kind !== 'front' && geometry.type === 'LineString')
      throw invalid(field('geometry'), 'an area must be a Polygon or MultiPolygon');
    let forceId: string | null = null;
    if (kind === 'control') {
      const id = input.forceId ?? null;
      if (id === null)
        throw invalid(
          field(forceStandIn ? 'properties.force' : 'forceId'),
          'an area of control needs its force',
        );
      if (!forceStandIn) {
        const force = await this.#store.mapLayers.getForce(id);
        if (force === null || force.deskId !== desk.id)
          throw invalid(field('forceId'), "is not one of this desk's forces");
      }
      forceId = id;
    }
    let zoneKind: ZoneKind | null = null;
    if (kind === 'zone') {
      if (!['de-escalation', 'ceasefire', 'buffer'].includes(input.zoneKind ?? ''))
        throw invalid(
          field(forceStandIn ? 'properties.zone' : 'zoneKind'),
          'must be de-escalation, ceasefire or buffer',
        );
      zoneKind = input.zoneKind!;
    }
    return {
      kind,
      forceId,
      zoneKind,
      label: (input.label ?? '').trim(),
      geometry,
      validFrom: input.validFrom,
      validTo,
      source: input.source.trim(),
      claimStatus: input.claimStatus,
      author: '',
      areaKm2: Math.round(areaKm2(geometry) * 10) / 10,
      vertexCount: vertexCount(geometry),
    };
  }

  #announce(desk: Desk, layerId: string): void {
    // Best-effort like every private event: a map that misses it shows the change on its next load.
    this.#bus.publishPrivate({ kind: 'layer', storyId: '', deskId: desk.id, layerId }).catch(() => {});
  }
}

/** The features of a FeatureCollection, or a validation error saying what is not one. */
function featuresOf(value: unknown): { geometry: unknown; properties: Record<string, unknown> }[] {
  const collection = value as { type?: unknown; features?: unknown } | null;
  if (collection === null || typeof collection !== 'object' || collection.type !== 'FeatureCollection')
    throw invalid('type', 'must be a GeoJSON FeatureCollection');
  if (!Array.isArray(collection.features) || collection.features.length === 0)
    throw invalid('features', 'must be a non-empty array of features');
  if (collection.features.length > MAX_IMPORT_FEATURES)
    throw new DomainError('payload_too_large', `at most ${MAX_IMPORT_FEATURES} features per import`, {
      field: 'features',
    });
  return collection.features.map((f: unknown, i) => {
    const feature = f as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
    if (feature === null || typeof feature !== 'object' || feature.type !== 'Feature')
      throw invalid(`features[${i}]`, 'must be a GeoJSON Feature');
    const properties = feature.properties;
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties))
      throw invalid(
        `features[${i}].properties`,
        'must be an object (kind, validFrom, source, claimStatus, …)',
      );
    return { geometry: feature.geometry, properties: properties as Record<string, unknown> };
  });
}
