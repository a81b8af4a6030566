import { parseTree, ParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/**
 * Strict JSON (RFC 8259) syntax check with an error-tolerant parser
 * (jsonc-parser, comments and trailing commas refused): every error, each
 * with the offset of the character at fault and what was expected, in words
 * that do not depend on the JavaScript engine.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export interface JsonParse {
  errors: JsonSyntaxError[];
  /** The tree as far as it could be read (also when there are errors). */
  tree?: JsonNode;
}

const OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Deeper nesting is refused unread: the parser recurses, and no input may exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * `describeAt` may name what stands at an offset in the student's terms
 * (e.g. an expression the text holds a placeholder for).
 */
export function parseJson(text: string, describeAt?: (offset: number) => string | undefined): JsonParse {
  const tooDeep = depthExceeded(text);
  if (tooDeep !== undefined) return { errors: [{ offset: tooDeep, message: `nested more than ${MAX_JSON_DEPTH} levels deep` }] };
  const raw: ParseError[] = [];
  const tree = parseTree(text, raw, OPTIONS);
  const show = (at: number) => describeAt?.(at) ?? describe(text[at]);
  const errors = raw.map((e) => explain(text, e, show));
  return { errors, ...(tree ? { tree } : {}) };
}

export function jsonSyntaxErrors(text: string, describeAt?: (offset: number) => string | undefined): JsonSyntaxError[] {
  return parseJson(text, describeAt).errors;
}

/** Offset of the first bracket past MAX_JSON_DEPTH, outside strings, if any. */
function depthExceeded(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"' || ch === '\n') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'end of text';
  if (ch === '\n') return 'line break';
  if (ch === '\r') return 'carriage return';
  if (ch === '\t') return 'tab';
  return `'${ch}'`;
}

function explain(text: string, e: ParseError, show: (at: number) => string): JsonSyntaxError {
  const at = e.offset;
  switch (e.error) {
    case ParseErrorCode.InvalidEscapeCharacter: {
      const bad = inString(text, at, e.length, 'escape') ?? at;
      return { offset: bad, message: `invalid escape: backslash followed by ${show(bad + 1)}` };
    }
    case ParseErrorCode.InvalidUnicode:
      return { offset: inString(text, at, e.length, 'unicode') ?? at, message: '\\u must be followed by four hex digits' };
    case ParseErrorCode.InvalidCharacter: {
      const bad = inString(text, at, e.length, 'control') ?? at;
      return { offset: bad, message: `${describe(text[bad])} inside a string (write it as an escape)` };
    }
    case ParseErrorCode.UnexpectedEndOfString: {
      const bad = inString(text, at, e.length, 'control');
      return bad !== undefined && text[bad] !== undefined
        ? { offset: bad, message: `${describe(text[bad])} inside a string (write it as an escape)` }
        : { offset: at, message: 'string never closed: a double quote is missing' };
    }
    case ParseErrorCode.InvalidSymbol:
      return { offset: at, message: `unexpected ${show(at)}` };
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return { offset: at, message: 'malformed number' };
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return { offset: at, message: 'JSON has no comments' };
    case ParseErrorCode.PropertyNameExpected:
      return { offset: at, message: `expected a "key" in double quotes but found ${show(at)}` };
    case ParseErrorCode.ValueExpected:
      return { offset: at, message: `expected a value (a "string", number, object or list) but found ${show(at)}` };
    case ParseErrorCode.ColonExpected:
      return { offset: at, message: `expected ':' after the key but found ${show(at)}` };
    case ParseErrorCode.CommaExpected:
      return { offset: at, message: `expected ',' between two items but found ${show(at)}` };
    case ParseErrorCode.CloseBraceExpected:
      return { offset: at, message: `expected ',' or '}' but found ${show(at)}` };
    case ParseErrorCode.CloseBracketExpected:
      return { offset: at, message: `expected ',' or ']' but found ${show(at)}` };
    case ParseErrorCode.EndOfFileExpected:
      return { offset: at, message: `unexpected ${show(at)} after the end of the JSON value` };
    default:
      return { offset: at, message: 'not valid JSON' };
  }
}

/**
 * The offset of the first fault of a kind inside the string token at
 * [start, start + length): the parser reports string errors at the token's
 * start; this walks the token as JSON defines strings to find the character.
 */
function inString(text: string, start: number, length: number, kind: 'escape' | 'unicode' | 'control'): number | undefined {
  // One past the token: a string cut by a line break ends just before it.
  const end = Math.min(text.length, start + Math.max(length, 1) + 1);
  for (let i = start + 1; i < end; i++) {
    const ch = text[i];
    if (ch === '"') return undefined;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return kind === 'unicode' ? i : undefined;
        i += 5;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) {
        if (kind === 'escape') return i;
      }
      i++;
      continue;
    }
    if (ch < ' ' && kind === 'control') return i;
  }
  return undefined;
}

/** A JSON string token decoded, with the offset in the JSON text of each character. */
export interface DecodedString {
  text: string;
  /** `at[i]` is the offset in the JSON text of the source of `text[i]` (an escape's backslash). */
  at: number[];
}

/**
 * Decodes the string token at [start, start + length) of `json`. Tolerant:
 * an invalid escape keeps its backslash (the shell that runs the command
 * reads it), and a string cut off ends where the token ends.
 */
export function decodeJsonString(json: string, start: number, length: number): DecodedString {
  let text = '';
  const at: number[] = [];
  const end = Math.min(json.length, start + length);
  for (let i = start + 1; i < end; i++) {
    const ch = json[i];
    if (ch === '"') break;
    if (ch !== '\\' || i + 1 >= end) {
      text += ch;
      at.push(i);
      continue;
    }
    const next = json[i + 1];
    const hex = json.slice(i + 2, i + 6);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
      text += String.fromCharCode(parseInt(hex, 16));
      at.push(i);
      i += 5;
      continue;
    }
    if (next in ESCAPES || next === '"' || next === '\\' || next === '/') {
      text += ESCAPES[next] ?? next;
      at.push(i);
    } else {
      // Not a JSON escape: both characters stay, as the author meant them for the shell.
      text += `\\${next}`;
      at.push(i, i + 1);
    }
    i++;
  }
  return { text, at };
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
