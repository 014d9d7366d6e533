#!/usr/bin/env node
// The `dateline` command. Sources are TypeScript run through tsx, so a fresh clone needs no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Name our tsconfig explicitly: tsx otherwise looks in the working directory, and JSX would compile wrongly.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
