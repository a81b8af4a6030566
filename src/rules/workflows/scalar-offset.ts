import type { Scalar } from 'yaml';
import type { Position } from '../../model/finding.js';
import { positionAt, type YamlSource } from '../../parsers/yaml-source.js';

/**
 * File position of the character at `offset` inside a scalar's parsed value,
 * computed from the parser's node range. Exact for literal block scalars
 * (`run: |`), whose value lines are the source lines after the header minus
 * their indentation, and for one-line scalars written without escapes;
 * otherwise the start of the scalar.
 */
export function positionInScalar(src: YamlSource, node: Scalar, offset: number): Position {
  const range = node.range;
  if (!range) return { line: 1, column: 1 };
  const value = typeof node.value === 'string' ? node.value : String(node.value);
  const start = range[0];
  if (node.type === 'BLOCK_LITERAL') return positionInLiteralBlock(src, start, value, offset);
  const raw = src.text.slice(start, range[1]);
  if (node.type === 'PLAIN' && raw === value) return positionAt(src, start + offset);
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && raw.slice(1, -1) === value) {
    return positionAt(src, start + 1 + offset);
  }
  return positionAt(src, start);
}

function positionInLiteralBlock(src: YamlSource, headerStart: number, value: string, offset: number): Position {
  const before = value.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  const valueLine = value.split('\n')[lineIndex] ?? '';
  // Value line i is source line i after the header line.
  let lineStart = src.text.indexOf('\n', headerStart) + 1;
  for (let i = 0; i < lineIndex && lineStart > 0; i++) lineStart = src.text.indexOf('\n', lineStart) + 1;
  if (lineStart <= 0) return positionAt(src, headerStart);
  let lineEnd = src.text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = src.text.length;
  const sourceLine = src.text.slice(lineStart, lineEnd).replace(/\r$/, '');
  if (!sourceLine.endsWith(valueLine)) return positionAt(src, lineStart);
  return positionAt(src, lineStart + sourceLine.length - valueLine.length + column);
}
