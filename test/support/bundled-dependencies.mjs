// Registers dependency-hooks.mjs with the bundles named in DATELINE_TEST_BUNDLES (set by
// scripts/test.ts). Plain JavaScript so that it can be `--import`ed before tsx is loaded: test
// processes load it through fast-dependencies.ts, and the `dateline` processes tests start
// (test/support/server-process.ts) with `--import`, so that each CLI run does not load kysely and
// zod module by module (~0.6 s of CPU per run).
import { register } from 'node:module';

const bundles = process.env['DATELINE_TEST_BUNDLES'];
// `off` (for a suspected bundling problem): tests load every package as production does.
if (bundles !== undefined && bundles !== 'off')
  register('./dependency-hooks.mjs', {
    parentURL: import.meta.url,
    data: JSON.parse(bundles),
  });
