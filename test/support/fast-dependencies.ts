/**
 * Loaded into every test process by scripts/test.ts (`--import`, after tsx): registers
 * dependency-hooks.mjs with the bundles named in DATELINE_TEST_BUNDLES. prebundleDependencies()
 * builds those bundles, once per installed version, for the runner to name.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Packages of many small ES modules that src/ imports by their bare name (and only so). */
const BUNDLED = ['kysely', 'zod', 'chrono-node/en', 'diff', 'htmlparser2'];

const bundles = process.env['DATELINE_TEST_BUNDLES'];
// `off` (for a suspected bundling problem): tests load every package as production does.
if (bundles !== undefined && bundles !== 'off')
  register('./dependency-hooks.mjs', {
    parentURL: import.meta.url,
    data: JSON.parse(bundles) as Record<string, string>,
  });

/**
 * Each package of BUNDLED as one ES module file, built with esbuild into the OS temp dir under a
 * hash of the installed versions; resolves to { specifier: file URL }.
 */
export async function prebundleDependencies(root: string): Promise<Record<string, string>> {
  const packageJson = (name: string) => join(root, 'node_modules', name.split('/')[0]!, 'package.json');
  const hash = createHash('sha256');
  for (const name of ['esbuild', ...BUNDLED]) hash.update(name).update(readFileSync(packageJson(name)));
  const dir = join(tmpdir(), `dateline-test-bundles-${hash.digest('hex').slice(0, 16)}`);
  mkdirSync(dir, { recursive: true });
  const bundles: Record<string, string> = {};
  for (const name of BUNDLED) {
    const file = join(dir, `${name.replace('/', '-')}.mjs`);
    if (!existsSync(file)) {
      const { build } = await import('esbuild');
      const module = (await import(name)) as Record<string, unknown>;
      const scratch = `${file}.${process.pid}`;
      await build({
        stdin: {
          contents: `export * from '${name}';${'default' in module ? ` export { default } from '${name}';` : ''}`,
          resolveDir: root,
        },
        bundle: true,
        format: 'esm',
        platform: 'node',
        outfile: scratch,
        logLevel: 'error',
      });
      renameSync(scratch, file);
    }
    bundles[name] = pathToFileURL(file).href;
  }
  return bundles;
}
