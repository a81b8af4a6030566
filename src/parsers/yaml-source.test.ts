import { describe, expect, it } from 'vitest';
import { parseYamlSource, positionOf, yamlData, yamlProblems } from './yaml-source.js';

const text = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

describe('yaml-source', () => {
  it('positions values, keys and sequence items from the parser', () => {
    const src = parseYamlSource('c.yml', text);
    expect(positionOf(src, ['services', 'db', 'image'])).toEqual({ line: 3, column: 12 });
    expect(positionOf(src, ['services', 'db', 'image'], true)).toEqual({ line: 3, column: 5 });
    expect(positionOf(src, ['services', 'db', 'ports', 0])).toEqual({ line: 5, column: 9 });
  });

  it('falls back to the nearest existing ancestor', () => {
    const src = parseYamlSource('c.yml', text);
    expect(positionOf(src, ['services', 'db', 'healthcheck', 'test'])).toEqual({ line: 2, column: 3 });
  });

  it('reports syntax errors with positions', () => {
    const src = parseYamlSource('c.yml', 'a: [1, 2\nb: 3\n');
    const problems = yamlProblems(src);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].position.line).toBeGreaterThanOrEqual(1);
  });

  it('reports a file nested too deep as a positioned syntax error, without composing it', () => {
    const src = parseYamlSource('c.yml', `a: 1\nb: ${'['.repeat(50_000)}\n`);
    expect(yamlProblems(src)).toEqual([{ position: { line: 2, column: 103 }, message: expect.stringMatching(/^nested too deep: more than 100 levels/) }]);
  });

  it('reports an alias bomb at the alias that crosses the limit, and finds duplicate keys in one pass', () => {
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    expect(yamlProblems(parseYamlSource('c.yml', bomb.join('\n'))).map((p) => p.message)).toEqual([
      expect.stringMatching(/^aliases expand to more than 100000 nodes/),
    ]);
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: 1`).join('\n');
    expect(yamlProblems(parseYamlSource('c.yml', `${keys}\nk7: 2\n`))).toEqual([{ position: { line: 50_001, column: 1 }, message: 'Map keys must be unique' }]);
  });

  it('turns the document into data once per node, aliases sharing their anchor, cycles refused', () => {
    const src = parseYamlSource('c.yml', 'x: &x {a: 1}\ny: *x\n"__proto__": {polluted: true}\n');
    const read = yamlData(src) as { data: Record<string, unknown> };
    expect(read.data.y).toBe(read.data.x);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(yamlData(parseYamlSource('c.yml', 'a: &a [*a]\n'))).toEqual({ error: 'an alias refers to the node that contains it' });
  });
});
