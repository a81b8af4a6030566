import { posix } from 'node:path';
import type { Profile } from '../../src/profile/profile.js';
import { dockerfileRemovals } from './gen-dockerfile.js';
import { fileRemovals, isLineOriented, lineRemovals } from './gen-files.js';
import { jsonRemovals } from './gen-json.js';
import { pythonRemovals } from './gen-python.js';
import { yamlRemovals } from './gen-yaml.js';
import type { Texts, Variant } from './variant.js';

/**
 * Every construct of the good submission that a criterion could read, each
 * removed in a variant of its own: whole files, then what each file is made
 * of, read with a parser of its kind.
 */
export function generateRemovals(texts: Texts, profile: Profile): Variant[] {
  const parts = [...texts].flatMap(([path, text]) => {
    const base = posix.basename(path);
    if (base === 'Dockerfile') return dockerfileRemovals(path, text);
    if (/\.ya?ml$/.test(base)) return yamlRemovals(path, text);
    if (isLineOriented(path)) return lineRemovals(path, text);
    if (path.endsWith(`/${profile.settings.path}`)) return pythonRemovals(path, text, 'DATABASES');
    if (base === 'package.json' || posix.dirname(path).endsWith(`/${profile.seed.fixturesDir}`)) return jsonRemovals(path, text);
    return [];
  });
  const variants = [...fileRemovals(texts), ...parts];
  const ids = new Set<string>();
  for (const v of variants) {
    if (ids.has(v.id)) throw new Error(`two constructs are both named "${v.id}"`);
    ids.add(v.id);
  }
  return variants;
}
