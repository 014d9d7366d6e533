/**
 * Results that every test process would otherwise build again, built once and kept under the OS temp
 * dir, named by a hash of the sources they come from (a change to those sources builds afresh):
 * a migrated empty SQLite database, and the browser assets.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ASSETS_PREFIX, buildAssets, type Asset, type Assets } from '../../src/http/assets/build-assets.ts';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** Hash of every file under `paths` (relative to src/), with their names. */
function hashOfSources(paths: string[]): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const child = join(path, entry.name);
      // A compiled file beside its source (the test tree's): the source alone says what is built, so
      // the tree and the repository (the runner warms the caches from it) name the same build.
      if (
        /\.js$/.test(entry.name) &&
        (names.has(entry.name.replace(/\.js$/, '.ts')) || names.has(entry.name.replace(/\.js$/, '.tsx')))
      )
        continue;
      if (entry.isDirectory()) add(child);
      // Under npm test the tree's files are symlinks to the sources (test/support/compiled-tree.ts).
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(child).isFile()))
        hash.update(relative(SRC, child)).update(readFileSync(child));
    }
  };
  for (const path of paths) {
    const full = join(SRC, path);
    if (statSync(full).isDirectory()) add(full);
    else hash.update(path).update(readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The file `name` built by `build(dir)` into a scratch directory, kept as
 * `<tmp>/dateline-test-<kind>-<hash of sources>/<name>`. Concurrent test processes may both build
 * it; each moves its own result into place whole, so a reader never sees half a file.
 */
export async function cachedBuild(
  kind: string,
  sources: string[],
  name: string,
  build: (dir: string) => Promise<void>,
): Promise<string> {
  const dir = join(tmpdir(), `dateline-test-${kind}-${hashOfSources(sources)}`);
  const file = join(dir, name);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(join(dir, 'building-'));
  try {
    await build(scratch);
    renameSync(join(scratch, name), file);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return file;
}

/**
 * A migrated, empty SQLite database copied into `dataDir` (unless one is there), so a test node does
 * not apply every migration again: each commits with a full sync, seconds on a busy disk. The
 * migrations themselves are tested in test/store/migrations.test.ts.
 */
export async function seedMigratedDatabase(dataDir: string): Promise<void> {
  const target = join(dataDir, 'dateline.db');
  if (existsSync(target)) return;
  templateDatabase ??= cachedBuild('database', ['store'], 'dateline.db', async (dir) => {
    const { openSqliteStore } = await import('../../src/store/sqlite/sqlite-store.ts');
    // Closing the last connection folds the write-ahead log into the file, so the file is whole.
    await (await openSqliteStore({ filename: join(dir, 'dateline.db') })).close();
  });
  copyFileSync(await templateDatabase, target);
}
let templateDatabase: Promise<string> | undefined;

/**
 * Both results, built by the test runner before its processes start: otherwise the first process of
 * each lane builds them at the same moment on a clean machine.
 */
export async function warmCaches(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-warm-'));
  try {
    await Promise.all([seedMigratedDatabase(dir), builtAssets()]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The browser assets as buildAssets() makes them, built once for all test processes. */
export function builtAssets(): Promise<Assets> {
  assets ??= cachedBuild('assets', ['.'], 'assets.json', async (dir) => {
    const { files } = await buildAssets();
    const saved = [...files].map(([path, asset]) => ({
      path,
      contentType: asset.contentType,
      etag: asset.etag,
      body: asset.body.toString('base64'),
      br: asset.br.toString('base64'),
      gzip: asset.gzip.toString('base64'),
    }));
    writeFileSync(join(dir, 'assets.json'), JSON.stringify(saved));
  }).then(loadAssets);
  return assets;
}
let assets: Promise<Assets> | undefined;

function loadAssets(file: string): Assets {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    path: string;
    contentType: string;
    etag: string;
    body: string;
    br: string;
    gzip: string;
  }[];
  const files = new Map<string, Asset>();
  const urls = new Map<string, string>();
  for (const { path, contentType, etag, body, br, gzip } of saved) {
    files.set(path, {
      contentType,
      etag,
      body: Buffer.from(body, 'base64'),
      br: Buffer.from(br, 'base64'),
      gzip: Buffer.from(gzip, 'base64'),
    });
    // "/assets/reader.3f2a9c1be0d4.css" is the asset "reader.css".
    urls.set(path.slice(ASSETS_PREFIX.length).replace(/\.[0-9a-f]{12}\./, '.'), path);
  }
  return {
    files,
    url(name) {
      const path = urls.get(name);
      if (path === undefined) throw new Error(`unknown asset ${name}`);
      return path;
    },
  };
}
