import type { Scope } from './scope.js';
import { templateAllowed } from './template-sites.js';
import { renderString } from './template.js';
import { isMatcherObject, type Expect, type StepKind } from './types.js';

/**
 * A step's body with a variant merged in (objects merged key by key, other
 * values replaced) and its templates filled in, only where templates are
 * allowed (template-sites.ts): SQL text, patterns and schemas are never
 * touched. In an http path a value is percent-encoded, so a captured id
 * cannot add a segment or a query. Throws MissingValue when a template has
 * no value.
 */
export function renderBody(kind: StepKind, body: unknown, variant: Record<string, unknown> | undefined, scope: Scope): unknown {
  return renderAt(variant ? merge(body, variant) : body, [kind], scope);
}

export function renderExpect(expect: Expect | undefined, scope: Scope): Expect | undefined {
  return expect === undefined ? undefined : (renderAt(expect, ['expect'], scope) as Expect);
}

function renderAt(value: unknown, path: (string | number)[], scope: Scope): unknown {
  if (typeof value === 'string') {
    if (!templateAllowed(path)) return value;
    const inPath = path[0] === 'http' && path[1] === 'path' && path.length === 2;
    return renderString(value, { resolve: scope.resolve, ...(inPath ? { encode: encodeURIComponent } : {}) });
  }
  if (Array.isArray(value)) return value.map((v, i) => renderAt(v, [...path, i], scope));
  if (isMatcherObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderAt(v, [...path, k], scope)]));
  return value;
}

function merge(base: unknown, over: unknown): unknown {
  if (!isMatcherObject(base) || !isMatcherObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}
