import { exec, type JsonValue } from 'jsonpath-rfc9535';
import parse from 'jsonpath-rfc9535/parser';

/** One node a JSONPath query selected: its normalized path (`$['rocks'][0]`) and its value. */
export interface PathNode {
  path: string;
  value: unknown;
}

/**
 * Why a JSONPath query cannot be used, or undefined. match() and search()
 * are refused: their pattern may come from the document itself, and a
 * regex is only run bounded (the regex matcher on the selected nodes).
 */
export function jsonPathProblem(path: string): string | undefined {
  let ast: unknown;
  try {
    ast = parse(path);
  } catch (e) {
    return `is not an RFC 9535 JSONPath query: ${(e as Error).message.split('\n')[0]}`;
  }
  const fn = functionsIn(ast).find((name) => name === 'match' || name === 'search');
  return fn ? `uses ${fn}(); select the nodes and test them with the regex matcher instead` : undefined;
}

function functionsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(functionsIn);
  if (node === null || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'FunctionExpr' && typeof o.name === 'string' ? [o.name] : [];
  return [...own, ...Object.values(o).flatMap(functionsIn)];
}

/** The nodes a query selects, at most `max` of them (a single node is never unwrapped from its list). */
export function nodesAt(doc: unknown, path: string, max = 10_000): { nodes: PathNode[]; more: boolean } {
  const nodes: PathNode[] = [];
  let more = false;
  exec(doc as JsonValue, path, (value, p) => {
    if (nodes.length < max) nodes.push({ path: normalized(p), value });
    else more = true;
  });
  return { nodes, more };
}

function normalized(p: (string | number)[]): string {
  // Keys arrive already escaped for a normalized path.
  return `$${p.map((k) => (typeof k === 'number' ? `[${k}]` : `['${k}']`)).join('')}`;
}
