/** EnrichmentStore over the `update_enrichments` table. */
import type { StoryStatus, Update } from '../../domain/types.ts';
import { entitiesOf, type EntityKind } from '../../enrich/entities.ts';
import type { Enrichment } from '../../enrich/types.ts';
import type { EnrichedUpdate, EnrichmentStore, StoredEnrichment } from '../store.ts';
import { toDesk, toStory, toUpdate } from './rows.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { UpdateEnrichmentRow } from './schema.ts';

function toStored(row: UpdateEnrichmentRow): StoredEnrichment {
  return {
    updateId: row.update_id,
    storyId: row.story_id,
    updateVersion: row.update_version,
    dataVersion: row.data_version,
    enrichedAt: row.enriched_at,
    enrichment: JSON.parse(row.enrichment) as Enrichment,
  };
}

/** Stores one enrichment per update in the shared SQL schema. */
export class SqlEnrichmentStore implements EnrichmentStore {
  constructor(private readonly deps: SqlDeps) {}

  async save(e: StoredEnrichment): Promise<boolean> {
    const row: UpdateEnrichmentRow = {
      update_id: e.updateId,
      story_id: e.storyId,
      update_version: e.updateVersion,
      data_version: e.dataVersion,
      enriched_at: e.enrichedAt,
      enrichment: JSON.stringify(e.enrichment),
    };
    // The upsert is one statement, so two nodes saving at once cannot interleave: the newer version
    // wins. The entity index is replaced in the same transaction, so it always matches the row.
    return this.deps.db.transaction().execute(async (trx) => {
      const saved = await trx
        .insertInto('update_enrichments')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('update_id')
            .doUpdateSet((eb) => ({
              update_version: eb.ref('excluded.update_version'),
              data_version: eb.ref('excluded.data_version'),
              enriched_at: eb.ref('excluded.enriched_at'),
              enrichment: eb.ref('excluded.enrichment'),
            }))
            .where('update_enrichments.update_version', '<=', (eb) => eb.ref('excluded.update_version')),
        )
        .returning('update_id')
        .executeTakeFirst();
      if (saved === undefined) return false;
      await trx.deleteFrom('enrichment_entities').where('update_id', '=', e.updateId).execute();
      const entities = entitiesOf(e.enrichment).map((entity) => ({
        update_id: e.updateId,
        kind: entity.kind,
        slug: entity.slug,
        name: entity.name,
      }));
      if (entities.length > 0) await trx.insertInto('enrichment_entities').values(entities).execute();
      return true;
    });
  }

  async get(updateId: string): Promise<StoredEnrichment | null> {
    const row = await this.deps.db
      .selectFrom('update_enrichments')
      .selectAll()
      .where('update_id', '=', updateId)
      .executeTakeFirst();
    return row ? toStored(row) : null;
  }

  async listStale(limit: number): Promise<Update[]> {
    const rows = await this.deps.db
      .selectFrom('updates as u')
      .leftJoin('update_enrichments as e', 'e.update_id', 'u.id')
      .selectAll('u')
      .where('u.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('e.update_id', 'is', null), eb('e.update_version', '<', eb.ref('u.version'))]))
      .orderBy('u.published_at')
      .orderBy('u.id')
      .limit(limit)
      .execute();
    return rows.map(toUpdate);
  }

  async listEnriched(opts: {
    statuses: StoryStatus[];
    limit: number;
    deskId?: string;
  }): Promise<EnrichedUpdate[]> {
    if (opts.statuses.length === 0) return [];
    const { db } = this.deps;
    let query = db
      .selectFrom('update_enrichments as e')
      .innerJoin('updates as u', 'u.id', 'e.update_id')
      .innerJoin('stories as s', 's.id', 'e.story_id')
      .selectAll('e')
      .where('u.deleted_at', 'is', null)
      .where('s.status', 'in', opts.statuses)
      .orderBy('u.published_at', 'desc')
      // Updates of one story published in the same millisecond still list in their order.
      .orderBy('u.sequence', 'desc')
      .orderBy('u.id', 'desc')
      .limit(opts.limit);
    if (opts.deskId !== undefined) query = query.where('s.desk_id', '=', opts.deskId);
    return this.#hydrate(await query.execute());
  }

  async listByEntity(opts: {
    kind: EntityKind;
    slug: string;
    statuses: StoryStatus[];
    limit: number;
    before?: string;
  }): Promise<EnrichedUpdate[]> {
    if (opts.statuses.length === 0) return [];
    let query = this.deps.db
      .selectFrom('enrichment_entities as x')
      .innerJoin('update_enrichments as e', 'e.update_id', 'x.update_id')
      .innerJoin('updates as u', 'u.id', 'e.update_id')
      .innerJoin('stories as s', 's.id', 'e.story_id')
      .selectAll('e')
      .where('x.kind', '=', opts.kind)
      .where('x.slug', '=', opts.slug)
      .where('u.deleted_at', 'is', null)
      .where('s.status', 'in', opts.statuses)
      .orderBy('u.published_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(opts.limit);
    if (opts.before !== undefined) query = query.where('u.published_at', '<', opts.before);
    return this.#hydrate(await query.execute());
  }

  async getMany(updateIds: string[]): Promise<Map<string, StoredEnrichment>> {
    if (updateIds.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('update_enrichments')
      .selectAll()
      .where('update_id', 'in', updateIds)
      .execute();
    return new Map(rows.map((row) => [row.update_id, toStored(row)]));
  }

  async claim(updateId: string, updateVersion: number, owner: string, staleBefore: string): Promise<boolean> {
    const claimed = await this.deps.db
      .insertInto('enrichment_claims')
      .values({ update_id: updateId, update_version: updateVersion, owner, claimed_at: this.deps.clock() })
      .onConflict((oc) =>
        oc
          .columns(['update_id', 'update_version'])
          .doUpdateSet((eb) => ({
            owner: eb.ref('excluded.owner'),
            claimed_at: eb.ref('excluded.claimed_at'),
          }))
          .where('enrichment_claims.claimed_at', '<', staleBefore),
      )
      .returning('owner')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  async #hydrate(rows: UpdateEnrichmentRow[]): Promise<EnrichedUpdate[]> {
    const { db } = this.deps;
    if (rows.length === 0) return [];
    // Three keyed reads instead of one wide join: the row mappers take whole rows of one table.
    const [updates, stories] = await Promise.all([
      db
        .selectFrom('updates')
        .selectAll()
        .where(
          'id',
          'in',
          rows.map((r) => r.update_id),
        )
        .execute(),
      db
        .selectFrom('stories')
        .selectAll()
        .where('id', 'in', [...new Set(rows.map((r) => r.story_id))])
        .execute(),
    ]);
    const deskIds = [...new Set(stories.map((s) => s.desk_id).filter((id): id is string => id !== null))];
    const desks =
      deskIds.length === 0
        ? []
        : await db.selectFrom('desks').selectAll().where('id', 'in', deskIds).execute();
    const updateById = new Map(updates.map((u) => [u.id, toUpdate(u)]));
    const storyById = new Map(stories.map((s) => [s.id, toStory(s)]));
    const deskById = new Map(desks.map((d) => [d.id, toDesk(d)]));
    return rows.flatMap((row) => {
      const update = updateById.get(row.update_id);
      const story = storyById.get(row.story_id);
      if (!update || !story) return [];
      const desk = story.deskId === null ? null : (deskById.get(story.deskId) ?? null);
      return [{ enrichment: toStored(row), update, story, desk }];
    });
  }
}
