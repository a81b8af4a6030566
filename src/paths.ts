import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding rock-check's package.json, found from this module's own
 * location so that schemas, profiles and suites resolve from the installed
 * package (src/ in development, dist/src/ once built), not from the cwd.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === 'rock-check') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('rock-check: cannot locate its own package.json');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
export const schemaPath = (name: string) => join(packageRoot, 'schemas', name);
export const profilePath = (name: string) => join(packageRoot, 'profiles', `${name}.yaml`);
export const packageVersion: string = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;
