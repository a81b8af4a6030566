import { describe, expect, it } from 'vitest';
import { MissingValue, parseTemplate, renderString, renderValue, type Ref } from './template.js';

const values: Record<string, unknown> = { before: { n: 3, list: [1, 2] }, token: 'abc', ok: true, nothing: null };
const resolve = (ref: Ref): unknown => {
  let v: unknown = ref.root === '$run' ? 'run1' : values[ref.root];
  for (const f of ref.fields) v = (v as Record<string | number, unknown> | undefined)?.[f];
  if (v === undefined) throw new MissingValue(`{{${ref.text}}} has no value`);
  return v;
};

describe('templates', () => {
  it('a string that is one template keeps the type of its value', () => {
    expect(renderString('{{before.n}}', { resolve })).toBe(3);
    expect(renderString('{{ok}}', { resolve })).toBe(true);
    expect(renderString('{{nothing}}', { resolve })).toBeNull();
    expect(renderString('{{before.list}}', { resolve })).toEqual([1, 2]);
    expect(renderString('{{ before.list.1 }}', { resolve })).toBe(2);
  });

  it('inside a longer string a value is written as text', () => {
    expect(renderString('n={{before.n}}', { resolve })).toBe('n=3');
    expect(renderString('{{before.n}}{{before.n}}', { resolve })).toBe('33');
    expect(renderString('rc-{{$run}}@x', { resolve })).toBe('rc-run1@x');
    expect(renderString('l={{before.list}}', { resolve })).toBe('l=[1,2]');
  });

  it('encodes values inside a path, never the text around them', () => {
    expect(renderString('/rocks/{{token}}', { resolve: () => '../admin?x=1', encode: encodeURIComponent })).toBe('/rocks/..%2Fadmin%3Fx%3D1');
  });

  it('renders every string of a structure, keys untouched', () => {
    expect(renderValue({ '{{token}}': ['{{before.n}}', 'x {{token}}'], n: 1 }, { resolve })).toEqual({ '{{token}}': [3, 'x abc'], n: 1 });
  });

  it('a reference without a value is an error, not an empty string', () => {
    expect(() => renderString('a{{before.missing}}', { resolve })).toThrow(MissingValue);
  });

  it('parses only {{name.field}}, {{$run}} and {{$rand}}', () => {
    expect(parseTemplate('x {{me.token}} y')).toEqual({ parts: ['x ', { root: 'me', fields: ['token'], text: 'me.token' }, ' y'] });
    expect(parseTemplate('{{a.0.b}}')).toEqual({ parts: [{ root: 'a', fields: [0, 'b'], text: 'a.0.b' }] });
    expect(parseTemplate('json {"a":{"b":1}}')).toEqual({ parts: ['json {"a":{"b":1}}'] });
    for (const bad of ['{{a + 1}}', '{{a.b()}}', '{{$env.HOME}}', '{{$rand.x}}', '{{}}', '{{ a', "{{a['b']}}"]) expect(parseTemplate(bad), bad).toHaveProperty('error');
  });
});
