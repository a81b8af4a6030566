import { CST, isAlias, isCollection, isMap, isNode, isPair, isScalar, Lexer, type Document, type Node } from 'yaml';

/**
 * Bounds on a YAML file, checked before and after the `yaml` library
 * composes it: the library recurses once per nesting level (it reports a
 * stack overflow as a syntax error), checks duplicate keys in quadratic time
 * and resolves each alias by scanning the document. No compose file or
 * workflow comes near these limits.
 */
export const yamlLimits = {
  /** Same as any text file of a submission (intake's maxTextBytes). */
  maxBytes: 1024 * 1024,
  /** Levels of collections inside collections. */
  maxDepth: 100,
  /** Nodes that aliases add when expanded (an "alias bomb" adds billions). */
  maxAliasedNodes: 100_000,
};

export interface BoundsProblem {
  offset: number;
  code: 'TOO_LARGE' | 'TOO_DEEP' | 'ALIAS_BOMB';
  message: string;
}

/** Tokens of the lexer that stand for no source text. */
const ZERO_WIDTH = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * Size and nesting depth of the raw text, from the library's lexer (which
 * knows quotes, comments and block scalars), before anything is composed, and
 * stopping at the first token past the limit. Depth counts open flow
 * collections plus the indentation levels open in block context (each
 * compact `- ` or `? ` opens one more), an upper bound of the nesting.
 */
export function rawYamlProblem(text: string): BoundsProblem | undefined {
  if (text.length > yamlLimits.maxBytes) {
    return { offset: 0, code: 'TOO_LARGE', message: `the file is larger than ${yamlLimits.maxBytes / 1024 / 1024} MiB` };
  }
  let offset = 0;
  let lineStart = 0;
  let flow = 0;
  let scalarNext = false;
  let lineOpen = true; // the next content token is the first of its line, or follows a compact indicator
  const indents: number[] = [];
  for (const token of new Lexer().lex(text)) {
    if (ZERO_WIDTH.has(token)) {
      scalarNext = token === '\u001f';
      continue;
    }
    const at = offset;
    offset += token.length;
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = false;
    if (type === 'newline' || (type === 'scalar' && token.endsWith('\n'))) {
      lineStart = offset;
      lineOpen = true;
      continue;
    }
    if (type === 'space' || type === 'comment') continue;
    if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
    else if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
    if (flow === 0 && lineOpen && type !== 'flow-seq-end' && type !== 'flow-map-end') {
      const column = at - lineStart;
      while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
      indents.push(column);
    }
    lineOpen = flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind');
    if (indents.length + flow > yamlLimits.maxDepth) return { offset: at, code: 'TOO_DEEP', message: tooDeep() };
  }
  return undefined;
}

function tooDeep(): string {
  return `nested too deep: more than ${yamlLimits.maxDepth} levels of lists and mappings inside each other; no compose file or workflow needs that many`;
}

/**
 * How far the document's aliases expand: the nodes they add and the depth
 * they reach, computed once per node (linear time), in document order so that
 * an alias refers to the last anchor of its name before it.
 */
export function aliasProblem(doc: Document.Parsed): BoundsProblem | undefined {
  if (!isNode(doc.contents)) return undefined;
  const anchors = new Map<string, Node>();
  const size = new Map<Node, number>();
  const depth = new Map<Node, number>();
  let added = 0;
  type Frame = { node: Node; children: Node[]; next: number; size: number; depth: number };
  const frames: Frame[] = [];
  const enter = (node: Node) => {
    if (node.anchor) anchors.set(node.anchor, node);
    frames.push({ node, children: childrenOf(node), next: 0, size: 1, depth: isCollection(node) ? 1 : 0 });
  };
  enter(doc.contents);
  while (frames.length > 0) {
    const f = frames[frames.length - 1];
    if (f.next < f.children.length) {
      const child = f.children[f.next++];
      if (isAlias(child)) {
        const target = anchors.get(child.source);
        const s = target ? (size.get(target) ?? 1) : 1;
        const d = target ? (depth.get(target) ?? 0) : 0;
        added += s;
        f.size += s;
        f.depth = Math.max(f.depth, d + (isCollection(f.node) ? 1 : 0));
        if (added > yamlLimits.maxAliasedNodes) {
          return {
            offset: child.range?.[0] ?? 0,
            code: 'ALIAS_BOMB',
            message: `aliases expand to more than ${yamlLimits.maxAliasedNodes} nodes (an "alias bomb"); write the values out or use fewer aliases`,
          };
        }
        if (f.depth > yamlLimits.maxDepth) return { offset: child.range?.[0] ?? 0, code: 'TOO_DEEP', message: tooDeep() };
      } else {
        enter(child);
      }
      continue;
    }
    frames.pop();
    size.set(f.node, f.size);
    depth.set(f.node, f.depth);
    const parent = frames[frames.length - 1];
    if (parent) {
      parent.size += f.size;
      parent.depth = Math.max(parent.depth, f.depth + (isCollection(parent.node) ? 1 : 0));
    }
  }
  return undefined;
}

function childrenOf(node: Node): Node[] {
  if (!isCollection(node)) return [];
  const out: Node[] = [];
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      if (isNode(item.key)) out.push(item.key);
      if (isNode(item.value)) out.push(item.value);
    } else if (isNode(item)) {
      out.push(item);
    }
  }
  return out;
}

/** Offsets of keys repeated in their mapping (scalar keys of the same value and type), in one pass. */
export function duplicateKeyOffsets(doc: Document.Parsed): number[] {
  const out: number[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<string>() : undefined;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (seen && isScalar(item.key)) {
          const id = `${typeof item.key.value}:${String(item.key.value)}`;
          if (seen.has(id)) out.push(item.key.range?.[0] ?? 0);
          else seen.add(id);
        }
        stack.push(item.key, item.value);
      } else {
        stack.push(item);
      }
    }
  }
  return out.sort((a, b) => a - b);
}
