import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from './json-syntax.js';

const samples = [
  '{"commands":["a","b"]}',
  ' [1, -2.5e3, true, false, null, {"k": "\\u00e9\\n"}] ',
  '{}',
  '{"a":1,}',
  '{"a" 1}',
  '["a" "b"]',
  '["a\\"]',
  '["a\nb"]',
  '["\\x"]',
  '[01]',
  '{"a":1} x',
  '',
  '{a:1}',
  '["\\u12"]',
];

describe('jsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const s of samples) {
      let valid = true;
      try {
        JSON.parse(s);
      } catch {
        valid = false;
      }
      expect(jsonSyntaxError(s) === undefined, s).toBe(valid);
    }
  });

  it('points at the first wrong character and says what was expected', () => {
    const text = '{"commands":["IMAGE=\\\\"$IMAGE\\\\""]}';
    expect(jsonSyntaxError(text)).toEqual({ offset: text.indexOf('$'), message: "expected ',' or ']' but found '$'" });
    expect(jsonSyntaxError('["a \\\n b"]')).toEqual({ offset: 4, message: 'invalid escape: backslash followed by line break' });
    expect(jsonSyntaxError('["open')?.message).toBe('string never closed: a double quote is missing');
  });

  it('lets the caller name what stands at an offset', () => {
    expect(jsonSyntaxError('["a" 100]', (i) => (i === 5 ? '${{ x }}' : undefined))?.message).toBe(
      "expected ',' or ']' but found ${{ x }}",
    );
  });
});
