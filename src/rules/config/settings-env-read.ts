import type { Position } from '../../model/finding.js';
import { childrenOf, dottedName, type PyExpr } from '../../parsers/python-source.js';

/** A read of an environment variable in Python source. */
export interface EnvRead {
  /** What reads it, as written: `os.getenv`, `config`, `os.environ` (for `os.environ['X']`). */
  via: string;
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
  const read = envReadAt(e);
  if (read) return read;
  for (const child of childrenOf(e)) {
    const found = findEnvRead(child);
    if (found) return found;
  }
  return undefined;
}

/** Every environment read inside an expression, outermost first. */
export function envReadsIn(e: PyExpr): EnvRead[] {
  const read = envReadAt(e);
  return [...(read ? [read] : []), ...childrenOf(e).flatMap(envReadsIn)];
}

/** The read that the expression itself is, if it is one. */
function envReadAt(e: PyExpr): EnvRead | undefined {
  const callee = e.kind === 'call' ? dottedName(e.callee) : undefined;
  if (e.kind === 'call' && callee !== undefined && isEnvGetter(callee)) {
    const keyArg = e.args.find((a) => !a.name);
    const positional = e.args.filter((a) => !a.name);
    const fallback = positional[1]?.value ?? e.args.find((a) => a.name === 'default')?.value;
    return {
      via: callee,
      ...(keyArg?.value.kind === 'string' ? { key: keyArg.value.value } : {}),
      pos: e.pos,
      keyPos: keyArg?.value.pos ?? e.pos,
      ...(fallback ? { fallback } : {}),
    };
  }
  const mapping = e.kind === 'subscript' ? dottedName(e.object) : undefined;
  if (e.kind === 'subscript' && mapping !== undefined && /(^|\.)environ$/.test(mapping)) {
    return { via: mapping, ...(e.index.kind === 'string' ? { key: e.index.value } : {}), pos: e.pos, keyPos: e.index.pos };
  }
  return undefined;
}
