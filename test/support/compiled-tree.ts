/**
 * The repository as test processes run it: a copy of its tree in a temp dir of symlinks to the
 * originals, and beside each TypeScript file of src/ and test/ its JavaScript (esbuild,
 * one module per file, imports of `./x.ts` rewritten to `./x.js`), and bin/dateline.js starting the
 * compiled CLI.
 *
 * Why: run through tsx, every module a process loads is a round trip to Node's module hooks thread
 * and a transform lookup, ~0.8 s of CPU for the app alone, paid again by each of ~180 test processes
 * and each `dateline` they start (measured: importing src/app.ts costs 1.45 s of CPU through tsx,
 * 0.7 s compiled). Compiling the whole tree once takes half a second. The code run is the same: tsx
 * compiles with esbuild too. Paths stay as they were (`import.meta.dirname` + '../fixtures', a test
 * reading a .ts file, a child started with `--import tsx` on a .ts path), since every original file
 * is in the copy under its own name; only what is imported as compiled JavaScript is new.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';

/** Top-level entries that are not copied: version control (node_modules is linked below). */
const SKIPPED = new Set(['.git', 'node_modules']);
/** Folders whose TypeScript is compiled. src/web is browser code that the asset build bundles from source. */
const COMPILED = ['src', 'test'];
const NOT_COMPILED = ['src/web'];

export interface CompiledTree {
  /** The copy's root: test files are `${root}/test/….test.js`. */
  root: string;
  remove(): void;
}

/**
 * Builds the copy of `repoRoot` in a new temp dir under `parent` (default the OS temp dir). `outside`:
 * TypeScript files outside the repository to compile too (a test of the runner writes its own test
 * files in a temp dir), each to `compiledPath`'s place for it; they may import packages only.
 */
export async function buildCompiledTree(
  repoRoot: string,
  parent = tmpdir(),
  outside: string[] = [],
): Promise<CompiledTree> {
  const root = mkdtempSync(join(parent, 'dateline-tests-'));
  const sources: string[] = [];
  const isCompiled = (path: string) => {
    const rel = relative(repoRoot, path);
    return (
      COMPILED.some((dir) => rel.startsWith(`${dir}/`)) &&
      !NOT_COMPILED.some((dir) => rel.startsWith(`${dir}/`)) &&
      /\.tsx?$/.test(rel) &&
      !rel.endsWith('.d.ts')
    );
  };
  // src/ and test/ file by file, so the compiled files can stand beside theirs; the rest of the
  // repository as links to its folders, so what a test writes there (a screenshot) is kept.
  const copy = (dir: string) => {
    const target = join(root, relative(repoRoot, dir));
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) copy(path);
      else {
        symlinkSync(path, join(target, entry.name));
        if (isCompiled(path)) sources.push(path);
      }
    }
  };
  for (const entry of readdirSync(repoRoot)) {
    if (SKIPPED.has(entry)) continue;
    if (COMPILED.includes(entry)) copy(join(repoRoot, entry));
    else if (entry !== 'bin') symlinkSync(join(repoRoot, entry), join(root, entry));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));

  const { build } = await import('esbuild');
  const entryPoints = [
    ...sources.map((path) => ({ in: path, out: relative(repoRoot, path).replace(/\.tsx?$/, '') })),
    ...outside.map((path) => ({
      in: path,
      out: relative(root, compiledPath(root, repoRoot, path)).slice(0, -3),
    })),
  ];
  await build({
    entryPoints,
    outdir: root,
    // "Bundling" with every import external is a per-file transform that lets a plugin see imports.
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(repoRoot, 'tsconfig.json'),
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [
      {
        name: 'relative-imports-to-js',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'entry-point'
              ? undefined
              : {
                  path: args.path.startsWith('.') ? args.path.replace(/\.tsx?$/, '.js') : args.path,
                  external: true,
                },
          );
        },
      },
    ],
  });
  // The command tests start: bin/dateline.js registers tsx; this one loads the compiled CLI.
  mkdirSync(join(root, 'bin'));
  writeFileSync(
    join(root, 'bin', 'dateline.js'),
    "#!/usr/bin/env node\nawait import('../src/cli/main.js');\n",
  );
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The compiled file of `tsPath` (a .ts/.tsx path, in the repository or `outside` it) in the copy at `root`. */
export function compiledPath(root: string, repoRoot: string, tsPath: string): string {
  const rel = relative(repoRoot, tsPath);
  const inside = !rel.startsWith('..') && !isAbsolute(rel);
  return join(root, inside ? rel : join('.outside', tsPath)).replace(/\.tsx?$/, '.js');
}
