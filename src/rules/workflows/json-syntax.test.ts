import { describe, expect, it } from 'vitest';
import { decodeJsonString, jsonSyntaxErrors, parseJson } from './json-syntax.js';

const samples = [
  '{"commands":["a","b"]}',
  ' [1, -2.5e3, true, false, null, {"k": "\\u00e9\\n"}] ',
  '{}',
  '{"a":1,}',
  '{"a" 1}',
  '["a" "b"]',
  '["a\\"]',
  '["a\nb"]',
  '["a\tb"]',
  '["\\x"]',
  '[01]',
  '{"a":1} x',
  '',
  '{a:1}',
  '["\\u12"]',
  '[1] // note',
];

describe('jsonSyntaxErrors', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const s of samples) {
      let valid = true;
      try {
        JSON.parse(s);
      } catch {
        valid = false;
      }
      expect(jsonSyntaxErrors(s).length === 0, s).toBe(valid);
    }
  });

  it('points at the wrong character and says what was expected', () => {
    const text = '{"commands":["IMAGE=\\\\"$IMAGE\\\\""]}';
    expect(jsonSyntaxErrors(text)[0]).toEqual({ offset: text.indexOf('$'), message: "unexpected '$'" });
    expect(jsonSyntaxErrors('["a \\\n b"]')[0]).toEqual({ offset: 4, message: 'invalid escape: backslash followed by line break' });
    expect(jsonSyntaxErrors('["a" "b"]')[0]).toEqual({ offset: 5, message: "expected ',' between two items but found '\"'" });
    expect(jsonSyntaxErrors('["open')[0]?.message).toBe('string never closed: a double quote is missing');
    expect(jsonSyntaxErrors('["a\nb"]')[0]).toEqual({ offset: 3, message: 'line break inside a string (write it as an escape)' });
    expect(jsonSyntaxErrors('["\\u12"]')[0]).toEqual({ offset: 2, message: '\\u must be followed by four hex digits' });
  });

  it('reports every error, not just the first', () => {
    const text = '{"commands":[\n"a \\${{ x }}",\n"docker pull \\\\"$IMAGE\\\\""\n]}';
    const errors = jsonSyntaxErrors(text);
    expect(errors[0]).toEqual({ offset: text.indexOf('\\$'), message: "invalid escape: backslash followed by '$'" });
    expect(errors[1]).toEqual({ offset: text.indexOf('$IMAGE'), message: "unexpected '$'" });
  });

  it('still gives the tree as far as it reads, and decodes its strings with offsets', () => {
    const json = '{"commands":["a \\$x\\"y\\u0041", "b"]}';
    const { tree, errors } = parseJson(json);
    expect(errors).toHaveLength(1);
    const strings = tree?.children?.[0]?.children?.[1]?.children ?? [];
    expect(strings).toHaveLength(2);
    const first = decodeJsonString(json, strings[0].offset, strings[0].length);
    expect(first.text).toBe('a \\$x"yA');
    expect(first.at.map((i) => json[i]).join('')).toBe('a \\$x\\y\\');
    expect(decodeJsonString(json, strings[1].offset, strings[1].length)).toEqual({ text: 'b', at: [json.indexOf('"b"') + 1] });
  });

  it('lets the caller name what stands at an offset', () => {
    expect(jsonSyntaxErrors('["a" 100]', (i) => (i === 5 ? '${{ x }}' : undefined))[0]?.message).toBe(
      "expected ',' between two items but found ${{ x }}",
    );
  });

  it('refuses nesting deeper than it reads, without exhausting the stack', () => {
    const deep = `{"commands":${'['.repeat(200_000)}`;
    expect(parseJson(deep)).toEqual({ errors: [{ offset: 12 + 63, message: 'nested more than 64 levels deep' }] });
    expect(jsonSyntaxErrors(`${'['.repeat(64)}${']'.repeat(64)}`)).toEqual([]);
  });
});
