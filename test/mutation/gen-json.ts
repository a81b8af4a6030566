import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { flowSpan, removal, type Variant } from './variant.js';

/** Each property and each array item of a JSON file, at every depth, removed (with the comma that separates it). */
export function jsonRemovals(path: string, text: string): Variant[] {
  const out: Variant[] = [];
  const walk = (node: JsonNode | undefined, at: string) => {
    for (const [i, child] of (node?.children ?? []).entries()) {
      if (node?.type === 'object') {
        const [key, value] = child.children ?? [];
        const here = at === '' ? String(key.value) : `${at}.${String(key.value)}`;
        out.push(removal(path, here, text, ...flowSpan(text, child.offset, child.offset + child.length)));
        walk(value, here);
      } else if (node?.type === 'array') {
        const here = `${at}[${i}]`;
        out.push(removal(path, here, text, ...flowSpan(text, child.offset, child.offset + child.length)));
        walk(child, here);
      }
    }
  };
  walk(parseTree(text), '');
  return out;
}
