#!/usr/bin/env node
// Runs the built CLI (npm run build writes dist/); in a checkout without a
// build, run `npm run build` first.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('rock-check: not built; run `npm run build` in the package folder\n');
  process.exit(3);
}
await import(main.href);
