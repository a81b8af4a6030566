import type { Position } from '../model/finding.js';
import type { SourceProblem } from './text-position.js';

/**
 * A Pipfile: the TOML subset pipenv writes (section headers, `key = value`
 * lines whose values may span lines inside brackets or triple quotes), read
 * with positions. Values are not interpreted; only keys matter here.
 */
export interface PipfileEntry {
  /** The key as written, quotes removed, e.g. `psycopg2-binary` or `psycopg[binary]`. */
  name: string;
  section: string;
  pos: Position;
}

export interface PipfileSection {
  name: string;
  pos: Position;
}

export interface Pipfile {
  path: string;
  sections: PipfileSection[];
  entries: PipfileEntry[];
  problems: SourceProblem[];
}

const HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/;
const BARE_KEY = /^[A-Za-z0-9_.\-[\]]+/;

export function parsePipfile(path: string, text: string): Pipfile {
  const sections: PipfileSection[] = [];
  const entries: PipfileEntry[] = [];
  const problems: SourceProblem[] = [];
  const lines = (text.startsWith('\ufeff') ? text.slice(1) : text).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let section = '';
  let pending: ValueState | undefined;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (pending) {
      pending = scanValue(line, 0, pending);
      if (pending.done) pending = undefined;
      return;
    }
    const start = line.length - line.trimStart().length;
    if (start === line.length || line[start] === '#') return;
    const header = HEADER.exec(line);
    if (header && line[start] === '[') {
      section = header[1];
      sections.push({ name: section, pos: { line: lineNo, column: start + 1 } });
      return;
    }
    const key = readKey(line, start);
    if (!key) {
      problems.push({ position: { line: lineNo, column: start + 1 }, message: 'expected a `name = value` line or a [section] header' });
      return;
    }
    let eq = key.end;
    while (line[eq] === ' ' || line[eq] === '\t') eq++;
    if (line[eq] !== '=') {
      problems.push({ position: { line: lineNo, column: eq + 1 }, message: `expected '=' after ${JSON.stringify(key.name)}` });
      return;
    }
    entries.push({ name: key.name, section, pos: { line: lineNo, column: start + 1 } });
    const state = scanValue(line, eq + 1, { depth: 0, quote: undefined, done: false });
    if (!state.done) pending = state;
  });
  if (pending) problems.push({ position: { line: lines.length, column: 1 }, message: 'a value is never closed (missing bracket or quote)' });
  return { path, sections, entries, problems };
}

function readKey(line: string, start: number): { name: string; end: number } | undefined {
  const q = line[start];
  if (q === '"' || q === "'") {
    let j = start + 1;
    while (j < line.length && line[j] !== q) j += line[j] === '\\' && q === '"' ? 2 : 1;
    return j < line.length ? { name: line.slice(start + 1, j), end: j + 1 } : undefined;
  }
  const m = BARE_KEY.exec(line.slice(start));
  return m ? { name: m[0], end: start + m[0].length } : undefined;
}

interface ValueState {
  depth: number;
  /** The open string's delimiter, when a multi-line string continues. */
  quote: string | undefined;
  done: boolean;
}

/** Follows brackets and strings of a value to tell whether it ends on this line. */
function scanValue(line: string, from: number, state: ValueState): ValueState {
  let { depth, quote } = state;
  for (let j = from; j < line.length; j++) {
    const c = line[j];
    if (quote) {
      if (c === '\\' && quote.startsWith('"')) j++;
      else if (line.startsWith(quote, j)) {
        j += quote.length - 1;
        quote = undefined;
      }
      continue;
    }
    if (c === '#') break;
    if (c === '"' || c === "'") quote = line.startsWith(c.repeat(3), j) ? c.repeat(3) : c;
    if (quote && quote.length === 3) j += 2;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  if (quote && quote.length === 1) quote = undefined;
  return { depth, quote, done: depth <= 0 && quote === undefined };
}
