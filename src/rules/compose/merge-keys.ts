import { isMapping } from './service-data.js';

/**
 * Applies YAML merge keys (`<<: *defaults`), which Docker Compose honours, to
 * plain data read without them. Keys written next to `<<` win over merged ones.
 */
export function applyMergeKeys(value: unknown, done = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // a value an alias shares is merged once, so the work is linear in the file, not in its expansion
  const known = done.get(value);
  if (known !== undefined) return known;
  const out = merged(value, done);
  done.set(value, out);
  return out;
}

function merged(value: object, done: Map<object, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => applyMergeKeys(v, done));
  if (!isMapping(value)) return value;
  const out: Record<string, unknown> = {};
  const merge = value['<<'];
  const sources = Array.isArray(merge) ? merge : [merge];
  const merging = sources.length > 0 && sources.every(isMapping);
  if (merging) {
    for (const src of sources) {
      for (const [k, v] of Object.entries(applyMergeKeys(src, done) as Record<string, unknown>)) if (!(k in out)) out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(value)) if (k !== '<<' || !merging) out[k] = applyMergeKeys(v, done);
  return out;
}
