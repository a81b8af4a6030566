import type { Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../parsers/yaml-source.js';
import { positionInScalar } from './scalar-offset.js';

function at(text: string, path: string[], needle: string) {
  const src = parseYamlSource('x.yml', text);
  const node = src.doc.getIn(path, true) as Scalar;
  return positionInScalar(src, node, String(node.value).indexOf(needle));
}

describe('positionInScalar', () => {
  it('maps an offset in a literal block to its source line and column', () => {
    const text = 'steps:\n  - run: |  # deploy\n      aws ssm \\\n        --region x\n\n      echo done\n';
    expect(at(text, ['steps', '0', 'run'], '--region')).toEqual({ line: 4, column: 9 });
    expect(at(text, ['steps', '0', 'run'], 'done')).toEqual({ line: 6, column: 12 });
    expect(at(text, ['steps', '0', 'run'], 'aws')).toEqual({ line: 3, column: 7 });
  });

  it('handles chomping and explicit indentation indicators', () => {
    expect(at('a: |-\n  x\n  yz\n', ['a'], 'z')).toEqual({ line: 3, column: 4 });
    expect(at('a: |2\n    indented\n', ['a'], 'indented')).toEqual({ line: 2, column: 5 });
  });

  it('handles CRLF line endings', () => {
    expect(at('a: |\r\n  one\r\n  two\r\n', ['a'], 'wo')).toEqual({ line: 3, column: 4 });
  });

  it('maps one-line plain and quoted scalars', () => {
    expect(at('k: echo \\${{ x }}\n', ['k'], '\\$')).toEqual({ line: 1, column: 9 });
    expect(at("k: 'a b c'\n", ['k'], 'c')).toEqual({ line: 1, column: 9 });
  });

  it('falls back to the scalar start when the value is not the source text', () => {
    expect(at('k: "a\\tb c"\n', ['k'], 'c')).toEqual({ line: 1, column: 4 });
    expect(at('k: >\n  a\n  b c\n', ['k'], 'c')).toEqual({ line: 1, column: 4 });
  });
});
