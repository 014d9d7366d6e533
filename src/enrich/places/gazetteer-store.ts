/** Storage of places imported from GeoNames dumps (see src/enrich/places/geonames-import.ts). */
import type { GeonamesAdminCode, GeonamesName, GeonamesPlace } from './geonames.ts';

/** Which kind of GeoNames file an import reads. */
export type GazetteerFileKind = 'places' | 'alternates' | 'admin-codes';

/** One imported file (or zip entry) and how far its import got. */
export interface GazetteerImport {
  /** "SD.zip:SD.txt", "admin1CodesASCII.txt": the file's name and, for a zip, the entry's. */
  source: string;
  kind: GazetteerFileKind;
  /** Size in bytes of the (uncompressed) text, to tell a new download from the file imported before. */
  size: number;
  /** Lines committed: an interrupted import resumes after them. */
  linesDone: number;
  /** Rows kept (places, spellings or area names). */
  rowsKept: number;
  startedAt: string;
  finishedAt: string | null;
}

/** A place found by one of its spellings, with the name of its admin-2 area if that was imported. */
export interface GazetteerHit {
  name: string;
  place: GeonamesPlace;
  admin2Name?: string;
}

/** One committed step of an import: rows to upsert and how far the file is read. */
export interface GazetteerBatch {
  source: string;
  linesDone: number;
  rowsKept: number;
  places?: { place: GeonamesPlace; names: string[] }[];
  /** Spellings of places; those of places not imported are dropped. */
  alternates?: GeonamesName[];
  adminCodes?: GeonamesAdminCode[];
}

/**
 * Imported places, shared by every process of a deployment. Writes are idempotent (a place is keyed by
 * its geonameid, a spelling by name and place), and every write bumps `generation()` in the same
 * transaction, which is how a running server learns that the CLI imported something.
 */
export interface GazetteerStore {
  /** Changes whenever imported places change; 0 while nothing was ever imported. */
  generation(): Promise<number>;
  /** Places spelled exactly (case-sensitive) as one of `names`. */
  findByNames(names: readonly string[]): Promise<GazetteerHit[]>;
  /** The import record of `source`, if it was ever started. */
  importOf(source: string): Promise<GazetteerImport | null>;
  /**
   * Starts the import of `source`, or continues an earlier one; from the first line again if `size`
   * changed (a new download under the same name) or `restart` is set.
   */
  startImport(
    source: string,
    kind: GazetteerFileKind,
    size: number,
    restart?: boolean,
  ): Promise<GazetteerImport>;
  /** Commits one batch of rows together with the file position reached. */
  saveBatch(batch: GazetteerBatch): Promise<void>;
  /** Marks `source` as read to the end. */
  finishImport(source: string): Promise<void>;
  /** Every import record, by source. */
  imports(): Promise<GazetteerImport[]>;
  /** Imported places per country, by ISO2. */
  countries(): Promise<{ iso2: string; places: number }[]>;
  /** Removes a country's imported places, spellings and area names; returns how many places went. */
  removeCountry(iso2: string): Promise<number>;
}
