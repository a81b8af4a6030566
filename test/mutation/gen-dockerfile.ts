import { DockerfileParser } from 'dockerfile-ast';
import { afterLine, label, removal, type Variant } from './variant.js';

/** Each instruction and each comment of a Dockerfile, removed with every line it spans. */
export function dockerfileRemovals(path: string, text: string): Variant[] {
  const ast = DockerfileParser.parse(text);
  const lineOffsets = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineOffsets.push(i + 1);
  const lines = (first: number, last: number): [number, number] => [lineOffsets[first], afterLine(text, lineOffsets[last])];
  const parts = [
    ...ast.getInstructions().map((i) => ({ range: i.getRange(), construct: label(text.slice(...lines(i.getRange().start.line, i.getRange().start.line))) })),
    ...ast.getComments().map((c) => ({ range: c.getRange(), construct: label(c.getContent() === '' ? '#' : `# ${c.getContent()}`) })),
  ];
  return parts.map(({ range, construct }) => removal(path, construct, text, ...lines(range.start.line, range.end.line)));
}
