import { isMapping } from './service-data.js';

/**
 * Applies YAML merge keys (`<<: *defaults`), which Docker Compose honours, to
 * plain data read without them. Keys written next to `<<` win over merged ones.
 */
export function applyMergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(applyMergeKeys);
  if (!isMapping(value)) return value;
  const out: Record<string, unknown> = {};
  const merge = value['<<'];
  const sources = Array.isArray(merge) ? merge : [merge];
  const merging = sources.length > 0 && sources.every(isMapping);
  if (merging) {
    for (const src of sources) {
      for (const [k, v] of Object.entries(applyMergeKeys(src) as Record<string, unknown>)) if (!(k in out)) out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(value)) if (k !== '<<' || !merging) out[k] = applyMergeKeys(v);
  return out;
}
