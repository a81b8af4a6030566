/** One change to a file of the submission, relative to its root. */
export type Change =
  | { op: 'write'; path: string; text: string }
  | { op: 'remove'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'chmod'; path: string; mode: number };

/** The good submission with one construct removed or broken, or spelt another way the course accepts. */
export interface Variant {
  /** `remove <file> › <construct>` for generated variants; a sentence for the named ones. */
  id: string;
  changes: Change[];
  /** Graded as a plain folder, not as git repositories (the default is git, as a clone is). */
  plain?: boolean;
}

/** The submission's files as they are before any change: path → text (every file of the good fixture is UTF-8). */
export type Texts = ReadonlyMap<string, string>;

/** `text` without [start, end). */
export function cut(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(end);
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the newline ending the line holding `offset` (the text's end on its last line). */
export function afterLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * [start, end) widened to whole lines when only blanks (or a trailing comment)
 * share them, so that removing it leaves no empty line; when something comes
 * before it on its line (a YAML "- "), the line break stays.
 */
export function wholeLines(text: string, start: number, end: number): [number, number] {
  const from = lineStart(text, start);
  const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
  if (!/^\s*(#.*)?$/.test(text.slice(end, lineEnd))) return [start, end];
  return /^\s*$/.test(text.slice(from, start)) ? [from, afterLine(text, end)] : [start, lineEnd];
}

/** An item of a flow collection with the comma that separates it from the next one (or the previous one). */
export function flowSpan(text: string, start: number, end: number): [number, number] {
  const after = /^\s*,\s*/.exec(text.slice(end));
  if (after) return [start, end + after[0].length];
  const before = /\s*,\s*$/.exec(text.slice(0, start));
  return before ? [start - before[0].length, end] : [start, end];
}

/** A variant removing the text [start, end) of one file. */
export function removal(path: string, construct: string, text: string, start: number, end: number): Variant {
  return { id: `remove ${path} › ${construct}`, changes: [{ op: 'write', path, text: cut(text, start, end) }] };
}

/** A construct's label: its first line, shortened. */
export function label(source: string, max = 60): string {
  const first = source.trim().split('\n')[0].trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
