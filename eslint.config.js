// Lint rules are `error` or `off`, never `warn`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The floors of src/, each folder with the folders it may import; anything else is an error, so the
 * import graph stays free of circles (no folder imports one that imports it). domain/ is the ground:
 * pure types and rules. app.ts (the composition root) and cli/ stand above everything; only cli/
 * imports app.ts and config.ts, and nothing imports cli/. web/ (browser code) has its own rule below.
 */
const LAYERS = {
  domain: [],
  render: ['domain'],
  outbound: ['domain'],
  enrich: ['domain'],
  statements: ['domain', 'enrich', 'outbound'],
  store: ['domain', 'enrich', 'statements'],
  live: ['domain', 'store'],
  accounts: ['domain', 'store'],
  media: ['domain', 'store'],
  related: ['domain', 'enrich', 'render', 'store'],
  ops: ['domain', 'live', 'store'],
  service: ['domain', 'enrich', 'live', 'media', 'outbound', 'render', 'statements', 'store'],
  webhooks: ['domain', 'live', 'outbound', 'store'],
  sample: ['domain', 'service', 'store'],
  http: [
    'accounts',
    'domain',
    'enrich',
    'live',
    'media',
    'ops',
    'outbound',
    'related',
    'render',
    'service',
    'statements',
    'store',
  ],
  cli: ['accounts', 'domain', 'enrich', 'live', 'sample', 'service', 'statements', 'store'],
};
const FOLDERS = [...Object.keys(LAYERS), 'web'];

/**
 * The same rule one level down, inside http/: kit/ (the endpoint and form kits, page sending, headers)
 * and assets/ at the bottom, reader/ above them, the route modules over those; files directly in http/
 * (auth, problem documents) are everyone's ground, and server.ts assembles it all.
 */
const HTTP_LAYERS = {
  kit: [],
  assets: [],
  reader: ['assets', 'kit'],
  api: ['kit'],
  embed: ['assets', 'kit', 'reader'],
  map: ['assets', 'kit', 'reader'],
  search: ['assets', 'kit', 'reader'],
  newsroom: ['api', 'assets', 'kit', 'map', 'reader'],
};
/** Inside http/reader/: views/ (the article, the layout) under the pages that use them. */
const READER_LAYERS = {
  views: [],
  feeds: [],
  archive: ['views'],
  entities: ['views'],
  statements: ['views'],
};

/** Patterns forbidding the folders of `layers` that `folder` may not import (`prefix` + name + `/*`). */
function forbidden(layers, folder, prefix, message) {
  const others = Object.keys(layers).filter((o) => o !== folder && !layers[folder].includes(o));
  return others.length === 0 ? [] : [{ group: others.map((o) => `${prefix}${o}/*`), message }];
}

function layerRules() {
  const rule = (files, patterns) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  });
  return Object.entries(LAYERS).flatMap(([folder, allowed]) => {
    const forbiddenFolders = FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
    const patterns = [
      {
        group: forbiddenFolders.map((other) => `**/${other}/*`),
        message: `${folder}/ imports only ${allowed.join(', ') || 'nothing of ours'} (layer rules in eslint.config.js).`,
      },
    ];
    if (folder === 'http')
      // The server names what it sends the browser with web/shared/wire.ts, as types only.
      patterns.push({
        group: ['**/web/shared/wire.ts'],
        allowTypeImports: true,
        message: 'Server code takes web/shared/wire.ts as types only.',
      });
    if (folder !== 'cli')
      patterns.push({
        group: ['**/app.ts', '**/config.ts'],
        message: 'Only cli/ (and the composition root) reads the configuration and builds the app.',
      });
    if (folder !== 'http') return [rule([`src/${folder}/**`], patterns)];
    // A later rule replaces an earlier one for the same files, so each level repeats the levels above.
    return [
      rule(['src/http/**'], patterns),
      ...Object.keys(HTTP_LAYERS)
        .map((sub) => {
          const inHttp = [
            ...patterns,
            ...forbidden(
              HTTP_LAYERS,
              sub,
              '**/',
              `http/${sub}/ imports only ${HTTP_LAYERS[sub].join(', ') || 'no other folder'} of http/ (eslint.config.js).`,
            ),
          ];
          if (sub !== 'reader') return rule([`src/http/${sub}/**`], inHttp);
          return [
            rule([`src/http/${sub}/**`], inHttp),
            // Reader folders are one level deep, so a sibling is always `../name/`.
            ...Object.keys(READER_LAYERS).map((inner) =>
              rule(
                [`src/http/reader/${inner}/**`],
                [
                  ...inHttp,
                  ...forbidden(
                    READER_LAYERS,
                    inner,
                    '../',
                    `http/reader/${inner}/ imports only ${READER_LAYERS[inner].join(', ') || 'no other folder'} of http/reader/ (eslint.config.js).`,
                  ),
                ],
              ),
            ),
          ];
        })
        .flat(),
    ];
  });
}

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'var', 'resources', 'coverage', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Layer rules (see layerRules below): each folder of src/ imports only the folders beneath it.
  ...layerRules(),
  // Browser code: its own tsconfig (DOM, no Node); server code only as types (web/shared/wire.ts names
  // the payloads), except domain/'s pure rules and the event-type table the editor offers.
  {
    files: ['src/web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*', '!../../domain', '!../../enrich', '../../enrich/*', '!../../enrich/events'],
              allowTypeImports: true,
              message: 'Browser code takes server code as types only (see web/shared/wire.ts).',
            },
            { group: ['node:*'], message: 'Browser code runs in the browser.' },
          ],
        },
      ],
    },
  },
);
