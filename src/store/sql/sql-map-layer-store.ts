/** MapLayerStore over the `map_forces`, `map_layers` and `map_layer_revisions` tables. */
import { conflict, DomainError } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type {
  LayerGeometry,
  LayerKind,
  LayerRevision,
  MapForce,
  MapLayer,
  ZoneKind,
} from '../../domain/map-layers.ts';
import type { ClaimStatus } from '../../domain/types.ts';
import type { MapLayerStore, NewLayerRevision } from '../map-layers.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { MapForceRow, MapLayerRevisionRow, MapLayerRow } from './schema.ts';

function toForce(row: MapForceRow): MapForce {
  return { id: row.id, deskId: row.desk_id, name: row.name, colour: row.colour, createdAt: row.created_at };
}

function toRevision(row: MapLayerRevisionRow): LayerRevision {
  return {
    layerId: row.layer_id,
    revision: row.revision,
    kind: row.kind as LayerKind,
    forceId: row.force_id,
    zoneKind: row.zone_kind as ZoneKind | null,
    label: row.label,
    geometry: JSON.parse(row.geometry) as LayerGeometry,
    vertexCount: row.vertex_count,
    areaKm2: row.area_km2,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: row.source,
    claimStatus: row.claim_status as ClaimStatus,
    author: row.author,
    createdAt: row.created_at,
  };
}

function toLayer(row: MapLayerRow, current: LayerRevision): MapLayer {
  return { id: row.id, deskId: row.desk_id, createdAt: row.created_at, deletedAt: row.deleted_at, current };
}

function revisionRow(
  layerId: string,
  revision: number,
  r: NewLayerRevision,
  at: string,
): MapLayerRevisionRow {
  return {
    layer_id: layerId,
    revision,
    kind: r.kind,
    force_id: r.forceId,
    zone_kind: r.zoneKind,
    label: r.label,
    geometry: JSON.stringify(r.geometry),
    vertex_count: r.vertexCount,
    area_km2: r.areaKm2,
    valid_from: r.validFrom,
    valid_to: r.validTo,
    source: r.source,
    claim_status: r.claimStatus,
    author: r.author,
    created_at: at,
  };
}

/** Stores forces, layers and revisions in the shared SQL schema. */
export class SqlMapLayerStore implements MapLayerStore {
  constructor(private readonly deps: SqlDeps) {}

  async listForces(deskId: string): Promise<MapForce[]> {
    const rows = await this.deps.db
      .selectFrom('map_forces')
      .selectAll()
      .where('desk_id', '=', deskId)
      .orderBy('name')
      .execute();
    return rows.map(toForce);
  }

  async getForce(id: string): Promise<MapForce | null> {
    const row = await this.deps.db
      .selectFrom('map_forces')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toForce(row) : null;
  }

  async createForce(force: { deskId: string; name: string; colour: string }): Promise<MapForce> {
    const row: MapForceRow = {
      id: createId(),
      desk_id: force.deskId,
      name: force.name,
      colour: force.colour,
      created_at: this.deps.clock(),
    };
    await this.#unique(() => this.deps.db.insertInto('map_forces').values(row).execute(), force.name);
    return toForce(row);
  }

  async updateForce(id: string, change: { name?: string; colour?: string }): Promise<MapForce | null> {
    const set = {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.colour !== undefined && { colour: change.colour }),
    };
    if (Object.keys(set).length > 0)
      await this.#unique(
        () => this.deps.db.updateTable('map_forces').set(set).where('id', '=', id).execute(),
        change.name ?? '',
      );
    return this.getForce(id);
  }

  async #unique(write: () => Promise<unknown>, name: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (this.deps.adapter.isUniqueViolation(error))
        throw new DomainError('conflict', `the desk already has a force named "${name}"`, { field: 'name' });
      throw error;
    }
  }

  async createLayer(deskId: string, first: NewLayerRevision): Promise<MapLayer> {
    const at = this.deps.clock();
    const layer: MapLayerRow = { id: createId(), desk_id: deskId, created_at: at, deleted_at: null };
    const revision = revisionRow(layer.id, 1, first, at);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('map_layers').values(layer).execute();
      await trx.insertInto('map_layer_revisions').values(revision).execute();
    });
    return toLayer(layer, toRevision(revision));
  }

  async addRevision(
    layerId: string,
    revision: NewLayerRevision,
    afterRevision?: number,
  ): Promise<LayerRevision | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.db.transaction().execute(async (trx) => {
          const layer = await trx
            .selectFrom('map_layers')
            .select('id')
            .where('id', '=', layerId)
            .where('deleted_at', 'is', null)
            .executeTakeFirst();
          if (!layer) return null;
          const last = await trx
            .selectFrom('map_layer_revisions')
            .select(['revision', 'author', 'created_at'])
            .where('layer_id', '=', layerId)
            .orderBy('revision', 'desc')
            .limit(1)
            .executeTakeFirst();
          const newest = last?.revision ?? 0;
          if (afterRevision !== undefined && newest !== afterRevision)
            throw conflict(
              `revision ${newest} was saved by ${last?.author ?? 'someone'} since revision ${afterRevision} was opened`,
              { revision: newest, author: last?.author ?? null, createdAt: last?.created_at ?? null },
            );
          const row = revisionRow(layerId, newest + 1, revision, this.deps.clock());
          await trx.insertInto('map_layer_revisions').values(row).execute();
          return toRevision(row);
        });
      } catch (error) {
        // Two editors saving at once may pick the same number: the second takes the next one (or, when
        // it named the revision it was based on, finds the other's and gets its conflict).
        if (attempt < 3 && this.deps.adapter.isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async getLayer(id: string): Promise<MapLayer | null> {
    const row = await this.deps.db
      .selectFrom('map_layers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const current = await this.deps.db
      .selectFrom('map_layer_revisions')
      .selectAll()
      .where('layer_id', '=', id)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    return current ? toLayer(row, toRevision(current)) : null;
  }

  async listLayers(deskId: string): Promise<MapLayer[]> {
    const layers = await this.deps.db
      .selectFrom('map_layers')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    if (layers.length === 0) return [];
    // The newest revision of each: the one no later revision of its layer follows.
    const heads = await this.deps.db
      .selectFrom('map_layer_revisions as r')
      .selectAll('r')
      .where(
        'r.layer_id',
        'in',
        layers.map((l) => l.id),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('map_layer_revisions as later')
              .select('later.revision')
              .whereRef('later.layer_id', '=', 'r.layer_id')
              .whereRef('later.revision', '>', 'r.revision'),
          ),
        ),
      )
      .execute();
    const byLayer = new Map(heads.map((h) => [h.layer_id, toRevision(h)]));
    return layers.flatMap((l) => {
      const current = byLayer.get(l.id);
      return current ? [toLayer(l, current)] : [];
    });
  }

  async listRevisions(layerId: string): Promise<LayerRevision[]> {
    const rows = await this.deps.db
      .selectFrom('map_layer_revisions')
      .selectAll()
      .where('layer_id', '=', layerId)
      .orderBy('revision')
      .execute();
    return rows.map(toRevision);
  }

  async revisionsUpTo(deskId: string, day: string): Promise<LayerRevision[]> {
    const rows = await this.deps.db
      .selectFrom('map_layer_revisions as r')
      .innerJoin('map_layers as l', 'l.id', 'r.layer_id')
      .selectAll('r')
      .where('l.desk_id', '=', deskId)
      .where('l.deleted_at', 'is', null)
      .where('r.valid_from', '<=', day)
      .orderBy('l.created_at')
      .orderBy('r.layer_id')
      .orderBy('r.revision')
      .execute();
    return rows.map(toRevision);
  }

  async deleteLayer(id: string): Promise<boolean> {
    const result = await this.deps.db
      .updateTable('map_layers')
      .set({ deleted_at: this.deps.clock() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
