// Lint rules are `error` or `off`, never `warn`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'bench/results'] },
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
  // Layer rules: what a folder must never import, so that the structure cannot quietly grow back into
  // circles. domain/ is the ground: pure types and rules, importing nothing of ours.
  {
    files: ['src/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*'], message: 'domain/ imports nothing of ours: it is the ground floor.' },
          ],
        },
      ],
    },
  },
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
