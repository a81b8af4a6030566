import type { Position } from '../../model/finding.js';
import { childrenOf, dottedName, type PyExpr } from '../../parsers/python-source.js';

/** A read of an environment variable in Python source. */
export interface EnvRead {
  /** The variable's name when written as a string literal. */
  key?: string;
  pos: Position;
  keyPos: Position;
  /** The fallback value, when one is given. */
  fallback?: PyExpr;
}

/** `os.getenv`, `getenv`, `os.environ.get`, python-decouple's `config`, django-environ's `env(...)`/`env.str(...)`. */
function isEnvGetter(name: string | undefined): boolean {
  if (!name) return false;
  return /(^|\.)getenv$/.test(name) || /(^|\.)environ\.get$/.test(name) || name === 'config' || name === 'env' || /^env\.\w+$/.test(name);
}

/**
 * The first environment read inside an expression, so that `int(os.getenv(...))`
 * and `os.getenv(...) or '5432'` count as read from the environment.
 */
export function findEnvRead(e: PyExpr): EnvRead | undefined {
  if (e.kind === 'call' && isEnvGetter(dottedName(e.callee))) {
    const keyArg = e.args.find((a) => !a.name);
    const positional = e.args.filter((a) => !a.name);
    const fallback = positional[1]?.value ?? e.args.find((a) => a.name === 'default')?.value;
    return {
      ...(keyArg?.value.kind === 'string' ? { key: keyArg.value.value } : {}),
      pos: e.pos,
      keyPos: keyArg?.value.pos ?? e.pos,
      ...(fallback ? { fallback } : {}),
    };
  }
  if (e.kind === 'subscript' && /(^|\.)environ$/.test(dottedName(e.object) ?? '')) {
    return { ...(e.index.kind === 'string' ? { key: e.index.value } : {}), pos: e.pos, keyPos: e.index.pos };
  }
  for (const child of childrenOf(e)) {
    const found = findEnvRead(child);
    if (found) return found;
  }
  return undefined;
}
