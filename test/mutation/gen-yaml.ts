import { isMap, isScalar, isSeq, parseDocument, type Node, type Scalar } from 'yaml';
import { ssmCommandRemovals } from './gen-ssm.js';
import { afterLine, flowSpan, label, removal, wholeLines, type Variant } from './variant.js';

/**
 * Each key (with its value) and each sequence item of a YAML file, at every
 * depth, removed; and each line of every block `run:` script, and what the
 * deploy's SSM commands hold (gen-ssm.ts).
 */
export function yamlRemovals(path: string, text: string): Variant[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${path} of the good fixture does not parse: ${doc.errors[0].message}`);
  const out: Variant[] = [];
  const add = (construct: string, start: number, end: number, flow: boolean) => {
    const [from, to] = flow ? flowSpan(text, start, end) : wholeLines(text, start, contentEnd(text, start, end));
    out.push(removal(path, construct, text, from, to));
  };
  const walk = (node: unknown, at: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Scalar;
        const value = pair.value as Node | null;
        const here = at === '' ? String(key.value) : `${at}.${String(key.value)}`;
        add(here, key.range![0], value?.range ? Math.max(value.range[1], key.range![1]) : key.range![1], node.flow === true);
        walk(value, here);
        if (String(key.value) === 'run' && isScalar(value) && value.range && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED')) {
          out.push(...runLineRemovals(path, text, here, value.range[0], value.range[1]));
          out.push(...ssmCommandRemovals(path, text, here, value.range[0], value.range[1]));
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const n = item as Node;
        const here = `${at}[${i}]`;
        const start = node.flow ? n.range![0] : text.lastIndexOf('-', n.range![0] - 1);
        add(isScalar(n) ? `${here} ${label(String(n.value), 40)}` : here, start, n.range![1], node.flow === true);
        walk(n, here);
      });
    }
  };
  walk(doc.contents, '');
  return out;
}

/** Each line of a block scalar's content that is not blank. */
function runLineRemovals(path: string, text: string, at: string, header: number, end: number): Variant[] {
  const out: Variant[] = [];
  for (let start = afterLine(text, header); start < end; start = afterLine(text, start)) {
    const line = text.slice(start, afterLine(text, start));
    if (line.trim() !== '') out.push(removal(path, `${at} › ${label(line)}`, text, start, afterLine(text, start)));
  }
  return out;
}

/** The end of a node's content, before the blank lines and newline the parser counts in it. */
function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
