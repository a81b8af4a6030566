import type { Position } from '../model/finding.js';
import { LineIndex, type SourceProblem } from './text-position.js';

/**
 * Strict JSON (RFC 8259, as Python's json module reads it) with a position on
 * every value and key, and the first syntax error positioned where it is.
 */
export type JsonNode =
  | { kind: 'object'; entries: JsonEntry[]; pos: Position }
  | { kind: 'array'; items: JsonNode[]; pos: Position }
  | { kind: 'string'; value: string; pos: Position }
  | { kind: 'number'; value: number; pos: Position }
  | { kind: 'boolean'; value: boolean; pos: Position }
  | { kind: 'null'; pos: Position };

export interface JsonEntry {
  key: string;
  keyPos: Position;
  value: JsonNode;
}

export interface JsonSource {
  path: string;
  /** Absent when the text is not valid JSON. */
  root?: JsonNode;
  error?: SourceProblem;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseJsonSource(path: string, text: string): JsonSource {
  const lines = new LineIndex(text);
  const reader = new JsonReader(text, lines);
  try {
    if (text.startsWith('\ufeff')) throw new JsonSyntaxError(0, 'the file starts with a byte order mark (save it as UTF-8 without BOM)');
    const root = reader.document();
    return { path, root };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { path, error: { position: lines.position(e.offset), message: e.message } };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const MAX_DEPTH = 500;

class JsonReader {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  document(): JsonNode {
    this.blank();
    if (this.i >= this.text.length) throw new JsonSyntaxError(this.i, 'the file is empty; expected a JSON value');
    const v = this.value();
    this.blank();
    if (this.i < this.text.length) throw new JsonSyntaxError(this.i, `unexpected ${this.describe()} after the end of the JSON value`);
    return v;
  }

  private blank(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  private describe(): string {
    if (this.i >= this.text.length) return 'end of file';
    return JSON.stringify(this.text[this.i]);
  }

  private value(): JsonNode {
    const t = this.text;
    const pos = this.lines.position(this.i);
    const c = t[this.i];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) throw new JsonSyntaxError(this.i, `nested more than ${MAX_DEPTH} levels deep`);
      const node = c === '{' ? this.object(pos) : this.array(pos);
      this.depth--;
      return node;
    }
    if (c === '"') return { kind: 'string', value: this.string(), pos };
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true, pos }],
      ['false', { kind: 'boolean', value: false, pos }],
      ['null', { kind: 'null', pos }],
    ] as const) {
      if (t.startsWith(word, this.i)) {
        this.i += word.length;
        return node;
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(t);
    if (m) {
      this.i += m[0].length;
      return { kind: 'number', value: Number(m[0]), pos };
    }
    throw new JsonSyntaxError(this.i, `expected a JSON value, found ${this.describe()}`);
  }

  private object(pos: Position): JsonNode {
    this.i++;
    const entries: JsonEntry[] = [];
    this.blank();
    if (this.text[this.i] === '}') {
      this.i++;
      return { kind: 'object', entries, pos };
    }
    for (;;) {
      this.blank();
      if (this.text[this.i] !== '"') {
        const trailing = this.text[this.i] === '}' && entries.length > 0;
        throw new JsonSyntaxError(this.i, trailing ? 'trailing comma before "}"' : `expected a "quoted" key, found ${this.describe()}`);
      }
      const keyPos = this.lines.position(this.i);
      const key = this.string();
      this.blank();
      if (this.text[this.i] !== ':') throw new JsonSyntaxError(this.i, `expected ':' after key ${JSON.stringify(key)}, found ${this.describe()}`);
      this.i++;
      this.blank();
      entries.push({ key, keyPos, value: this.value() });
      this.blank();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] === '}') {
        this.i++;
        return { kind: 'object', entries, pos };
      }
      throw new JsonSyntaxError(this.i, `expected ',' or '}', found ${this.describe()}`);
    }
  }

  private array(pos: Position): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.blank();
    if (this.text[this.i] === ']') {
      this.i++;
      return { kind: 'array', items, pos };
    }
    for (;;) {
      this.blank();
      if (this.text[this.i] === ']' && items.length > 0) throw new JsonSyntaxError(this.i, 'trailing comma before "]"');
      items.push(this.value());
      this.blank();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] === ']') {
        this.i++;
        return { kind: 'array', items, pos };
      }
      throw new JsonSyntaxError(this.i, `expected ',' or ']', found ${this.describe()}`);
    }
  }

  private string(): string {
    const t = this.text;
    const start = this.i;
    let j = this.i + 1;
    let out = '';
    while (j < t.length && t[j] !== '"') {
      const c = t[j];
      if (c === '\n' || c.charCodeAt(0) < 0x20) throw new JsonSyntaxError(j, 'control character or line break inside a string');
      if (c === '\\') {
        const n = t[j + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (n !== undefined && simple[n] !== undefined) {
          out += simple[n];
          j += 2;
        } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(j + 2, j + 6))) {
          out += String.fromCharCode(parseInt(t.slice(j + 2, j + 6), 16));
          j += 6;
        } else {
          throw new JsonSyntaxError(j, 'invalid escape in a string');
        }
        continue;
      }
      out += c;
      j++;
    }
    if (j >= t.length) throw new JsonSyntaxError(start, 'string is never closed');
    this.i = j + 1;
    return out;
  }
}
