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

function layerRules() {
  return Object.entries(LAYERS).map(([folder, allowed]) => {
    const forbidden = FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
    const patterns = [
      {
        group: forbidden.map((other) => `**/${other}/*`),
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
    return {
      files: [`src/${folder}/**`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
    };
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
