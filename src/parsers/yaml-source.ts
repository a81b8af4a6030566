import { isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Position } from '../model/finding.js';

/**
 * A YAML file parsed with positions: every finding about it takes its
 * line:column from the parser's ranges, never from searching the text.
 */
export interface YamlSource {
  path: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseYamlSource(path: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { path, text, doc, lineCounter };
}

export function positionAt(src: YamlSource, offset: number): Position {
  const p = src.lineCounter.linePos(offset);
  return { line: p.line, column: p.col };
}

/** Syntax errors and warnings of the YAML parser, positioned. */
export function yamlProblems(src: YamlSource): { position: Position; message: string }[] {
  return [...src.doc.errors, ...src.doc.warnings].map((e) => ({
    position: positionAt(src, e.pos[0]),
    message: e.message.split('\n')[0],
  }));
}

export type PathSegment = string | number;

/** The node at a path (map keys and sequence indexes), if present. */
export function nodeAt(src: YamlSource, path: PathSegment[]): Node | undefined {
  const n = path.length === 0 ? src.doc.contents : src.doc.getIn(path, true);
  return isNode(n) ? n : undefined;
}

/** The key node of the pair a path ends at: where "this key is wrong" points. */
export function keyNodeAt(src: YamlSource, path: PathSegment[]): Node | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(src, path.slice(0, -1)) as { items?: unknown[] } | undefined;
  const last = path[path.length - 1];
  for (const item of parent?.items ?? []) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(last)) return item.key;
  }
  return undefined;
}

/**
 * Position of a path: its key when `preferKey`, else its value; falling back
 * to the nearest ancestor that exists, then to 1:1.
 */
export function positionOf(src: YamlSource, path: PathSegment[], preferKey = false): Position {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = (preferKey || n < path.length ? keyNodeAt(src, sub) : undefined) ?? nodeAt(src, sub);
    if (node?.range) return positionAt(src, node.range[0]);
  }
  return { line: 1, column: 1 };
}
