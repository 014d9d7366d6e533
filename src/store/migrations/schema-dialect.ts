/**
 * What a migration needs to know of the engine it runs on: column types, integer keys the database
 * assigns, and the blocks that only exist per engine (full-text search). Migrations are written once
 * (see migration-list.ts); store/sqlite/ and store/postgres/ each give their dialect.
 */
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

/** A column type as `addColumn` takes it (Kysely does not export the name). */
type DataTypeExpression = Parameters<CreateTableBuilder<string>['addColumn']>[1];

/** Per-engine column types and blocks. */
export interface SchemaDialect {
  /** Text keys (ULIDs, slugs), compared byte by byte on every engine (keyset pagination relies on it). */
  readonly id: DataTypeExpression;
  /** An instant: ISO text on SQLite, timestamptz on PostgreSQL. */
  readonly instant: DataTypeExpression;
  /** A calendar day (a daily page's date). */
  readonly date: DataTypeExpression;
  /** A JSON document read back whole (PostgreSQL `json`, not `jsonb`, which would reorder keys). */
  readonly json: DataTypeExpression;
  /** A boolean (0/1 on SQLite). */
  readonly bool: DataTypeExpression;
  /** A 64-bit integer (event ids, shingle hashes). */
  readonly bigint: DataTypeExpression;
  /** A double-precision float (coordinates). */
  readonly double: DataTypeExpression;
  /** Bytes. */
  readonly bytes: DataTypeExpression;
  /** Type of an integer key the database assigns. */
  readonly serial: DataTypeExpression;
  /** An assigned key that is never reused, even after deletes (SQLite AUTOINCREMENT; an identity). */
  serialKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** An assigned key that may reuse a deleted one (SQLite's rowid alias; an identity). */
  rowKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Stores the table in its primary key's order where the engine can (SQLite WITHOUT ROWID). */
  clusteredOnKey<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
  ): CreateTableBuilder<T, C>;
  /** Whether a table exists (in `schema`, or the connection's own); Kysely's introspection reads every schema. */
  hasTable(db: Kysely<unknown>, table: string, schema: string | undefined): Promise<boolean>;
  /** Full-text search blocks, each the engine's own (FTS5 and triggers, or GIN indexes). */
  readonly search: {
    /** Indexes updates and stories, including the rows already stored. */
    updatesAndStories(db: Kysely<unknown>): Promise<void>;
    /** Adds statements to the index, including those already stored. */
    statements(db: Kysely<unknown>): Promise<void>;
  };
}
