import { registerHooks, type ImportAttributes, type ResolveHookSync } from 'node:module';

/**
 * Lets Node's own loader import a `.json` module written without
 * `with { type: 'json' }`, as @actions/workflow-parser does (it is written
 * for bundlers). Importing this module registers the hook in the current
 * thread; the grading workers get it through `--import` (run-suites.ts), so
 * the built modules load natively instead of through Vite's transform.
 */
export function jsonAttributes(url: string, attributes: ImportAttributes | undefined): ImportAttributes | undefined {
  return url.startsWith('file:') && new URL(url).pathname.endsWith('.json') && attributes?.type === undefined
    ? { ...attributes, type: 'json' }
    : undefined;
}

/** Also called for require(), where there are no attributes: those it leaves alone. */
export const resolveJsonWithoutAttributes: ResolveHookSync = (specifier, context, nextResolve) => {
  const resolved = nextResolve(specifier, context);
  if (context.importAttributes === undefined) return resolved;
  const importAttributes = jsonAttributes(resolved.url, context.importAttributes);
  return importAttributes ? { ...resolved, importAttributes } : resolved;
};

const registered = Symbol.for('rock-check.json-modules');
const thread = globalThis as { [registered]?: true };
if (!thread[registered]) {
  registerHooks({ resolve: resolveJsonWithoutAttributes });
  thread[registered] = true;
}
