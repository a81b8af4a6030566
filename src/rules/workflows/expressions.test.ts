import { describe, expect, it } from 'vitest';
import { contextsOf, expressionSpans, withPlaceholders } from './expressions.js';

describe('expressions', () => {
  it('finds every ${{ … }} with its body', () => {
    const text = 'a ${{ secrets.A }} b ${{vars.B}}';
    expect(expressionSpans(text)).toEqual([
      { start: 2, end: 18, body: 'secrets.A' },
      { start: 21, end: 32, body: 'vars.B' },
    ]);
    expect(expressionSpans('${{ never closed')).toEqual([]);
  });

  it('replaces expressions by same-length placeholders', () => {
    const text = '"IMAGE=${{ vars.R }}/${{ vars.P }}"';
    const out = withPlaceholders(text);
    expect(out).toHaveLength(text.length);
    expect(out).toBe('"IMAGE=1000000000000/1000000000000"');
    expect(JSON.parse(`[${withPlaceholders('${{ x }}')}]`)).toEqual([10000000]);
  });

  it('names the contexts an expression reads, not functions or strings', () => {
    expect(contextsOf('secrets.DB_PASSWORD')).toEqual(['secrets']);
    expect(contextsOf("format('{0}.x', vars.HOST)")).toEqual(['vars']);
    expect(contextsOf("secrets['DB_USER'] || github.event.inputs.user")).toEqual(['secrets', 'github']);
  });
});
