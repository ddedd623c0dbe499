#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a clone needs no build step. The project's
// tsconfig.json is named explicitly: tsx would otherwise look for one from the working directory, and
// run from anywhere else, JSX would compile for React instead of Preact.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
