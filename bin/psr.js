#!/usr/bin/env node
// Entry point for the `psr` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('psr: dist/ is missing — run `npm run build` (npm install does it for you)\n');
  process.exit(1);
}
await import(pathToFileURL(main).href);
