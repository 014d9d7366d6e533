/**
 * Rows derived from a domain schema (domain/update-schema.ts), so a table whose record is declared
 * once lists its columns nowhere else: each field is a column named in snake_case (`bodyHtml` →
 * `body_html`), a boolean is the engine's boolean (SqlAdapter.bool), a string or number its own value,
 * and anything else (arrays, objects) JSON text. Kysely's `selectAll()` reads such a row and
 * `fromRow` turns it into the record; `toRow` is what `insertInto`/`updateTable` write.
 */
import type { z } from 'zod';
import type { SqlAdapter } from './sql-adapter.ts';
import type { SqlBool } from './schema.ts';

/** `bodyHtml` → `body_html`. */
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** How a field of type T is stored: booleans as the engine's, objects and arrays as JSON text. */
type Column<T> = T extends boolean ? SqlBool : T extends object ? string : T;

/** The row of a record T: every field a column (an optional one too: absent is stored as its default). */
export type RowOf<T> = { [K in keyof T & string as SnakeCase<K>]-?: Column<Exclude<T[K], undefined>> };

/** `bodyHtml` → `body_html`, as SnakeCase does for the type. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type Kind = 'bool' | 'json' | 'value';

/** Leave the column out: the database writes its default (an insert) or keeps its value (an update). */
const COLUMN_DEFAULT = Symbol('column default');
/** No value may be absent. */
const REQUIRED = Symbol('required');

interface ColumnOf {
  field: string;
  column: string;
  kind: Kind;
  /** What an absent field is stored as. */
  absent: unknown;
}

/** The definition behind optional, nullable and default wrappers, and whether null or absence is allowed. */
function unwrap(type: z.ZodType): { def: z.ZodType['def']; nullable: boolean; optional: boolean } {
  let def = type.def;
  let nullable = false;
  let optional = false;
  while (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') {
    if (def.type === 'nullable') nullable = true;
    else optional = true;
    def = (def as unknown as { innerType: z.ZodType }).innerType.def;
  }
  return { def, nullable, optional };
}

function columnsOf(shape: Record<string, z.ZodType>): ColumnOf[] {
  return Object.entries(shape).map(([field, type]) => {
    const { def, nullable, optional } = unwrap(type);
    const kind: Kind =
      def.type === 'boolean'
        ? 'bool'
        : ['string', 'number', 'enum', 'literal'].includes(def.type)
          ? 'value'
          : 'json';
    // An optional field is absent on records older than it (and on the events and submissions that
    // hold them): an array is stored empty, a nullable field null, anything else as the column's default.
    const absent = !optional ? REQUIRED : def.type === 'array' ? '[]' : nullable ? null : COLUMN_DEFAULT;
    return { field, column: snakeCase(field), kind, absent };
  });
}

/** Maps records declared by `schema` to rows and back. */
export interface RowMapper<T> {
  fromRow(row: RowOf<T>): T;
  toRow(record: T, adapter: SqlAdapter): RowOf<T>;
}

/** The mapper of `schema`'s records (an object schema of booleans, strings, numbers, arrays and objects). */
export function rowMapper<S extends z.ZodObject>(schema: S): RowMapper<z.output<S>> {
  const columns = columnsOf(schema.shape as Record<string, z.ZodType>);
  return {
    fromRow(row) {
      const values = row as Record<string, unknown>;
      const record: Record<string, unknown> = {};
      for (const { field, column, kind } of columns) {
        const value = values[column];
        // 0/1 from SQLite, false/true from PostgreSQL.
        record[field] =
          kind === 'bool'
            ? Boolean(value)
            : kind === 'json' && value !== null
              ? JSON.parse(value as string)
              : value;
      }
      return record as z.output<S>;
    },
    toRow(record, adapter) {
      const values = record as Record<string, unknown>;
      const row: Record<string, unknown> = {};
      for (const { field, column, kind, absent } of columns) {
        const value = values[field];
        if (value === undefined) {
          if (absent === REQUIRED) throw new Error(`${column}: ${field} is required`);
          if (absent !== COLUMN_DEFAULT) row[column] = absent;
        } else
          row[column] =
            kind === 'bool'
              ? adapter.bool(value as boolean)
              : kind === 'json' && value !== null
                ? JSON.stringify(value)
                : value;
      }
      return row as RowOf<z.output<S>>;
    },
  };
}
