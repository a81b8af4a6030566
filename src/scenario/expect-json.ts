import { describeMatcher } from './describe-matcher.js';
import { nodesAt, type PathNode } from './jsonpath.js';
import { judge, type Judgement, type MatchContext } from './matchers.js';
import { quantifiers, type JsonExpectation, type Matcher, type MatcherObject, type Quantifier } from './types.js';

/** One expectation that does not hold: a short line, for the finding's message. */
export interface Unmet {
  line: string;
}

export interface JsonContext extends MatchContext {
  maxNodes: number;
}

/** The quantifier and matcher of an item; `{path, <matcher keys>}` is `one`. */
export function quantified(item: JsonExpectation): { q: Quantifier; m: Matcher | number } {
  const q = quantifiers.find((k) => k in item);
  if (q) return { q, m: item[q] as Matcher | number };
  const { path: _path, ...matcher } = item;
  return { q: 'one', m: matcher as MatcherObject };
}

/**
 * JSON expectations on a document. The nodes of a path are judged by the
 * quantifier; a path that selects no node never passes, except `count: 0`.
 */
export function checkJson(items: JsonExpectation[], doc: { value: unknown } | { absent: string }, ctx: JsonContext): Unmet[] {
  if ('absent' in doc) return [{ line: doc.absent }];
  return items.flatMap((item) => {
    const u = checkItem(item, doc.value, ctx);
    return u ? [u] : [];
  });
}

function checkItem(item: JsonExpectation, doc: unknown, ctx: JsonContext): Unmet | undefined {
  const { q, m } = quantified(item);
  let found: { nodes: PathNode[]; more: boolean };
  try {
    found = nodesAt(doc, item.path, ctx.maxNodes);
  } catch (e) {
    return { line: `${item.path} could not be searched: ${ctx.showText((e as Error).message)}` };
  }
  const { nodes, more } = found;
  const n = more ? `more than ${nodes.length}` : String(nodes.length);
  const want = typeof m === 'number' ? String(m) : describeMatcher(m, ctx.show);
  const at = (node: PathNode) => ctx.showText(node.path);
  if (q === 'count') {
    if (typeof m === 'number') return !more && nodes.length === m ? undefined : { line: `${item.path} has ${n} node(s); expected ${m}` };
    if (nodes.length === 0) return { line: `${item.path} has no node; expected a count ${want} (only count: 0 accepts none)` };
    if (more) return { line: `${item.path} has ${n} nodes, too many to count; expected a count ${want}` };
    const j = judge(m, nodes.length, ctx);
    return j.result === 'pass' ? undefined : { line: `${item.path} has ${nodes.length} node(s); expected a count ${want}` };
  }
  const matcher = m as Matcher;
  if (nodes.length === 0) return { line: `${item.path} has no node; expected ${noNodeWant(q, want)}` };
  if (q === 'one') {
    if (nodes.length !== 1) return { line: `${item.path} has ${n} nodes; expected exactly one, ${want}` };
    const j = judge(matcher, nodes[0].value, ctx);
    return j.result === 'pass' ? undefined : { line: `${at(nodes[0])} ${why(j)}; expected ${want}` };
  }
  const judged = nodes.map((node) => ({ node, j: judge(matcher, node.value, ctx) }));
  if (q === 'some') {
    if (judged.some(({ j }) => j.result === 'pass')) return undefined;
    const first = judged[0];
    return { line: `none of the ${n} node(s) at ${item.path} is ${want} (${at(first.node)} ${why(first.j)})` };
  }
  if (q === 'all') {
    const bad = judged.find(({ j }) => j.result !== 'pass');
    return bad ? { line: `${at(bad.node)} ${why(bad.j)}; expected every node at ${item.path} to be ${want}` } : undefined;
  }
  const open = judged.find(({ j }) => j.result === 'undecided');
  const hit = judged.find(({ j }) => j.result === 'pass');
  if (hit) return { line: `${at(hit.node)} is ${ctx.show(hit.node.value)}; expected no node at ${item.path} to be ${want}` };
  return open ? { line: `${at(open.node)} ${why(open.j)}; expected no node at ${item.path} to be ${want}` } : undefined;
}

function noNodeWant(q: Exclude<Quantifier, 'count'>, want: string): string {
  if (q === 'one') return `exactly one, ${want}`;
  if (q === 'some') return `at least one node ${want}`;
  if (q === 'all') return `nodes, each ${want}`;
  return `nodes, none of them ${want} (a path that must have no node says count: 0)`;
}

function why(j: Judgement): string {
  return j.result === 'pass' ? 'passes' : j.why;
}
