/**
 * Strict JSON (RFC 8259) syntax check that says where the first error is and
 * what was expected, in words that do not depend on the JavaScript engine.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

/**
 * `describeAt` may name what stands at an offset in the student's terms
 * (e.g. an expression the text holds a placeholder for).
 */
export function jsonSyntaxError(text: string, describeAt?: (offset: number) => string | undefined): JsonSyntaxError | undefined {
  const r = new Reader(text, describeAt);
  try {
    r.ws();
    r.value();
    r.ws();
    if (r.i < text.length) r.fail(`unexpected ${r.show()} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof JsonFailure) return { offset: e.offset, message: e.message };
    throw e;
  }
}

class JsonFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'end of text';
  if (ch === '\n') return 'line break';
  if (ch === '\t') return 'tab';
  return `'${ch}'`;
}

class Reader {
  i = 0;
  constructor(
    readonly s: string,
    private readonly describeAt?: (offset: number) => string | undefined,
  ) {}

  /** What stands at the current offset, for messages. */
  show(at = this.i): string {
    return this.describeAt?.(at) ?? describe(this.s[at]);
  }

  fail(message: string, at = this.i): never {
    throw new JsonFailure(at, message);
  }

  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  value(): void {
    const ch = this.s[this.i];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail(`expected a value (a "string", number, object or list) but found ${this.show()}`);
  }

  object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail(`expected a "key" in double quotes but found ${this.show()}`);
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`expected ':' after the key but found ${this.show()}`);
      this.i++;
      this.ws();
      this.value();
      this.ws();
      const ch = this.s[this.i];
      if (ch === '}') {
        this.i++;
        return;
      }
      if (ch !== ',') this.fail(`expected ',' or '}' but found ${this.show()}`);
      this.i++;
      this.ws();
    }
  }

  array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      const ch = this.s[this.i];
      if (ch === ']') {
        this.i++;
        return;
      }
      if (ch !== ',') this.fail(`expected ',' or ']' but found ${this.show()}`);
      this.i++;
      this.ws();
    }
  }

  string(): void {
    const open = this.i;
    this.i++;
    while (this.i < this.s.length) {
      const ch = this.s[this.i];
      if (ch === '"') {
        this.i++;
        return;
      }
      if (ch === '\\') {
        const next = this.s[this.i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
            this.fail('\\u must be followed by four hex digits');
          }
          this.i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) {
          this.fail(`invalid escape: backslash followed by ${this.show(this.i + 1)}`);
        }
        this.i += 2;
        continue;
      }
      if (ch < ' ') this.fail(`${describe(ch)} inside a string (write it as an escape)`);
      this.i++;
    }
    this.fail('string never closed: a double quote is missing', open);
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) this.fail(`malformed number`);
    this.i += m[0].length;
  }
}
