/**
 * A small POSIX-shell word splitter for `run:` scripts: enough to find a
 * command's arguments as bash would see them (quotes removed, line
 * continuations joined), with the script offset of every character kept so a
 * problem inside an argument can be positioned in the file.
 */
export interface ShellWord {
  text: string;
  /** `offsets[i]` is the script offset of `text[i]`. */
  offsets: number[];
  /** Script offset where the word starts (its first quote, if quoted). */
  start: number;
  /** Offset of a quote that is never closed, if any. */
  unterminatedQuote?: number;
  /**
   * The first unquoted, unescaped character after a single-quoted part of
   * the word (`'…'x`), with the offset of the `'` that closed the quote
   * before it: in `'{"a":"b='$SECRET'"}'` the shell expands $SECRET unquoted.
   */
  unquotedAfterSingleQuote?: { close: number; at: number };
}

interface WordState extends ShellWord {
  lastSingleClose?: number;
}

/** Commands of a script, each a list of words. */
export function shellCommands(script: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  let word: WordState | undefined;
  const endWord = () => {
    if (word) {
      const { lastSingleClose: _closed, ...done } = word;
      words.push(done);
    }
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  const add = (ch: string, at: number) => {
    word ??= { text: '', offsets: [], start: at };
    word.text += ch;
    word.offsets.push(at);
  };
  const open = (at: number) => {
    word ??= { text: '', offsets: [], start: at };
  };

  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    if (ch === '\\') {
      const next = script[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && script[i + 2] === '\n') i += 3;
      else if (next === undefined) i += 1;
      else {
        add(next, i + 1);
        i += 2;
      }
    } else if (ch === "'") {
      open(i);
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      for (let k = i + 1; k < end; k++) add(script[k], k);
      if (close < 0) word!.unterminatedQuote = i;
      else word!.lastSingleClose = close;
      i = end + 1;
    } else if (ch === '"') {
      const at = i;
      open(at);
      i = doubleQuoted(script, at, add, () => (word!.unterminatedQuote = at));
    } else if (ch === '#' && !word) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (ch === '\n' || ch === ';' || ch === '&' || ch === '|') {
      endCommand();
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
    } else {
      if (word?.lastSingleClose !== undefined) word.unquotedAfterSingleQuote ??= { close: word.lastSingleClose, at: i };
      add(ch, i);
      i++;
    }
  }
  endCommand();
  return commands;
}

/** Reads a double-quoted string starting at `open`; returns the offset after it. */
function doubleQuoted(script: string, open: number, add: (ch: string, at: number) => void, unterminated: () => void): number {
  let i = open + 1;
  while (i < script.length) {
    const ch = script[i];
    if (ch === '"') return i + 1;
    if (ch === '\\' && i + 1 < script.length) {
      const next = script[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if ('$`"\\'.includes(next)) {
        add(next, i + 1);
        i += 2;
        continue;
      }
    }
    add(ch, i);
    i++;
  }
  unterminated();
  return i;
}
