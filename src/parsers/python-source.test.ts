import { describe, expect, it } from 'vitest';
import { assignmentsTo, bindings, childrenOf, dictDisplays, dictEntry, dottedName, parsePythonSource, type PyExpr } from './python-source.js';

const settings = `"""Docstring with DATABASES = {'x': 1} inside."""
import os
# DATABASES = {'commented': 'out'}
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.' 'postgresql',  # implicit concatenation
        "NAME": os.getenv("DB_NAME", 'rockofages'),
        'PORT': int(os.environ.get('DB_PORT', 5432)),
        'OPTIONS': {'sslmode': f"{os.getenv('SSLMODE')}"},
        'HOST': os.environ['DB_HOST'] if True else 'x',
    }
}
`;

function asDict(e: PyExpr | undefined): Extract<PyExpr, { kind: 'dict' }> {
  if (e?.kind !== 'dict') throw new Error(`expected a dict, got ${e?.kind}`);
  return e;
}

describe('python-source', () => {
  it('finds the real assignment, not the ones in strings or comments', () => {
    const src = parsePythonSource('settings.py', settings);
    expect(src.problems).toEqual([]);
    const found = assignmentsTo(src, 'DATABASES');
    expect(found).toHaveLength(1);
    expect(found[0].target.pos).toEqual({ line: 4, column: 1 });
  });

  it('walks dict literals with positions from the tokens', () => {
    const src = parsePythonSource('settings.py', settings);
    const db = asDict(assignmentsTo(src, 'DATABASES')[0].value);
    const def = asDict(dictEntry(db, 'default')?.value);
    expect(def.pos).toEqual({ line: 5, column: 16 });
    const engine = dictEntry(def, 'ENGINE')?.value;
    expect(engine).toMatchObject({ kind: 'string', value: 'django.db.backends.postgresql', pos: { line: 6, column: 19 } });
    const name = dictEntry(def, 'NAME')?.value;
    expect(name?.kind).toBe('call');
    if (name?.kind === 'call') {
      expect(dottedName(name.callee)).toBe('os.getenv');
      expect(name.args.map((a) => a.value)).toMatchObject([
        { kind: 'string', value: 'DB_NAME', pos: { line: 7, column: 27 } },
        { kind: 'string', value: 'rockofages' },
      ]);
    }
    const host = dictEntry(def, 'HOST')?.value;
    expect(host?.kind).toBe('compound');
    expect(def.entries.map((e) => (e.key.kind === 'string' ? e.key.value : '?'))).toEqual(['ENGINE', 'NAME', 'PORT', 'OPTIONS', 'HOST']);
  });

  it('lists every dict display, nested ones included', () => {
    const src = parsePythonSource('settings.py', settings);
    const keys = dictDisplays(src).map((d) => d.entries.map((e) => (e.key.kind === 'string' ? e.key.value : '?')).join(','));
    expect(keys).toEqual(['default', 'ENGINE,NAME,PORT,OPTIONS,HOST', 'sslmode']);
  });

  it('lists the names that imports, assignments, defs and classes bind, with their positions', () => {
    const text = [
      'import os.path, sys as system',
      'try:',
      '    from decouple import config',
      'except ImportError: from os import (getenv as ge,',
      '    environ)',
      'from .base import *',
      "x = 'import json'  # import re",
      'def env(): pass',
      'class Settings: pass',
      'y == 1',
      '',
    ].join('\n');
    const found = bindings(parsePythonSource('settings.py', text)).map((b) => [b.name, b.kind, `${b.pos.line}:${b.pos.column}`]);
    expect(found).toEqual([
      ['os', 'import', '1:8'],
      ['system', 'import', '1:24'],
      ['config', 'import', '3:26'],
      ['ge', 'import', '4:47'],
      ['environ', 'import', '5:5'],
      ['*', 'star-import', '6:19'],
      ['x', 'assignment', '7:1'],
      ['env', 'def', '8:5'],
      ['Settings', 'def', '9:7'],
    ]);
  });

  it('reads string prefixes, triple quotes and escapes', () => {
    const src = parsePythonSource('x.py', `A = r'a\\'b'\nB = b"x\\ny"\nC = '''one\n'two'\nthree'''\nD = 1\n`);
    expect(src.problems).toEqual([]);
    expect(assignmentsTo(src, 'A')[0].value).toMatchObject({ kind: 'string', value: "a\\'b" });
    expect(assignmentsTo(src, 'B')[0].value).toMatchObject({ kind: 'string', value: 'x\ny' });
    expect(assignmentsTo(src, 'C')[0].value).toMatchObject({ kind: 'string', value: "one\n'two'\nthree" });
    expect(assignmentsTo(src, 'D')[0].target.pos).toEqual({ line: 6, column: 1 });
  });

  it('reports unclosed strings and brackets with positions instead of throwing', () => {
    const src = parsePythonSource('x.py', "X = {\n  'a': os.getenv('A),\n}\n");
    expect(src.problems[0]).toEqual({ position: { line: 2, column: 18 }, message: 'string is never closed' });
    expect(parsePythonSource('y.py', 'X = (1, 2\n').problems).toEqual([{ position: { line: 1, column: 5 }, message: "'(' is never closed" }]);
    expect(parsePythonSource('z.py', 'X = [1)\n').problems[0].message).toMatch(/does not close '\['/);
  });

  it('survives arbitrary input', () => {
    for (const text of ['', '\u0000\u0001', '{{{{', ')))', "'''", 'DATABASES =', 'DATABASES = {**x, "a": lambda y: y, 1: [i for i in z]}', '\ufeffA = 1', 'import', 'from', 'from x import (', 'import a.', 'def']) {
      const src = parsePythonSource('x.py', text);
      expect(() => assignmentsTo(src, 'DATABASES')).not.toThrow();
      expect(() => dictDisplays(src)).not.toThrow();
      expect(() => bindings(src)).not.toThrow();
    }
  });

  it('says "nested too deep" for thousands of nested calls, as Python refuses them, and never exhausts the stack', () => {
    const deep = `DATABASES = ${'dict('.repeat(5000)}${')'.repeat(5000)}\n`;
    const src = parsePythonSource('settings.py', deep);
    expect(src.problems).toEqual([{ position: { line: 1, column: 1017 }, message: expect.stringMatching(/^nested too deep: more than 200 brackets/) }]);
    expect(() => assignmentsTo(src, 'DATABASES')).not.toThrow();
    expect(() => dictDisplays(src)).not.toThrow();
  });

  it('reads very long chains of attributes, calls and subscripts without exhausting the stack', () => {
    for (const chain of [`x${'.a'.repeat(100_000)}`, `f${'()'.repeat(50_000)}`, `m${'[0]'.repeat(50_000)}`]) {
      const src = parsePythonSource('settings.py', `DATABASES = {'default': ${chain}}\n`);
      expect(src.problems).toEqual([]);
      const [assignment] = assignmentsTo(src, 'DATABASES');
      expect(assignment.value.kind).toBe('dict');
      const walk = (e: PyExpr): number => 1 + Math.max(0, ...childrenOf(e).map(walk));
      expect(walk(assignment.value)).toBeLessThan(1000);
      expect(() => dictDisplays(src)).not.toThrow();
    }
  });
});
