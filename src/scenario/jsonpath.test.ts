import { describe, expect, it } from 'vitest';
import { jsonPathProblem, nodesAt } from './jsonpath.js';

describe('jsonpath', () => {
  it('selects nodes with their normalized paths', () => {
    const doc = { rocks: [{ name: 'Orpha' }, { name: 'Sasha' }] };
    expect(nodesAt(doc, '$.rocks[*].name').nodes).toEqual([
      { path: "$['rocks'][0]['name']", value: 'Orpha' },
      { path: "$['rocks'][1]['name']", value: 'Sasha' },
    ]);
  });

  it('keeps a single array node whole: one node, the array', () => {
    expect(nodesAt({ tags: ['a'] }, '$.tags').nodes).toEqual([{ path: "$['tags']", value: ['a'] }]);
  });

  it('escapes keys in normalized paths', () => {
    expect(nodesAt({ "it's": 1 }, '$[*]').nodes[0].path).toBe("$['it\\'s']");
  });

  it('stops collecting at the bound and says so', () => {
    const r = nodesAt(Array.from({ length: 20 }, (_, i) => i), '$[*]', 5);
    expect(r.nodes).toHaveLength(5);
    expect(r.more).toBe(true);
  });

  it('refuses syntax errors and the regex functions', () => {
    expect(jsonPathProblem('$.a[')).toMatch(/not an RFC 9535 JSONPath/);
    expect(jsonPathProblem("$[?match(@.name, '(a+)+$')]")).toMatch(/uses match\(\)/);
    expect(jsonPathProblem('$[?search(@.a, @.b)]')).toMatch(/uses search\(\)/);
    expect(jsonPathProblem("$[?@.name == 'Orpha']")).toBeUndefined();
    expect(jsonPathProblem('$[?count(@.*) > 1]')).toBeUndefined();
  });
});
