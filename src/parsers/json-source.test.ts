import { describe, expect, it } from 'vitest';
import { parseJsonSource } from './json-source.js';

describe('json-source', () => {
  it('parses values with positions on values and keys', () => {
    const { root, error } = parseJsonSource('f.json', '[\n  {"model": "rockapi.type", "pk": 1, "ok": true, "x": null, "n": -1.5e2}\n]\n');
    expect(error).toBeUndefined();
    expect(root?.kind).toBe('array');
    if (root?.kind !== 'array') return;
    const item = root.items[0];
    expect(item.pos).toEqual({ line: 2, column: 3 });
    if (item.kind !== 'object') throw new Error('object expected');
    expect(item.entries.map((e) => [e.key, e.keyPos.column])).toEqual([
      ['model', 4],
      ['pk', 29],
      ['ok', 38],
      ['x', 50],
      ['n', 61],
    ]);
    expect(item.entries[0].value).toEqual({ kind: 'string', value: 'rockapi.type', pos: { line: 2, column: 13 } });
    expect(item.entries[4].value).toMatchObject({ kind: 'number', value: -150 });
  });

  it('positions syntax errors where they are', () => {
    const cases: [string, string, { line: number; column: number }][] = [
      ['[1, 2,\n]', 'trailing comma before "]"', { line: 2, column: 1 }],
      ['{"a": 1,}', 'trailing comma before "}"', { line: 1, column: 9 }],
      ['{"a": 1\n "b": 2}', "expected ',' or '}', found \"\\\"\"", { line: 2, column: 2 }],
      ["{'a': 1}", 'expected a "quoted" key, found "\'"', { line: 1, column: 2 }],
      ['"abc', 'string is never closed', { line: 1, column: 1 }],
      ['', 'the file is empty; expected a JSON value', { line: 1, column: 1 }],
      ['[1] 2', 'unexpected "2" after the end of the JSON value', { line: 1, column: 5 }],
      ['\ufeff[]', 'the file starts with a byte order mark (save it as UTF-8 without BOM)', { line: 1, column: 1 }],
    ];
    for (const [text, message, position] of cases) {
      expect(parseJsonSource('f.json', text).error, text).toEqual({ message, position });
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const { error } = parseJsonSource('f.json', '['.repeat(10_000));
    expect(error?.message).toMatch(/nested more than/);
  });

  it('decodes escapes', () => {
    const { root } = parseJsonSource('f.json', '"a\\n\\u00e9\\"b"');
    expect(root).toMatchObject({ kind: 'string', value: 'a\né"b' });
  });
});
