/**
 * Loaded into every test process by scripts/test.ts (`--import`, after tsx): registers
 * dependency-hooks.mjs with the bundles named in DATELINE_TEST_BUNDLES (bundled-dependencies.mjs).
 * prebundleDependencies() builds those bundles, once per installed version, for the runner to name.
 */
import './bundled-dependencies.mjs';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Packages of many small ES modules that src/ imports by their bare name (and only so), and the
 * subpaths of them that other packages import (fastify-type-provider-zod: zod/v4/core).
 */
const BUNDLED = ['kysely', 'zod', 'zod/v4/core', 'chrono-node/en', 'diff', 'htmlparser2'];

/**
 * Each package of BUNDLED as one ES module file, built with esbuild into the OS temp dir under a
 * hash of the installed versions; resolves to { specifier: file URL }. One build with shared chunks:
 * `zod` and `zod/v4/core` share one copy of the modules they both contain, as they do unbundled
 * (a class or registry of zod's core must be the same object to both).
 */
export async function prebundleDependencies(root: string): Promise<Record<string, string>> {
  const packageJson = (name: string) => join(root, 'node_modules', name.split('/')[0]!, 'package.json');
  const hash = createHash('sha256');
  for (const name of ['esbuild', ...BUNDLED]) hash.update(name).update(readFileSync(packageJson(name)));
  const dir = join(tmpdir(), `dateline-test-bundles-${hash.digest('hex').slice(0, 16)}`);
  const fileOf = (name: string) => `${name.replaceAll('/', '-')}.mjs`;
  if (!existsSync(dir)) {
    const { build } = await import('esbuild');
    // Concurrent runs may both build; each moves its own result into place whole.
    const scratch = mkdtempSync(`${dir}.building-`);
    const entryPoints: Record<string, string> = {};
    for (const name of BUNDLED) {
      const module = (await import(name)) as Record<string, unknown>;
      const entry = join(scratch, `entry-${fileOf(name)}`);
      writeFileSync(
        entry,
        `export * from '${name}';${'default' in module ? ` export { default } from '${name}';` : ''}`,
      );
      entryPoints[fileOf(name).slice(0, -'.mjs'.length)] = entry;
    }
    await build({
      entryPoints,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      outdir: join(scratch, 'out'),
      outExtension: { '.js': '.mjs' },
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
    });
    try {
      renameSync(join(scratch, 'out'), dir);
    } catch (error) {
      if (!existsSync(dir)) throw error;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return Object.fromEntries(BUNDLED.map((name) => [name, pathToFileURL(join(dir, fileOf(name))).href]));
}
