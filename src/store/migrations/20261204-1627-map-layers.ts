/**
 * Map layers drawn by editors (src/store/map-layers.ts): the forces a desk draws areas of control
 * for, its layers, and every revision of each layer (none is ever overwritten; a deleted layer keeps
 * its revisions and only leaves the maps).
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/** Applies the migration. */
export async function up(db: Kysely<unknown>, t: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('map_forces')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('desk_id', t.id, (c) => c.notNull().references('desks.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('map_forces_desk_name', ['desk_id', 'name'])
    .execute();
  await db.schema
    .createTable('map_layers')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('desk_id', t.id, (c) => c.notNull().references('desks.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('deleted_at', t.instant)
    .execute();
  await db.schema
    .createIndex('map_layers_desk')
    .on('map_layers')
    .columns(['desk_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('map_layer_revisions')
    .addColumn('layer_id', t.id, (c) => c.notNull().references('map_layers.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('force_id', t.id, (c) => c.references('map_forces.id'))
    .addColumn('zone_kind', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('geometry', t.json, (c) => c.notNull())
    .addColumn('vertex_count', 'integer', (c) => c.notNull())
    .addColumn('area_km2', t.double, (c) => c.notNull())
    .addColumn('valid_from', t.date, (c) => c.notNull())
    .addColumn('valid_to', t.date)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('claim_status', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('map_layer_revisions_pk', ['layer_id', 'revision'])
    .execute();
  // A map of a day reads the revisions valid from that day or before.
  await db.schema
    .createIndex('map_layer_revisions_valid')
    .on('map_layer_revisions')
    .columns(['valid_from', 'layer_id'])
    .execute();
}
