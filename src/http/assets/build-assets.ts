/** Builds the reader's browser assets at boot: the live client bundled and minified, and the stylesheet. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

/** Names of the assets pages refer to. */
export const ASSET_NAMES = [
  'reader-live.js',
  'map.js',
  'reader.css',
  'embed.js',
  'embed-live.js',
  'embed.css',
  'newsroom.js',
  'newsroom.css',
  'place-pin.js',
  'network.js',
  'layer-editor.js',
] as const;
/** One asset name. */
export type AssetName = (typeof ASSET_NAMES)[number];

/** A built file ready to send, with precompressed copies for readers on slow links. */
export interface Asset {
  body: Buffer;
  /** Brotli and gzip encodings of `body`, made once at boot. */
  br: Buffer;
  gzip: Buffer;
  contentType: string;
  /** Strong ETag (quoted content hash). */
  etag: string;
}

/** The built assets: files by URL path, and the URL of each named asset. */
export interface Assets {
  /** Files keyed by URL path, e.g. "/assets/reader.3f2a9c1be0d4.css". */
  files: ReadonlyMap<string, Asset>;
  /** URL path of a named asset; the name carries a content hash, so it can be cached for ever. */
  url(name: AssetName): string;
}

/** URL prefix under which assets are served. */
export const ASSETS_PREFIX = '/assets/';

const CLIENT_ENTRY = fileURLToPath(new URL('../../web/reader/reader-live.ts', import.meta.url));
// Map pages: the reader client plus the map (src/web/reader/map-page.ts).
const MAP_ENTRY = fileURLToPath(new URL('../../web/reader/map-page.ts', import.meta.url));
// Contact network drawings' highlighting (src/web/reader/network.ts), only on pages that draw one.
const NETWORK_ENTRY = fileURLToPath(new URL('../../web/reader/network.ts', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('../../web/reader/reader.css', import.meta.url));
// The embeddable widget (src/web/embed/): the loader partner pages include, the framed page's live client and its styles.
const EMBED_LOADER = fileURLToPath(new URL('../../web/embed/embed-loader.ts', import.meta.url));
const EMBED_CLIENT = fileURLToPath(new URL('../../web/embed/embed-live.ts', import.meta.url));
const EMBED_STYLESHEET = fileURLToPath(new URL('../../web/embed/embed.css', import.meta.url));
// The newsroom editor: its own bundle, so readers never download it.
const NEWSROOM_ENTRY = fileURLToPath(new URL('../../web/newsroom/newsroom.ts', import.meta.url));
// The newsroom's place pages' pin map (src/http/newsroom/place-pages.tsx).
const PLACE_PIN_ENTRY = fileURLToPath(new URL('../../web/newsroom/place-pin.ts', import.meta.url));
// The newsroom's map layer drawing page (src/http/newsroom/layer-editor-page.tsx).
const LAYER_EDITOR_ENTRY = fileURLToPath(new URL('../../web/newsroom/layer-editor.ts', import.meta.url));
const NEWSROOM_STYLESHEET = fileURLToPath(new URL('../../web/newsroom/newsroom.css', import.meta.url));

const bundleEntry = (entry: string) =>
  build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error(`esbuild produced no output for ${entry}`);
    return Buffer.from(file.contents);
  });
const minifyCss = (path: string) =>
  readFile(path, 'utf8').then(async (source) =>
    Buffer.from(
      (
        await transform(source, {
          loader: 'css',
          minify: true,
          target: ['chrome90', 'firefox90', 'safari14'],
        })
      ).code,
    ),
  );

/** Bundles and minifies the live client and the stylesheet; call once at boot. */
export async function buildAssets(): Promise<Assets> {
  const [script, css] = await Promise.all([
    build({
      entryPoints: [CLIENT_ENTRY],
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    }),
    readFile(STYLESHEET, 'utf8').then((source) =>
      transform(source, { loader: 'css', minify: true, target: ['chrome90', 'firefox90', 'safari14'] }),
    ),
  ]);
  const bundle = script.outputFiles[0];
  if (!bundle) throw new Error('esbuild produced no output for the reader client');
  const [
    embedLoader,
    embedClient,
    embedCss,
    newsroomJs,
    newsroomCss,
    placePinJs,
    mapJs,
    networkJs,
    layerEditorJs,
  ] = await Promise.all([
    bundleEntry(EMBED_LOADER),
    bundleEntry(EMBED_CLIENT),
    minifyCss(EMBED_STYLESHEET),
    bundleEntry(NEWSROOM_ENTRY),
    minifyCss(NEWSROOM_STYLESHEET),
    bundleEntry(PLACE_PIN_ENTRY),
    bundleEntry(MAP_ENTRY),
    bundleEntry(NETWORK_ENTRY),
    bundleEntry(LAYER_EDITOR_ENTRY),
  ]);
  const built: [AssetName, Buffer, string][] = [
    ['reader-live.js', Buffer.from(bundle.contents), 'text/javascript; charset=utf-8'],
    ['map.js', mapJs, 'text/javascript; charset=utf-8'],
    ['reader.css', Buffer.from(css.code), 'text/css; charset=utf-8'],
    ['embed.js', embedLoader, 'text/javascript; charset=utf-8'],
    ['embed-live.js', embedClient, 'text/javascript; charset=utf-8'],
    ['embed.css', embedCss, 'text/css; charset=utf-8'],
    ['newsroom.js', newsroomJs, 'text/javascript; charset=utf-8'],
    ['newsroom.css', newsroomCss, 'text/css; charset=utf-8'],
    ['place-pin.js', placePinJs, 'text/javascript; charset=utf-8'],
    ['network.js', networkJs, 'text/javascript; charset=utf-8'],
    ['layer-editor.js', layerEditorJs, 'text/javascript; charset=utf-8'],
  ];
  const files = new Map<string, Asset>();
  const urls = new Map<AssetName, string>();
  for (const [name, body, contentType] of built) {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const dot = name.lastIndexOf('.');
    const path = `${ASSETS_PREFIX}${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    files.set(path, {
      body,
      br: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(body, { level: 9 }),
      contentType,
      etag: `"${hash}"`,
    });
    urls.set(name, path);
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
