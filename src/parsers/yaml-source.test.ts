import { describe, expect, it } from 'vitest';
import { parseYamlSource, positionOf, yamlProblems } from './yaml-source.js';

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
});
