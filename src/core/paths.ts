/** Locations inside the psr package, the same whether running from src/ (tsx) or dist/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`psr: no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The package root (the folder holding package.json). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Shipped data files (rule sets, starter knowledge): `<root>/data/...`. */
export function dataPath(...parts: string[]): string {
  return join(ROOT, 'data', ...parts);
}
