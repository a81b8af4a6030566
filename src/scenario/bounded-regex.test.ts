import { describe, expect, it } from 'vitest';
import { execBounded, matchBounded, patternProblem } from './bounded-regex.js';

describe('bounded regex', () => {
  it('returns the groups of a match, null for no match', () => {
    expect(matchBounded('Visits: *([0-9]+)', 'x Visits: 12 y')).toEqual({ match: ['Visits: 12', '12'] });
    expect(matchBounded('Visits: *([0-9]+)', 'nothing')).toEqual({ match: null });
    expect(execBounded('(a)|(b)', ['b', 'c'])).toEqual([{ match: ['b', null, 'b'] }, { match: null }]);
  });

  it('stops a pattern that backtracks catastrophically instead of hanging', () => {
    const started = Date.now();
    const r = matchBounded('^(a+)+$', `${'a'.repeat(40)}b`, { maxInputChars: 1000, timeoutMs: 100 });
    expect(r).toEqual({ undecided: expect.stringContaining('took longer than 100 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not run a pattern on text over the size bound', () => {
    const [short, long] = execBounded('a', ['a', 'a'.repeat(11)], { maxInputChars: 10, timeoutMs: 100 });
    expect(short).toEqual({ match: ['a'] });
    expect(long).toEqual({ undecided: expect.stringContaining('11 characters long') });
  });

  it('reports a pattern that does not compile', () => {
    expect(patternProblem('(')).toMatch(/not a valid regular expression/);
    expect(patternProblem('a+')).toBeUndefined();
  });
});
