import { describe, expect, it } from 'vitest';
import { describeMatcher } from './describe-matcher.js';
import { judge, type MatchContext } from './matchers.js';
import type { Matcher } from './types.js';

const show = (v: unknown) => JSON.stringify(v) ?? 'nothing';
const ctx: MatchContext = { show, showText: (s) => s, regex: { maxInputChars: 100, timeoutMs: 100 } };
const result = (m: Matcher, v: unknown) => judge(m, v, ctx).result;

describe('matchers', () => {
  it('a literal is deep equality; an object is always a matcher', () => {
    expect(result(3, 3)).toBe('pass');
    expect(result(3, '3')).toBe('fail');
    expect(result(['a'], ['a'])).toBe('pass');
    expect(result(['a'], 'a')).toBe('fail');
    expect(result({ eq: { a: 1, b: [1] } }, { b: [1], a: 1 })).toBe('pass');
    expect(result({ eq: { a: 1 } }, { a: 1, b: 2 })).toBe('fail');
    expect(result(0, -0)).toBe('pass');
  });

  it('eq and ne, in and nin', () => {
    expect(result({ ne: 204 }, 403)).toBe('pass');
    expect(result({ ne: 204 }, 204)).toBe('fail');
    expect(result({ in: ['Orpha', 'Sasha'] }, 'Sasha')).toBe('pass');
    expect(result({ in: ['Orpha', 'Sasha'] }, 'Ernestina')).toBe('fail');
    expect(result({ nin: ['Orpha'] }, 'Ernestina')).toBe('pass');
    expect(result({ nin: ['Orpha'] }, 'Orpha')).toBe('fail');
  });

  it('comparisons take numbers only; anything else is undecided, never a pass', () => {
    expect(result({ gt: 2 }, 3)).toBe('pass');
    expect(result({ gt: 3 }, 3)).toBe('fail');
    expect(result({ gte: 3 }, 3)).toBe('pass');
    expect(result({ lt: 3 }, 2)).toBe('pass');
    expect(result({ lte: 2 }, 3)).toBe('fail');
    expect(result({ gt: 2 }, '3')).toBe('undecided');
    expect(result({ gt: 'x' }, 3)).toBe('undecided');
    expect(result({ not: { gt: 2 } }, '3')).toBe('undecided');
  });

  it('several keys all hold', () => {
    expect(result({ gte: 1, lte: 5 }, 3)).toBe('pass');
    expect(result({ gte: 1, lte: 5 }, 6)).toBe('fail');
  });

  it('regex on strings, bounded', () => {
    expect(result({ regex: '^[0-9]+\\.[0-9]{2}$' }, '1.30')).toBe('pass');
    expect(result({ regex: '^[0-9]+$' }, '1.30')).toBe('fail');
    expect(result({ regex: '1' }, 1)).toBe('undecided');
    expect(result({ regex: 'a' }, 'a'.repeat(101))).toBe('undecided');
    expect(result({ not: { regex: 'b' } }, 'a'.repeat(101))).toBe('undecided');
  });

  it('type', () => {
    expect(result({ type: 'integer' }, 3)).toBe('pass');
    expect(result({ type: 'integer' }, 3.5)).toBe('fail');
    expect(result({ type: 'object' }, [])).toBe('fail');
    expect(result({ type: 'array' }, [])).toBe('pass');
    expect(result({ type: ['string', 'null'] }, null)).toBe('pass');
  });

  it('contains on strings and lists', () => {
    expect(result({ contains: 'World' }, 'Hello World!')).toBe('pass');
    expect(result({ contains: 'Redis' }, 'Hello')).toBe('fail');
    expect(result({ contains: { u: 'jane' } }, [{ u: 'john' }, { u: 'jane' }])).toBe('pass');
    expect(result({ contains: 3 }, [1, 2])).toBe('fail');
    expect(result({ contains: 'a' }, 5)).toBe('undecided');
  });

  it('not and anyOf', () => {
    expect(result({ not: { contains: 'cannot connect' } }, 'Hello')).toBe('pass');
    expect(result({ not: { contains: 'cannot connect' } }, 'cannot connect to Redis')).toBe('fail');
    expect(result({ anyOf: [{ type: 'string' }, 3] }, 3)).toBe('pass');
    expect(result({ anyOf: [{ type: 'string' }, 3] }, 4)).toBe('fail');
  });

  it('exists holds for any node, null included', () => {
    expect(result({ exists: true }, null)).toBe('pass');
  });

  it('schema, with its patterns bounded', () => {
    const schema = { type: 'object', required: ['label'], properties: { label: { type: 'string', pattern: '^[A-Z]' } } };
    expect(result({ schema }, { label: 'Basalt' })).toBe('pass');
    expect(result({ schema }, { label: 'basalt' })).toBe('fail');
    expect(result({ schema }, {})).toBe('fail');
    expect(result({ schema: { type: 'string', pattern: '^(a+)+$' } }, `${'a'.repeat(40)}b`)).toBe('undecided');
  });

  it('asNumber reads a number out of a string', () => {
    expect(result({ asNumber: { gte: 5 } }, '12')).toBe('pass');
    expect(result({ asNumber: { gte: 5 } }, '3')).toBe('fail');
    expect(result({ asNumber: { gte: 5 } }, 'twelve')).toBe('undecided');
  });

  it('says why, showing the value', () => {
    expect(judge({ type: 'string' }, 5, ctx)).toEqual({ result: 'fail', why: 'is a number 5' });
    expect(judge({ not: { in: [1, 2] } }, 2, ctx)).toEqual({ result: 'fail', why: 'is 2, which is one of [1,2]' });
  });

  it('describes what it wants', () => {
    expect(describeMatcher({ type: ['string', 'null'] }, show)).toBe('a string or null');
    expect(describeMatcher({ gte: 1, lte: 5 }, show)).toBe('>= 1 and <= 5');
    expect(describeMatcher({ not: { contains: 'x' } }, show)).toBe('not containing "x"');
    expect(describeMatcher(true, show)).toBe('true');
  });
});
