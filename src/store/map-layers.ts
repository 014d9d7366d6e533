/** Storage of the map layers editors draw (domain/map-layers.ts): forces, layers and their revisions. */
import type { LayerContent, LayerRevision, MapForce, MapLayer } from '../domain/map-layers.ts';

/** A revision to store: the content, its computed figures and who saved it. */
export interface NewLayerRevision extends LayerContent {
  author: string;
  areaKm2: number;
  vertexCount: number;
}

/**
 * Forces and layers per desk. Revisions are append-only: saving one never changes another, and a
 * deleted layer keeps its history (it only leaves the listings and maps).
 */
export interface MapLayerStore {
  /** The desk's forces, by name. */
  listForces(deskId: string): Promise<MapForce[]>;
  getForce(id: string): Promise<MapForce | null>;
  /** Adds a force; a name the desk already has is a `conflict` on field `name`. */
  createForce(force: { deskId: string; name: string; colour: string }): Promise<MapForce>;
  /** Renames or recolours a force (a taken name is a `conflict`); null when there is none by that id. */
  updateForce(id: string, change: { name?: string; colour?: string }): Promise<MapForce | null>;
  /** Creates a layer with its first revision. */
  createLayer(deskId: string, first: NewLayerRevision): Promise<MapLayer>;
  /**
   * Appends a revision (numbered after the newest) to a layer that is not deleted; null otherwise.
   * With `afterRevision`, only if that is still the newest: else a `conflict` naming the newest (its
   * number, author and time), so a save based on an old drawing never silently replaces a colleague's.
   */
  addRevision(
    layerId: string,
    revision: NewLayerRevision,
    afterRevision?: number,
  ): Promise<LayerRevision | null>;
  /** A layer with its newest revision, deleted or not. */
  getLayer(id: string): Promise<MapLayer | null>;
  /** The desk's layers that are not deleted, oldest first, each with its newest revision. */
  listLayers(deskId: string): Promise<MapLayer[]>;
  /** Every revision of a layer, oldest first. */
  listRevisions(layerId: string): Promise<LayerRevision[]>;
  /** Revisions valid from `day` or before of the desk's layers that are not deleted (for layerAsOf). */
  revisionsUpTo(deskId: string, day: string): Promise<LayerRevision[]>;
  /** Takes a layer off every map (its revisions stay); says whether it was there to delete. */
  deleteLayer(id: string): Promise<boolean>;
}
