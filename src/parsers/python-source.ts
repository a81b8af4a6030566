import type { Position } from '../model/finding.js';
import { LineIndex, type SourceProblem } from './text-position.js';

/**
 * A small Python tokenizer and expression reader, enough to walk literals such
 * as Django's `DATABASES = {...}` with exact positions. It knows strings (all
 * prefixes, triple quotes, escapes), comments, numbers, operators, brackets and
 * logical lines; it does not evaluate anything.
 */
export type PyTokenKind = 'name' | 'number' | 'string' | 'op' | 'newline';

export interface PyToken {
  kind: PyTokenKind;
  /** Source text of the token. */
  text: string;
  offset: number;
  pos: Position;
  /** Strings: the content with quotes removed and simple escapes decoded. */
  value?: string;
  /** Strings: the prefix letters, lower-cased ('', 'r', 'f', 'rb', ...). */
  prefix?: string;
}

export interface PythonSource {
  path: string;
  text: string;
  /** Significant tokens; comments are dropped, NEWLINE ends each logical line. */
  tokens: PyToken[];
  problems: SourceProblem[];
}

/** Python's own limit of brackets inside each other (MAXLEVEL of its tokenizer). */
const PYTHON_MAX_NESTING = 200;

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '(', ')', '[', ']', '{', '}', ':', ',', ';', '.', '+', '-', '*', '/', '%', '|', '&', '^', '~', '<', '>', '=', '@', '!',
];
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of OPERATORS) OPERATORS_BY_FIRST.set(op[0], [...(OPERATORS_BY_FIRST.get(op[0]) ?? []), op]);
const STRING_FIRST = new Set(['"', "'", ...'rRbBfFuU']);
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const STRING_START = /(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?:'''|"""|'|")/y;
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{N}\p{Mn}\p{Mc}_]*/uy;
const NUMBER = /0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?/y;

export function parsePythonSource(path: string, text: string): PythonSource {
  const lines = new LineIndex(text);
  const tokens: PyToken[] = [];
  const problems: SourceProblem[] = [];
  const open: PyToken[] = [];
  const push = (kind: PyTokenKind, start: number, end: number, extra: Partial<PyToken> = {}): PyToken => {
    const t: PyToken = { kind, text: text.slice(start, end), offset: start, pos: lines.position(start), ...extra };
    tokens.push(t);
    return t;
  };
  const endLogicalLine = (at: number) => {
    const last = tokens[tokens.length - 1];
    if (open.length === 0 && last && last.kind !== 'newline') push('newline', at, at);
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let word: string | undefined;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      endLogicalLine(i);
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (STRING_FIRST.has(c) && matchAt(STRING_START, text, i)) {
      i = readString(text, i, lines, push, problems);
    } else if ((word = matchAt(NAME, text, i))) {
      push('name', i, i + word.length);
      i += word.length;
    } else if ((c === '.' || (c >= '0' && c <= '9')) && (word = matchAt(NUMBER, text, i))) {
      push('number', i, i + word.length);
      i += word.length;
    } else {
      const op = OPERATORS_BY_FIRST.get(c)?.find((o) => text.startsWith(o, i));
      if (!op) {
        problems.push({ position: lines.position(i), message: `unexpected character ${JSON.stringify(c)}` });
        i++;
        continue;
      }
      const t = push('op', i, i + op.length);
      if (CLOSERS[op]) {
        open.push(t);
        if (open.length === PYTHON_MAX_NESTING + 1) {
          problems.push({
            position: t.pos,
            message: `nested too deep: more than ${PYTHON_MAX_NESTING} brackets inside each other, which Python refuses ("too many nested parentheses")`,
          });
        }
      }
      else if (op === ')' || op === ']' || op === '}') {
        const opener = open.pop();
        if (!opener) problems.push({ position: t.pos, message: `unmatched '${op}'` });
        else if (CLOSERS[opener.text] !== op) {
          problems.push({
            position: t.pos,
            message: `'${op}' does not close '${opener.text}' opened at line ${opener.pos.line} column ${opener.pos.column}`,
          });
        }
      }
      i += op.length;
    }
  }
  for (const t of open) {
    problems.push({ position: t.pos, message: `'${t.text}' is never closed` });
  }
  open.length = 0;
  endLogicalLine(text.length);
  return { path, text, tokens, problems };
}

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

function readString(
  text: string,
  start: number,
  lines: LineIndex,
  push: (kind: PyTokenKind, start: number, end: number, extra?: Partial<PyToken>) => PyToken,
  problems: SourceProblem[],
): number {
  const head = matchAt(STRING_START, text, start)!;
  const quote = head.endsWith("'''") || head.endsWith('"""') ? head.slice(-3) : head.slice(-1);
  const prefix = head.slice(0, head.length - quote.length).toLowerCase();
  const raw = prefix.includes('r');
  const bodyStart = start + head.length;
  let j = bodyStart;
  let value = '';
  for (;;) {
    if (j >= text.length || (quote.length === 1 && text[j] === '\n')) {
      problems.push({ position: lines.position(start), message: 'string is never closed' });
      push('string', start, j, { value, prefix });
      return j;
    }
    if (text.startsWith(quote, j)) {
      push('string', start, j + quote.length, { value, prefix });
      return j + quote.length;
    }
    if (text[j] === '\\' && j + 1 < text.length) {
      const next = text[j + 1];
      value += raw ? `\\${next}` : decodeEscape(next);
      j += 2;
      continue;
    }
    value += text[j];
    j++;
  }
}

function decodeEscape(c: string): string {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '\n':
      return '';
    case '\\':
    case "'":
    case '"':
      return c;
    default:
      return `\\${c}`;
  }
}

/* ---------- expressions ---------- */

export type PyExpr =
  | { kind: 'string'; value: string; fstring: boolean; pos: Position }
  | { kind: 'number'; text: string; pos: Position }
  | { kind: 'name'; id: string; pos: Position }
  | { kind: 'attribute'; object: PyExpr; attr: string; pos: Position }
  | { kind: 'call'; callee: PyExpr; args: PyArg[]; pos: Position }
  | { kind: 'subscript'; object: PyExpr; index: PyExpr; pos: Position }
  | { kind: 'dict'; entries: PyDictEntry[]; pos: Position }
  | { kind: 'list' | 'tuple' | 'set'; items: PyExpr[]; pos: Position }
  /** Anything with operators, conditionals or comprehensions: its operands, in order. */
  | { kind: 'compound'; parts: PyExpr[]; pos: Position }
  /** Nothing readable here (a syntax error, or the end of the file). */
  | { kind: 'empty'; pos: Position };

export interface PyArg {
  /** Keyword argument name, absent for positional ones. */
  name?: string;
  value: PyExpr;
}

export interface PyDictEntry {
  key: PyExpr;
  value: PyExpr;
}

const KEYWORD_OPERATORS = new Set(['if', 'else', 'and', 'or', 'not', 'in', 'is', 'for', 'async', 'await', 'yield']);
const ENDS_EXPRESSION = new Set([',', ':', ')', ']', '}', ';', '=', '+=', '-=', '*=', '/=', ':=']);

/** Deeper brackets and longer chains of `.x`, `(...)`, `[...]` are not read into the tree, so that no input can exhaust the stack. */
const MAX_NESTING = 100;

/** Reads expressions from a token list; never throws, always makes progress. */
class ExprReader {
  private depth = 0;

  constructor(
    private readonly tokens: PyToken[],
    public i: number,
  ) {}

  private get tok(): PyToken | undefined {
    return this.tokens[this.i];
  }

  private isOp(text: string): boolean {
    return this.tok?.kind === 'op' && this.tok.text === text;
  }

  private here(): Position {
    return (this.tok ?? this.tokens[this.tokens.length - 1])?.pos ?? { line: 1, column: 1 };
  }

  atEnd(): boolean {
    const t = this.tok;
    return !t || t.kind === 'newline' || (t.kind === 'op' && ENDS_EXPRESSION.has(t.text));
  }

  expression(): PyExpr {
    const pos = this.here();
    const parts: PyExpr[] = [];
    let operators = 0;
    while (!this.atEnd()) {
      const t = this.tok!;
      if (t.kind === 'name' && t.text === 'lambda') {
        this.skipLambdaParameters();
        operators++;
      } else if ((t.kind === 'op' && !CLOSERS[t.text] && t.text !== '.') || (t.kind === 'name' && KEYWORD_OPERATORS.has(t.text))) {
        this.i++;
        operators++;
      } else {
        const before = this.i;
        parts.push(this.unit());
        if (this.i === before) this.i++;
      }
    }
    if (parts.length === 0) return { kind: 'empty', pos };
    if (parts.length === 1 && operators === 0) return parts[0];
    return { kind: 'compound', parts, pos };
  }

  private skipLambdaParameters(): void {
    this.i++;
    while (this.tok && this.tok.kind !== 'newline' && !this.isOp(':')) this.i++;
    if (this.isOp(':')) this.i++;
  }

  private unit(): PyExpr {
    let e = this.primary();
    for (let trailers = 1; ; trailers++) {
      // a longer chain goes on as the next part of the expression (see expression())
      if (this.depth + trailers > MAX_NESTING) return e;
      if (this.isOp('.') && this.tokens[this.i + 1]?.kind === 'name') {
        e = { kind: 'attribute', object: e, attr: this.tokens[this.i + 1].text, pos: e.pos };
        this.i += 2;
      } else if (this.isOp('(')) {
        this.i++;
        this.depth += trailers;
        const args = this.callArguments();
        this.depth -= trailers;
        e = { kind: 'call', callee: e, args, pos: e.pos };
      } else if (this.isOp('[')) {
        this.i++;
        this.depth += trailers;
        const index = this.expression();
        this.depth -= trailers;
        this.skipTo(']');
        e = { kind: 'subscript', object: e, index, pos: e.pos };
      } else {
        return e;
      }
    }
  }

  private primary(): PyExpr {
    const t = this.tok!;
    if (t.kind === 'string') {
      let value = '';
      let fstring = false;
      while (this.tok?.kind === 'string') {
        value += this.tok.value ?? '';
        fstring ||= (this.tok.prefix ?? '').includes('f');
        this.i++;
      }
      return { kind: 'string', value, fstring, pos: t.pos };
    }
    this.i++;
    if (t.kind === 'number') return { kind: 'number', text: t.text, pos: t.pos };
    if (t.kind === 'name') return { kind: 'name', id: t.text, pos: t.pos };
    if (t.kind !== 'op' || !CLOSERS[t.text]) return { kind: 'empty', pos: t.pos };
    if (this.depth >= MAX_NESTING) {
      this.skipTo(CLOSERS[t.text]);
      return { kind: 'empty', pos: t.pos };
    }
    this.depth++;
    const display = this.display(t);
    this.depth--;
    return display;
  }

  private display(t: PyToken): PyExpr {
    if (t.text === '(') {
      const { items, commas } = this.sequence(')');
      return items.length === 1 && commas === 0 ? items[0] : { kind: 'tuple', items, pos: t.pos };
    }
    if (t.text === '[') return { kind: 'list', items: this.sequence(']').items, pos: t.pos };
    return this.braces(t.pos);
  }

  /** Items separated by commas up to `close`, which is consumed. */
  private sequence(close: string): { items: PyExpr[]; commas: number } {
    const items: PyExpr[] = [];
    let commas = 0;
    while (this.tok && !this.isOp(close)) {
      if (this.isOp('*') || this.isOp('**')) this.i++;
      const before = this.i;
      const e = this.expression();
      if (e.kind !== 'empty') items.push(e);
      if (this.isOp(',')) {
        commas++;
        this.i++;
      } else if (!this.isOp(close) && this.i === before) {
        this.i++;
      } else if (!this.isOp(close)) {
        this.skipTo(close, false);
      }
    }
    if (this.isOp(close)) this.i++;
    return { items, commas };
  }

  private braces(pos: Position): PyExpr {
    const entries: PyDictEntry[] = [];
    const items: PyExpr[] = [];
    while (this.tok && !this.isOp('}')) {
      const before = this.i;
      if (this.isOp('**')) {
        this.i++;
        this.expression();
      } else {
        const key = this.expression();
        if (this.isOp(':')) {
          this.i++;
          entries.push({ key, value: this.expression() });
        } else if (key.kind !== 'empty') {
          items.push(key);
        }
      }
      if (this.isOp(',')) this.i++;
      else if (!this.isOp('}')) this.skipTo('}', false);
      if (this.i === before) this.i++;
    }
    if (this.isOp('}')) this.i++;
    return items.length > 0 && entries.length === 0 ? { kind: 'set', items, pos } : { kind: 'dict', entries, pos };
  }

  private callArguments(): PyArg[] {
    const args: PyArg[] = [];
    while (this.tok && !this.isOp(')')) {
      const before = this.i;
      let name: string | undefined;
      if (this.tok.kind === 'name' && this.tokens[this.i + 1]?.kind === 'op' && this.tokens[this.i + 1].text === '=') {
        name = this.tok.text;
        this.i += 2;
      } else if (this.isOp('*') || this.isOp('**')) {
        this.i++;
      }
      const value = this.expression();
      if (value.kind !== 'empty') args.push(name ? { name, value } : { value });
      if (this.isOp(',')) this.i++;
      else if (!this.isOp(')')) this.skipTo(')', false);
      if (this.i === before) this.i++;
    }
    if (this.isOp(')')) this.i++;
    return args;
  }

  /**
   * Error recovery: skips to the `close` bracket of the current nesting level
   * and consumes it; with `consume` false, stops before it or before a comma
   * of this level instead.
   */
  private skipTo(close: string, consume = true): void {
    let depth = 0;
    while (this.tok && this.tok.kind !== 'newline') {
      const t = this.tok;
      if (t.kind === 'op' && CLOSERS[t.text]) depth++;
      else if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
        if (depth === 0) {
          if (t.text === close && consume) this.i++;
          return;
        }
        depth--;
      } else if (depth === 0 && t.kind === 'op' && t.text === ',' && !consume) {
        return;
      }
      this.i++;
    }
  }
}

/** The expression that starts at token `index`. */
export function expressionAt(src: PythonSource, index: number): PyExpr {
  return new ExprReader(src.tokens, index).expression();
}

export interface PyAssignment {
  target: PyToken;
  value: PyExpr;
}

/**
 * Every simple assignment `name = value` that starts a statement (at any
 * indentation), in source order. Augmented and subscript assignments are not
 * included.
 */
export function assignmentsTo(src: PythonSource, name: string): PyAssignment[] {
  const out: PyAssignment[] = [];
  const t = src.tokens;
  for (let i = 0; i < t.length; i++) {
    const prev = t[i - 1];
    const startsStatement = !prev || prev.kind === 'newline' || (prev.kind === 'op' && (prev.text === ';' || prev.text === ':'));
    if (startsStatement && t[i].kind === 'name' && t[i].text === name && t[i + 1]?.kind === 'op' && t[i + 1].text === '=') {
      out.push({ target: t[i], value: expressionAt(src, i + 2) });
    }
  }
  return out;
}

/** A name a statement binds: an import, a simple assignment, a def or a class. */
export interface PyBinding {
  name: string;
  pos: Position;
  /** `from m import *` binds names that cannot be known from this file: `name` is '*'. */
  kind: 'import' | 'star-import' | 'assignment' | 'def';
}

/**
 * The names bound by statements of the file (at any indentation), in source
 * order: `import a.b` binds `a`, `import a.b as c` binds `c`, `from m import
 * x as y` binds `y`; so do `name = ...`, `def name` and `class name`.
 */
export function bindings(src: PythonSource): PyBinding[] {
  const out: PyBinding[] = [];
  const t = src.tokens;
  const isName = (i: number, text?: string) => t[i]?.kind === 'name' && (text === undefined || t[i].text === text);
  const isOp = (i: number, text: string) => t[i]?.kind === 'op' && t[i].text === text;
  /** `NAME [as NAME]` at i: the bound token and the index after it. */
  const aliased = (i: number, bound: PyToken): [PyToken, number] =>
    isName(i, 'as') && isName(i + 1) ? [t[i + 1], i + 2] : [bound, i];
  for (let i = 0; i < t.length; i++) {
    const prev = t[i - 1];
    const startsStatement = !prev || prev.kind === 'newline' || (prev.kind === 'op' && (prev.text === ';' || prev.text === ':'));
    if (!startsStatement || t[i].kind !== 'name') continue;
    const word = t[i].text;
    if (word === 'import') {
      for (let j = i + 1; isName(j); ) {
        const first = t[j];
        j++;
        while (isOp(j, '.') && isName(j + 1)) j += 2;
        const [bound, next] = aliased(j, first);
        out.push({ name: bound.text, pos: bound.pos, kind: 'import' });
        if (!isOp(next, ',')) break;
        j = next + 1;
      }
    } else if (word === 'from') {
      let j = i + 1;
      while (j < t.length && t[j].kind !== 'newline' && !isName(j, 'import')) j++;
      if (!isName(j, 'import')) continue;
      j++;
      if (isOp(j, '*')) {
        out.push({ name: '*', pos: t[j].pos, kind: 'star-import' });
        continue;
      }
      if (isOp(j, '(')) j++;
      while (isName(j)) {
        const [bound, next] = aliased(j + 1, t[j]);
        out.push({ name: bound.text, pos: bound.pos, kind: 'import' });
        if (!isOp(next, ',')) break;
        j = next + 1;
      }
    } else if ((word === 'def' || word === 'class') && isName(i + 1)) {
      out.push({ name: t[i + 1].text, pos: t[i + 1].pos, kind: 'def' });
    } else if (isOp(i + 1, '=')) {
      out.push({ name: word, pos: t[i].pos, kind: 'assignment' });
    }
  }
  return out;
}

/** Every dict display in the file, nested ones included, in source order. */
export function dictDisplays(src: PythonSource): Extract<PyExpr, { kind: 'dict' }>[] {
  const out: Extract<PyExpr, { kind: 'dict' }>[] = [];
  const collect = (e: PyExpr) => {
    if (e.kind === 'dict') out.push(e);
    for (const child of childrenOf(e)) collect(child);
  };
  const reader = new ExprReader(src.tokens, 0);
  while (reader.i < src.tokens.length) {
    const before = reader.i;
    collect(reader.expression());
    if (reader.i === before) reader.i++;
  }
  return out;
}

/** The sub-expressions of an expression. */
export function childrenOf(e: PyExpr): PyExpr[] {
  switch (e.kind) {
    case 'attribute':
      return [e.object];
    case 'call':
      return [e.callee, ...e.args.map((a) => a.value)];
    case 'subscript':
      return [e.object, e.index];
    case 'dict':
      return e.entries.flatMap((d) => [d.key, d.value]);
    case 'list':
    case 'tuple':
    case 'set':
      return e.items;
    case 'compound':
      return e.parts;
    default:
      return [];
  }
}

/** `os.environ.get` for an attribute chain of names; undefined for anything else. */
export function dottedName(e: PyExpr): string | undefined {
  if (e.kind === 'name') return e.id;
  if (e.kind === 'attribute') {
    const base = dottedName(e.object);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  return undefined;
}

/** The value of a dict entry whose key is the string `key`. */
export function dictEntry(d: Extract<PyExpr, { kind: 'dict' }>, key: string): PyDictEntry | undefined {
  return d.entries.find((e) => e.key.kind === 'string' && e.key.value === key);
}
