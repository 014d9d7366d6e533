/**
 * Imports GeoNames dumps into the deployment's gazetteer tables: a country file (SD.zip, SD.txt),
 * allCountries, cities500…, admin1CodesASCII.txt / admin2Codes.txt and alternateNamesV2. Files are
 * streamed line by line (a zip entry too: allCountries is 1.5 GB unpacked and never held in memory)
 * and committed in batches, each with the line it reached, so an interrupted import resumes there;
 * every write is an upsert, so importing the same file again changes nothing.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { GazetteerBatch, GazetteerFileKind, GazetteerStore } from './gazetteer-store.ts';
import {
  parseAdminCodeLine,
  parseAlternateLine,
  parsePlaceLine,
  type GeonamesAdminCode,
  type GeonamesName,
  type GeonamesPlace,
  type Parsed,
} from './geonames.ts';

/** Lines read per committed batch: big enough that transactions are not the cost, small enough to resume. */
const BATCH_LINES = 10_000;
/** If this many lines at the start are all unreadable, the file is not the GeoNames dump it is named as. */
const PROBE_LINES = 50;

/** How far one file's import got, for the terminal. */
export interface ImportProgress {
  source: string;
  kind: GazetteerFileKind;
  /** Bytes of the (uncompressed) text read so far, and in all. */
  bytes: number;
  size: number;
  lines: number;
  rows: number;
  /** Lines that were not GeoNames rows. */
  bad: number;
  state: 'reading' | 'done' | 'already imported';
  /** Lines skipped because an earlier, interrupted import had committed them. */
  resumedAt: number;
}

/** One readable text inside the files given: a plain .txt or an entry of a .zip. */
interface ImportTask {
  source: string;
  kind: GazetteerFileKind;
  size: number;
  open(): Promise<Readable>;
  close(): void;
}

/** A file the importer cannot read; its message is one line for the CLI. */
export class GazetteerImportError extends Error {
  override name = 'GazetteerImportError';
}

/** What kind of dump a file (or zip entry) is, from its name; undefined for readme files and the like. */
export function kindOfFile(name: string): GazetteerFileKind | undefined {
  const file = basename(name);
  if (!/\.txt$/i.test(file)) return undefined;
  if (/^admin[12]Codes(?:ASCII)?\.txt$/i.test(file)) return 'admin-codes';
  if (/^alternateNames(?:V2)?\.txt$/i.test(file)) return 'alternates';
  if (
    /^(?:readme|iso-languagecodes|featureCodes.*|timeZones|countryInfo|hierarchy|userTags)\.txt$/i.test(file)
  )
    return undefined;
  return 'places';
}

const KIND_ORDER: Record<GazetteerFileKind, number> = { 'admin-codes': 0, places: 1, alternates: 2 };

async function tasksOf(path: string): Promise<ImportTask[]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new GazetteerImportError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  if (/\.zip$/i.test(path)) return zipTasks(path);
  const kind = kindOfFile(path);
  if (!kind)
    throw new GazetteerImportError(
      `${path}: not a GeoNames dump (expected XX.zip, XX.txt, allCountries.zip, admin1CodesASCII.txt, admin2Codes.txt or alternateNamesV2.zip)`,
    );
  return [{ source: basename(path), kind, size, open: async () => createReadStream(path), close() {} }];
}

async function zipTasks(path: string): Promise<ImportTask[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, file) =>
      error || !file ? reject(new GazetteerImportError(`${path}: not a readable zip file`)) : resolve(file),
    ),
  );
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
  const tasks: ImportTask[] = [];
  for (const entry of entries) {
    const kind = kindOfFile(entry.fileName);
    if (!kind) continue;
    tasks.push({
      source: `${basename(path)}:${entry.fileName}`,
      kind,
      size: entry.uncompressedSize,
      open: () =>
        new Promise<Readable>((resolve, reject) =>
          zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error) : resolve(stream))),
        ),
      close: () => zip.close(),
    });
  }
  if (tasks.length === 0) {
    zip.close();
    throw new GazetteerImportError(`${path}: no GeoNames dump inside`);
  }
  return tasks;
}

/**
 * Imports `paths` in the order that makes their rows link up (area names, then places, then
 * alternate spellings of the places imported), telling `onProgress` as it goes. `force` reads a
 * file again even if it was imported whole before (the result is the same).
 */
export async function importGeonames(
  store: GazetteerStore,
  paths: readonly string[],
  onProgress: (progress: ImportProgress) => void = () => {},
  options: { force?: boolean; batchLines?: number } = {},
): Promise<ImportProgress[]> {
  const tasks: ImportTask[] = [];
  try {
    for (const path of paths) tasks.push(...(await tasksOf(path)));
    tasks.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    const results: ImportProgress[] = [];
    for (const task of tasks)
      results.push(
        await importTask(store, task, onProgress, options.force ?? false, options.batchLines ?? BATCH_LINES),
      );
    return results;
  } finally {
    for (const task of tasks) task.close();
  }
}

async function importTask(
  store: GazetteerStore,
  task: ImportTask,
  onProgress: (progress: ImportProgress) => void,
  force: boolean,
  batchLines: number,
): Promise<ImportProgress> {
  let record = await store.importOf(task.source);
  if (record && record.finishedAt !== null && record.size === task.size && !force) {
    const done: ImportProgress = {
      source: task.source,
      kind: task.kind,
      bytes: task.size,
      size: task.size,
      lines: record.linesDone,
      rows: record.rowsKept,
      bad: 0,
      state: 'already imported',
      resumedAt: 0,
    };
    onProgress(done);
    return done;
  }
  record = await store.startImport(task.source, task.kind, task.size, force);
  const progress: ImportProgress = {
    source: task.source,
    kind: task.kind,
    bytes: 0,
    size: task.size,
    lines: 0,
    rows: record.rowsKept,
    bad: 0,
    state: 'reading',
    resumedAt: record.linesDone,
  };
  const stream = await task.open();
  stream.on('data', (chunk: Buffer) => {
    progress.bytes += chunk.length;
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let places: { place: GeonamesPlace; names: string[] }[] = [];
  let alternates: GeonamesName[] = [];
  let adminCodes: GeonamesAdminCode[] = [];
  let pending = 0;
  const flush = async () => {
    const batch: GazetteerBatch = { source: task.source, linesDone: progress.lines, rowsKept: progress.rows };
    if (places.length > 0) batch.places = places;
    if (alternates.length > 0) batch.alternates = alternates;
    if (adminCodes.length > 0) batch.adminCodes = adminCodes;
    await store.saveBatch(batch);
    places = [];
    alternates = [];
    adminCodes = [];
    pending = 0;
    onProgress(progress);
  };
  for await (const line of lines) {
    progress.lines++;
    // Lines an interrupted import committed are read again (a zip entry cannot be seeked) but not parsed.
    if (progress.lines <= record.linesDone) continue;
    if (line === '' || line.startsWith('#')) continue;
    const parsed: Parsed<unknown> =
      task.kind === 'places'
        ? parsePlaceLine(line)
        : task.kind === 'alternates'
          ? parseAlternateLine(line)
          : parseAdminCodeLine(line);
    if (parsed.kind === 'bad') {
      progress.bad++;
      const read = progress.lines - record.linesDone;
      if (progress.bad === read && read >= PROBE_LINES)
        throw new GazetteerImportError(
          `${task.source}: line ${progress.lines} is not a GeoNames ${task.kind} row; is this the right file?`,
        );
    } else if (parsed.kind === 'row') {
      progress.rows++;
      if (task.kind === 'places') places.push(parsed.row as { place: GeonamesPlace; names: string[] });
      else if (task.kind === 'alternates') alternates.push(...(parsed.row as GeonamesName[]));
      else adminCodes.push(parsed.row as GeonamesAdminCode);
    }
    if (++pending >= batchLines) await flush();
  }
  if (progress.bad > 0 && progress.bad === progress.lines - record.linesDone)
    throw new GazetteerImportError(`${task.source}: no line is a GeoNames ${task.kind} row`);
  await flush();
  await store.finishImport(task.source);
  progress.bytes = task.size;
  progress.state = 'done';
  onProgress(progress);
  return progress;
}
