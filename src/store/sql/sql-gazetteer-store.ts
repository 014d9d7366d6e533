/** GazetteerStore over the `gazetteer_*` tables, the same SQL on SQLite and PostgreSQL. */
import { sql, type Transaction } from 'kysely';
import type { GeonamesPlace } from '../../enrich/places/geonames.ts';
import type {
  GazetteerBatch,
  GazetteerFileKind,
  GazetteerHit,
  GazetteerImport,
  GazetteerStore,
} from '../../enrich/places/gazetteer-store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { Database, GazetteerImportRow, GazetteerPlaceRow } from './schema.ts';

// Rows per INSERT statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_INSERT = 500;

function chunks<T>(items: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toImport(row: GazetteerImportRow): GazetteerImport {
  return {
    source: row.source,
    kind: row.kind as GazetteerFileKind,
    size: Number(row.size),
    linesDone: row.lines_done,
    rowsKept: row.rows_kept,
    startedAt: typeof row.started_at === 'string' ? row.started_at : new Date(row.started_at).toISOString(),
    finishedAt:
      row.finished_at === null
        ? null
        : typeof row.finished_at === 'string'
          ? row.finished_at
          : new Date(row.finished_at).toISOString(),
  };
}

function toPlace(row: GazetteerPlaceRow): GeonamesPlace {
  return {
    geonameId: row.geoname_id,
    name: row.name,
    iso2: row.iso2,
    admin1Code: row.admin1_code,
    admin2Code: row.admin2_code,
    featureClass: row.feature_class,
    featureCode: row.feature_code,
    lat: row.lat,
    lon: row.lon,
    population: row.population,
  };
}

/** Imported places in the shared SQL schema. */
export class SqlGazetteerStore implements GazetteerStore {
  constructor(private readonly deps: SqlDeps) {}

  async generation(): Promise<number> {
    const row = await this.deps.db
      .selectFrom('gazetteer_state')
      .select('generation')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.generation ?? 0;
  }

  async findByNames(names: readonly string[]): Promise<GazetteerHit[]> {
    const out: GazetteerHit[] = [];
    for (const some of chunks([...new Set(names)])) {
      const rows = await this.deps.db
        .selectFrom('gazetteer_names as n')
        .innerJoin('gazetteer_places as p', 'p.geoname_id', 'n.geoname_id')
        .leftJoin('gazetteer_admin_codes as a', (join) =>
          join.on(
            'a.code',
            '=',
            sql<string>`${sql.ref('p.iso2')} || '.' || ${sql.ref('p.admin1_code')} || '.' || ${sql.ref('p.admin2_code')}`,
          ),
        )
        .select([
          'n.name as matched',
          'p.geoname_id',
          'p.name',
          'p.iso2',
          'p.admin1_code',
          'p.admin2_code',
          'p.feature_class',
          'p.feature_code',
          'p.lat',
          'p.lon',
          'p.population',
          'a.name as admin2_name',
        ])
        .where('n.name', 'in', some)
        .execute();
      for (const row of rows)
        out.push({
          name: row.matched,
          place: toPlace(row),
          ...(row.admin2_name !== null && { admin2Name: row.admin2_name }),
        });
    }
    return out;
  }

  async importOf(source: string): Promise<GazetteerImport | null> {
    const row = await this.deps.db
      .selectFrom('gazetteer_imports')
      .selectAll()
      .where('source', '=', source)
      .executeTakeFirst();
    return row ? toImport(row) : null;
  }

  async startImport(
    source: string,
    kind: GazetteerFileKind,
    size: number,
    restart = false,
  ): Promise<GazetteerImport> {
    const existing = await this.importOf(source);
    if (existing && existing.size === size && existing.kind === kind && !restart) return existing;
    // A new file (another size) under a known name starts from its first line; upserts keep it idempotent.
    const row: GazetteerImportRow = {
      source,
      kind,
      size,
      lines_done: 0,
      rows_kept: 0,
      started_at: this.deps.clock(),
      finished_at: null,
    };
    await this.deps.db
      .insertInto('gazetteer_imports')
      .values(row)
      .onConflict((oc) =>
        oc.column('source').doUpdateSet({
          kind,
          size,
          lines_done: 0,
          rows_kept: 0,
          started_at: row.started_at,
          finished_at: null,
        }),
      )
      .execute();
    return toImport(row);
  }

  async saveBatch(batch: GazetteerBatch): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      for (const some of chunks(batch.places ?? [])) {
        await trx
          .insertInto('gazetteer_places')
          .values(
            some.map(({ place: p }) => ({
              geoname_id: p.geonameId,
              name: p.name,
              iso2: p.iso2,
              admin1_code: p.admin1Code,
              admin2_code: p.admin2Code,
              feature_class: p.featureClass,
              feature_code: p.featureCode,
              lat: p.lat,
              lon: p.lon,
              population: p.population,
            })),
          )
          .onConflict((oc) =>
            oc.column('geoname_id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              iso2: eb.ref('excluded.iso2'),
              admin1_code: eb.ref('excluded.admin1_code'),
              admin2_code: eb.ref('excluded.admin2_code'),
              feature_class: eb.ref('excluded.feature_class'),
              feature_code: eb.ref('excluded.feature_code'),
              lat: eb.ref('excluded.lat'),
              lon: eb.ref('excluded.lon'),
              population: eb.ref('excluded.population'),
            })),
          )
          .execute();
      }
      const names = (batch.places ?? []).flatMap(({ place, names }) =>
        names.map((name) => ({ name, geoname_id: place.geonameId })),
      );
      await insertNames(trx, names);
      if (batch.alternates && batch.alternates.length > 0) {
        // Spellings of places this deployment did not import are dropped: alternateNamesV2 covers the world.
        const known = new Set<number>();
        for (const ids of chunks([...new Set(batch.alternates.map((a) => a.geonameId))])) {
          const rows = await trx
            .selectFrom('gazetteer_places')
            .select('geoname_id')
            .where('geoname_id', 'in', ids)
            .execute();
          for (const r of rows) known.add(r.geoname_id);
        }
        await insertNames(
          trx,
          batch.alternates
            .filter((a) => known.has(a.geonameId))
            .map((a) => ({ name: a.name, geoname_id: a.geonameId })),
        );
      }
      for (const some of chunks(batch.adminCodes ?? []))
        await trx
          .insertInto('gazetteer_admin_codes')
          .values(some.map((a) => ({ code: a.code, name: a.name, geoname_id: a.geonameId })))
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              geoname_id: eb.ref('excluded.geoname_id'),
            })),
          )
          .execute();
      await trx
        .updateTable('gazetteer_imports')
        .set({ lines_done: batch.linesDone, rows_kept: batch.rowsKept })
        .where('source', '=', batch.source)
        .execute();
      await bump(trx);
    });
  }

  async finishImport(source: string): Promise<void> {
    await this.deps.db
      .updateTable('gazetteer_imports')
      .set({ finished_at: this.deps.clock() })
      .where('source', '=', source)
      .execute();
  }

  async imports(): Promise<GazetteerImport[]> {
    const rows = await this.deps.db.selectFrom('gazetteer_imports').selectAll().orderBy('source').execute();
    return rows.map(toImport);
  }

  async countries(): Promise<{ iso2: string; places: number }[]> {
    const rows = await this.deps.db
      .selectFrom('gazetteer_places')
      .select(['iso2', (eb) => eb.fn.countAll<number | string>().as('places')])
      .groupBy('iso2')
      .orderBy('iso2')
      .execute();
    return rows.map((r) => ({ iso2: r.iso2, places: Number(r.places) }));
  }

  async removeCountry(iso2: string): Promise<number> {
    return this.deps.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('gazetteer_names')
        .where('geoname_id', 'in', (eb) =>
          eb.selectFrom('gazetteer_places').select('geoname_id').where('iso2', '=', iso2),
        )
        .execute();
      const removed = await trx.deleteFrom('gazetteer_places').where('iso2', '=', iso2).executeTakeFirst();
      await trx.deleteFrom('gazetteer_admin_codes').where('code', 'like', `${iso2}.%`).execute();
      // The country's own file ("SD.zip:SD.txt", "SD.txt") may be imported again afterwards.
      await trx
        .deleteFrom('gazetteer_imports')
        .where((eb) => eb.or([eb('source', 'like', `${iso2}.zip:%`), eb('source', '=', `${iso2}.txt`)]))
        .execute();
      await bump(trx);
      return Number(removed.numDeletedRows);
    });
  }
}

async function insertNames(trx: Transaction<Database>, rows: { name: string; geoname_id: number }[]) {
  for (const some of chunks(rows))
    await trx
      .insertInto('gazetteer_names')
      .values(some)
      .onConflict((oc) => oc.columns(['name', 'geoname_id']).doNothing())
      .execute();
}

async function bump(trx: Transaction<Database>) {
  await trx
    .insertInto('gazetteer_state')
    .values({ id: 1, generation: 1 })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({ generation: eb('gazetteer_state.generation', '+', 1) })),
    )
    .execute();
}
