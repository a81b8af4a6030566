import type { Position } from '../../model/finding.js';
import { bindings, type PyExpr, type PythonSource } from '../../parsers/python-source.js';
import { envReadsIn, type EnvRead } from './settings-env-read.js';

/** How settings make each name that reads the environment: os for the course, decouple and django-environ as accepted. */
const BINDS: Record<string, string> = {
  os: 'import os',
  getenv: 'from os import getenv',
  environ: 'from os import environ',
  config: 'from decouple import config',
  env: 'env = environ.Env() (after import environ)',
};

/** An environment read whose first name settings.py does not define before it: Python stops there with a NameError. */
export interface UndefinedReader {
  /** The name Python cannot find, e.g. `os`. */
  name: string;
  read: EnvRead;
  /** What defines it: `import os`. */
  fix: string;
  /** Where the file defines it only after the read. */
  definedLater?: Position;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * The first read of each name in `scope` that no import, assignment, def or
 * class of the file binds before it. A `from m import *` may bind anything,
 * so after one nothing is reported.
 */
export function undefinedReaders(src: PythonSource, scope: PyExpr): UndefinedReader[] {
  const bound = bindings(src);
  const out = new Map<string, UndefinedReader>();
  for (const read of envReadsIn(scope)) {
    const name = read.via.split('.')[0];
    if (out.has(name)) continue;
    const earlier = bound.filter((b) => before(b.pos, read.pos));
    if (earlier.some((b) => b.name === name || b.kind === 'star-import')) continue;
    const later = bound.find((b) => b.name === name && !before(b.pos, read.pos));
    out.set(name, { name, read, fix: BINDS[name] ?? `define ${name}`, ...(later ? { definedLater: later.pos } : {}) });
  }
  return [...out.values()];
}
