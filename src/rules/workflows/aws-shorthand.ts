/**
 * Syntax check of the AWS CLI "shorthand" form of a parameter value, e.g.
 * `commands=["docker pull \"$IMAGE\"", "docker stop api"]`: a port of the
 * grammar of awscli's ShorthandParser (key=value pairs, explicit lists,
 * hash literals, quoted values with `\"` and `\\` escapes).
 */
export interface ShorthandError {
  offset: number;
  message: string;
}

const WHITESPACE = ' \t\n\r\v\f';
const SINGLE_QUOTED = /^'(?:\\\\|\\'|[^'])*'/;
const DOUBLE_QUOTED = /^"(?:\\\\|\\"|[^"])*"/;
const FIRST_VALUE =
  /^(?:\\,|[\x21\x23-\x26\x28-\x2B\x2D-\x3C\x3E-\x5A\x5C-\x7A\x7C-\uFFFF])(?:\\,|[\x21\x23-\x26\x28-\x2B\x2D-\x5C\x5E-\x7C\x7E-\uFFFF])*/;

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** `describeAt` as for jsonSyntaxError. */
export function shorthandSyntaxError(text: string, describeAt?: (offset: number) => string | undefined): ShorthandError | undefined {
  const p = new Parser(text, describeAt);
  try {
    p.parameter();
    return undefined;
  } catch (e) {
    if (e instanceof Failure) return { offset: e.offset, message: e.message };
    throw e;
  }
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the value';
  if (ch === '\n') return 'a line break';
  return `'${ch}'`;
}

/** A value of a shorthand parameter, as written (quotes included), under its top-level key. */
export interface ShorthandValue {
  key: string;
  start: number;
  end: number;
}

/** The values of a shorthand parameter (`commands=["a","b"]`), or undefined when it does not parse. */
export function shorthandValues(text: string): ShorthandValue[] | undefined {
  const p = new Parser(text);
  try {
    p.parameter();
    return p.values;
  } catch (e) {
    if (e instanceof Failure) return undefined;
    throw e;
  }
}

/** Deeper lists and maps are refused: the parser recurses, and no input may exhaust the stack. */
const MAX_DEPTH = 64;

class Parser {
  i = 0;
  readonly values: ShorthandValue[] = [];
  private key = '';
  private depth = 0;
  constructor(
    readonly s: string,
    private readonly describeAt?: (offset: number) => string | undefined,
  ) {}

  private show(at = this.i): string {
    return this.describeAt?.(at) ?? describe(this.s[at]);
  }

  parameter(): void {
    this.keyval();
    while (this.i < this.s.length) {
      this.expect(',', true);
      this.keyval();
    }
  }

  private keyval(): void {
    const start = this.i;
    while (this.i < this.s.length && /[A-Za-z0-9]/.test(this.s[this.i])) this.i++;
    if (this.i === start) throw new Failure(this.i, `expected a parameter name (e.g. commands=) but found ${this.show()}`);
    this.key = this.s.slice(start, this.i);
    this.expect('=', true);
    const ch = this.s[this.i];
    if (ch === '[') this.explicitList();
    else if (ch === '{') this.hashLiteral();
    else this.csvValues();
  }

  /** `a,b,c` up to the next `key=`: only its characters are checked. */
  private csvValues(): void {
    for (;;) {
      this.firstValue();
      this.ws();
      if (this.s[this.i] !== ',') return;
      const comma = this.i;
      this.i++;
      this.ws();
      if (/^[A-Za-z0-9]+\s*=/.test(this.s.slice(this.i))) {
        this.i = comma;
        return;
      }
    }
  }

  private explicitList(): void {
    this.expect('[', true);
    while (this.s[this.i] !== ']') {
      if (this.i >= this.s.length) throw new Failure(this.i, `expected ']' to close the list but found ${describe(undefined)}`);
      this.explicitValue();
      this.ws();
      if (this.s[this.i] !== ']') {
        this.expect(',');
        this.ws();
      }
    }
    this.expect(']');
  }

  private hashLiteral(): void {
    this.expect('{', true);
    while (this.s[this.i] !== '}') {
      if (this.i >= this.s.length) throw new Failure(this.i, `expected '}' to close the map but found ${describe(undefined)}`);
      const start = this.i;
      while (this.i < this.s.length && /[A-Za-z0-9]/.test(this.s[this.i])) this.i++;
      if (this.i === start) throw new Failure(this.i, `expected a key but found ${this.show()}`);
      this.expect('=', true);
      this.explicitValue();
      this.ws();
      if (this.s[this.i] !== '}') {
        this.expect(',');
        this.ws();
      }
    }
    this.expect('}');
  }

  private explicitValue(): void {
    const ch = this.s[this.i];
    if (ch !== '[' && ch !== '{') return this.firstValue();
    if (++this.depth > MAX_DEPTH) throw new Failure(this.i, `lists and maps nested more than ${MAX_DEPTH} levels deep`);
    if (ch === '[') this.explicitList();
    else this.hashLiteral();
    this.depth--;
  }

  private firstValue(): void {
    const ch = this.s[this.i];
    const rest = this.s.slice(this.i);
    if (ch === "'" || ch === '"') {
      const m = (ch === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED).exec(rest);
      if (!m) throw new Failure(this.i, `the quoted value starting here is never closed`);
      this.values.push({ key: this.key, start: this.i, end: this.i + m[0].length });
      this.i += m[0].length;
      return;
    }
    const m = FIRST_VALUE.exec(rest);
    if (m) {
      this.values.push({ key: this.key, start: this.i, end: this.i + m[0].length });
      this.i += m[0].length;
    }
  }

  private expect(ch: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.ws();
    const actual = this.s[this.i];
    if (actual !== ch) throw new Failure(this.i, `expected '${ch}' but found ${this.show()}`);
    this.i++;
    if (consumeWhitespace) this.ws();
  }

  private ws(): void {
    while (this.i < this.s.length && WHITESPACE.includes(this.s[this.i])) this.i++;
  }
}

/**
 * A shorthand value decoded as the AWS CLI does: quotes removed, `\"` / `\'`
 * and `\\` unescaped inside them, `\,` in a bare value; other backslashes
 * stay. `at[i]` is the offset in `text` of the source of character i.
 */
export function decodeShorthandValue(text: string, v: ShorthandValue): { text: string; at: number[] } {
  const quote = text[v.start] === '"' || text[v.start] === "'" ? text[v.start] : undefined;
  const from = quote ? v.start + 1 : v.start;
  const to = quote ? v.end - 1 : v.end;
  let out = '';
  const at: number[] = [];
  for (let i = from; i < to; i++) {
    const next = text[i + 1];
    const escaped = text[i] === '\\' && i + 1 < to && (quote ? next === quote || next === '\\' : next === ',');
    if (escaped) i++;
    out += text[i];
    at.push(escaped ? i - 1 : i);
  }
  return { text: out, at };
}
