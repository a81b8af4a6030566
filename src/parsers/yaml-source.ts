import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  YAMLParseError,
  type Document,
  type ErrorCode,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Position } from '../model/finding.js';
import { aliasProblem, duplicateKeyOffsets, rawYamlProblem } from './yaml-bounds.js';

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

/**
 * Parses within bounds (yaml-bounds.ts): a file too large or nested too deep
 * is not composed, and one whose aliases expand too far keeps its document
 * but carries the error; either way the problem is a syntax error of the
 * document, so every reader of the file reports it where it reports YAML
 * errors. Duplicate keys are found in one pass (the library's own check is
 * quadratic in the size of a mapping).
 */
export function parseYamlSource(path: string, text: string): YamlSource {
  // the compose file is read by several families: one parse serves them all (the result is never changed)
  const key = `${path}\u0000${text}`;
  const known = recent.get(key);
  if (known) return known;
  const src = parseBounded(path, text);
  recent.set(key, src);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value as string);
  return src;
}

const RECENT = 16;
const recent = new Map<string, YamlSource>();

function parseBounded(path: string, text: string): YamlSource {
  const raw = rawYamlProblem(text);
  if (raw) {
    const doc = parseDocument('', { prettyErrors: false });
    doc.errors.push(parseError(raw.offset, raw.code, raw.message));
    return { path, text, doc, lineCounter: countLines(text) };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const own = duplicateKeyOffsets(doc).map((o) => parseError(o, 'DUPLICATE_KEY', 'Map keys must be unique'));
  const bomb = aliasProblem(doc);
  if (bomb) own.push(parseError(bomb.offset, bomb.code, bomb.message));
  if (own.length > 0) doc.errors.splice(0, doc.errors.length, ...[...doc.errors, ...own].sort((a, b) => a.pos[0] - b.pos[0]));
  return { path, text, doc, lineCounter };
}

function parseError(offset: number, code: string, message: string): YAMLParseError {
  return new YAMLParseError([offset, offset + 1], code as ErrorCode, message);
}

function countLines(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
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

/**
 * The document as plain data, in time linear in the expanded size (the
 * library's toJS scans the document again for every alias). Aliases share the
 * value of their anchor, as with toJS; a key that is not a scalar becomes its
 * JSON text. Merge keys (`<<`) are plain keys: see compose/merge-keys.ts.
 */
export function yamlData(src: YamlSource): { data: unknown } | { error: string } {
  const known = dataOf.get(src);
  if (known) return known;
  const read = toData(src);
  dataOf.set(src, read);
  return read;
}

const dataOf = new WeakMap<YamlSource, { data: unknown } | { error: string }>();

function toData(src: YamlSource): { data: unknown } | { error: string } {
  const anchors = new Map<string, Node>();
  const done = new Map<Node, unknown>();
  const open = new Set<Node>();
  class DataError extends Error {}
  const convert = (node: unknown): unknown => {
    if (!isNode(node)) return node ?? null;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) throw new DataError(`Unresolved alias (the anchor must be set before the alias): ${node.source}`);
      if (open.has(target)) throw new DataError('an alias refers to the node that contains it');
      return done.get(target);
    }
    if (node.anchor) anchors.set(node.anchor, node);
    let out: unknown;
    open.add(node);
    if (isScalar(node)) {
      out = typeof node.value === 'bigint' ? Number(node.value) : node.value;
    } else if (isMap(node)) {
      const map: Record<string, unknown> = {};
      for (const pair of node.items) setKey(map, keyOf(convert(pair.key)), convert(pair.value));
      out = map;
    } else if (isSeq(node)) {
      out = node.items.map((item) => (isPair(item) ? pairObject(item, convert) : convert(item)));
    }
    open.delete(node);
    done.set(node, out);
    return out;
  };
  try {
    return { data: convert(src.doc.contents) };
  } catch (e) {
    if (e instanceof DataError) return { error: e.message };
    throw e;
  }
}

function pairObject(pair: Pair, convert: (n: unknown) => unknown): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  setKey(map, keyOf(convert(pair.key)), convert(pair.value));
  return map;
}

function keyOf(key: unknown): string {
  if (key === null || key === undefined) return '';
  return typeof key === 'object' ? JSON.stringify(key) : String(key);
}

/** Sets a key as an own property, `__proto__` included. */
function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

export type PathSegment = string | number;

/** Per mapping node: its pairs by key text (first occurrence), built once. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: PathSegment): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const k = isScalar(item.key) ? String(item.key.value) : undefined;
      if (k !== undefined && !index.has(k)) index.set(k, item);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

function childAt(node: unknown, seg: PathSegment): unknown {
  if (isMap(node)) return pairOf(node, seg)?.value;
  if (isSeq(node)) {
    const i = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
    return i >= 0 ? node.items[i] : undefined;
  }
  return undefined;
}

/** The node at a path (map keys and sequence indexes), if present; aliases are not followed. */
export function nodeAt(src: YamlSource, path: PathSegment[]): Node | undefined {
  let n: unknown = src.doc.contents;
  for (const seg of path) {
    n = childAt(n, seg);
    if (n === undefined) return undefined;
  }
  return isNode(n) ? n : undefined;
}

/** The key node of the pair a path ends at: where "this key is wrong" points. */
export function keyNodeAt(src: YamlSource, path: PathSegment[]): Node | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(src, path.slice(0, -1));
  const key = isMap(parent) ? pairOf(parent, path[path.length - 1])?.key : undefined;
  return isNode(key) ? key : undefined;
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
