// Module hooks for test processes (registered by test/support/fast-dependencies.ts, after tsx's, so
// they run first). Written in JavaScript: they run in Node's hooks thread, before any TypeScript can.
//
// Every module a process imports passes through the hooks thread, a round trip per module: kysely
// alone is 263 files, zod 95, chrono-node 51. Two shortcuts, both leaving what runs unchanged:
// - a bare import of a package named in `bundles` loads that package bundled into one file by
//   esbuild (scripts/test.ts builds them; same code, one module instead of hundreds);
// - an ES module inside node_modules loads as Node would load it, without tsx's load step (tsx
//   only needs to see our TypeScript).
import { readFileSync } from 'node:fs';

let bundles = new Map();
// The folders the bundles are in, with the chunks they share.
const bundleDirs = new Set();

/** `data`: { package specifier: file URL of its bundle }. */
export function initialize(data) {
  bundles = new Map(Object.entries(data ?? {}));
  for (const url of bundles.values()) bundleDirs.add(new URL('./', url).href);
}

export async function resolve(specifier, context, next) {
  const bundle = bundles.get(specifier);
  if (bundle !== undefined) return { url: bundle, format: 'module', shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (
    (url.startsWith('file:') && bundleDirs.has(url.slice(0, url.lastIndexOf('/') + 1))) ||
    (url.startsWith('file:') && url.includes('/node_modules/') && isModule(url))
  )
    return { format: 'module', source: readFileSync(new URL(url)), shortCircuit: true };
  return next(url, context);
}

// Node's rule: .mjs is a module; .js is one when the nearest package.json says "type": "module".
const typeOfDir = new Map();
function isModule(url) {
  if (url.endsWith('.mjs')) return true;
  if (!url.endsWith('.js')) return false;
  const seen = [];
  let dir = new URL('./', url);
  let type;
  for (;;) {
    type = typeOfDir.get(dir.href);
    if (type !== undefined) break;
    seen.push(dir.href);
    try {
      type = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')).type ?? 'commonjs';
      break;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    const up = new URL('../', dir);
    if (up.href === dir.href) {
      type = 'commonjs';
      break;
    }
    dir = up;
  }
  for (const href of seen) typeOfDir.set(href, type);
  return type === 'module';
}
