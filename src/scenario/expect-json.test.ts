import { describe, expect, it } from 'vitest';
import { checkJson, type JsonContext } from './expect-json.js';
import type { JsonExpectation } from './types.js';

const ctx: JsonContext = { show: (v) => JSON.stringify(v) ?? 'nothing', showText: (s) => s, maxNodes: 1000 };
const holds = (item: JsonExpectation, doc: unknown) => checkJson([item], { value: doc }, ctx).length === 0;
const line = (item: JsonExpectation, doc: unknown) => checkJson([item], { value: doc }, ctx)[0]?.line;

const rocks = [{ name: 'Orpha' }, { name: 'Sasha' }];

describe('json expectations: zero nodes never pass', () => {
  for (const item of [
    { path: '$.missing', one: { exists: true } },
    { path: '$[*].missing', some: { exists: true } },
    { path: '$[*].missing', all: { type: 'string' } },
    { path: '$[*].missing', none: { in: ['Orpha'] } },
    { path: '$[*].missing', count: { gte: 0 } },
    { path: '$[*].missing', count: { lte: 3 } },
    { path: '$.missing', type: 'string' },
  ] as JsonExpectation[]) {
    it(`${JSON.stringify(item)} fails on a path with no node`, () => {
      expect(holds(item, rocks)).toBe(false);
      expect(line(item, rocks)).toMatch(/has no node/);
    });
  }

  it('except an explicit count: 0, which fails when there is a node', () => {
    expect(holds({ path: '$[*].missing', count: 0 }, rocks)).toBe(true);
    expect(holds({ path: '$[*].name', count: 0 }, rocks)).toBe(false);
  });

  it('an empty list has no node under [*]', () => {
    expect(holds({ path: '$[*]', all: { type: 'object' } }, [])).toBe(false);
    expect(holds({ path: '$[*]', none: { type: 'object' } }, [])).toBe(false);
  });
});

describe('json expectations: quantifiers both ways', () => {
  it('one: exactly one node, and it matches', () => {
    expect(holds({ path: '$.token', one: { type: 'string' } }, { token: 'abc' })).toBe(true);
    expect(holds({ path: '$.token', one: { type: 'string' } }, { token: 5 })).toBe(false);
    expect(line({ path: '$[*].name', one: { type: 'string' } }, rocks)).toBe('$[*].name has 2 nodes; expected exactly one, a string');
  });

  it('one is the default: matcher keys beside the path', () => {
    expect(holds({ path: '$.valid', eq: true } as JsonExpectation, { valid: true })).toBe(true);
    expect(line({ path: '$.valid', eq: true } as JsonExpectation, { valid: 'true' })).toBe(`$['valid'] is "true"; expected true`);
  });

  it('a single node is not unwrapped into its list', () => {
    expect(holds({ path: '$.tags', one: 'a' }, { tags: ['a'] })).toBe(false);
    expect(holds({ path: '$.tags', one: ['a'] }, { tags: ['a'] })).toBe(true);
    expect(holds({ path: '$.tags', one: { contains: 'a' } }, { tags: ['a'] })).toBe(true);
    expect(holds({ path: '$.tags[*]', one: 'a' }, { tags: ['a'] })).toBe(true);
  });

  it('some: at least one node matches', () => {
    expect(holds({ path: '$[*].name', some: 'Sasha' }, rocks)).toBe(true);
    expect(line({ path: '$[*].name', some: 'Ernestina' }, rocks)).toBe(`none of the 2 node(s) at $[*].name is "Ernestina" ($[0]['name'] is "Orpha")`);
  });

  it('all: every node matches', () => {
    expect(holds({ path: '$[*].name', all: { type: 'string' } }, rocks)).toBe(true);
    expect(line({ path: '$[*].name', all: { in: ['Orpha'] } }, rocks)).toBe(`$[1]['name'] is "Sasha"; expected every node at $[*].name to be one of ["Orpha"]`);
  });

  it('none: no node matches, and undecided nodes do not count as not matching', () => {
    expect(holds({ path: '$[*].name', none: { in: ['Ernestina'] } }, rocks)).toBe(true);
    expect(line({ path: '$[*].name', none: { in: ['Sasha'] } }, rocks)).toBe(`$[1]['name'] is "Sasha"; expected no node at $[*].name to be one of ["Sasha"]`);
    expect(holds({ path: '$[*].n', none: { gt: 3 } }, [{ n: '9' }])).toBe(false);
  });

  it('count: a number or a matcher on the number of nodes', () => {
    expect(holds({ path: '$[*]', count: 2 }, rocks)).toBe(true);
    expect(holds({ path: '$[*]', count: 3 }, rocks)).toBe(false);
    expect(holds({ path: '$[*]', count: { gte: 2 } }, rocks)).toBe(true);
    expect(holds({ path: '$[*]', count: { gt: 2 } }, rocks)).toBe(false);
  });

  it('filters select by value', () => {
    expect(holds({ path: "$[?@.name == 'Orpha']", one: { schema: { type: 'object', required: ['name'] } } }, rocks)).toBe(true);
  });

  it('a body that is not JSON fails every JSON expectation once', () => {
    expect(checkJson([{ path: '$', count: 0 }, { path: '$.a', one: 1 }], { absent: 'the body is not JSON' }, ctx)).toEqual([{ line: 'the body is not JSON' }]);
  });
});
