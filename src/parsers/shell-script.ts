import type { Position } from '../model/finding.js';
import { LineIndex, type SourceProblem } from './text-position.js';

/**
 * A POSIX/bash script split into simple commands with positioned words:
 * quotes ('...', "...", $'...'), backslash escapes and line continuations,
 * comments, `$(...)` / backquotes / `${...}` kept inside their word, command
 * separators (newline ; & && || |), redirections (dropped with their target)
 * and here-documents (skipped). Carriage returns are read as blanks but
 * counted, since bash itself would keep them in the last word of each line.
 */
export interface ShellWord {
  /** The word with quotes and escapes removed (expansions left as written). */
  text: string;
  pos: Position;
}

export interface ShellCommand {
  words: ShellWord[];
  pos: Position;
}

export interface ShellScript {
  path: string;
  text: string;
  commands: ShellCommand[];
  /** The first line when it starts with `#!`. */
  shebang?: string;
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
  crCount: number;
  firstCr?: Position;
  problems: SourceProblem[];
}

export function parseShellScript(path: string, text: string): ShellScript {
  return new ShellReader(path, text).read();
}

class ShellReader {
  private readonly lines: LineIndex;
  private i: number;
  private readonly commands: ShellCommand[] = [];
  private readonly problems: SourceProblem[] = [];
  private words: ShellWord[] = [];
  private word: { text: string; start: number } | undefined;
  private skipNextWord = false;
  private readonly heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  private crCount = 0;
  private firstCr: number | undefined;
  private readonly bom: boolean;

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.bom = text.startsWith('\ufeff');
    this.i = this.bom ? 1 : 0;
  }

  read(): ShellScript {
    const t = this.text;
    const firstLine = t.slice(this.i).split('\n')[0].replace(/\r$/, '');
    for (let j = 0; j < t.length; j++) {
      if (t.charCodeAt(j) !== 13) continue;
      this.crCount++;
      this.firstCr ??= j;
    }
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '\r') {
        this.endWord();
        this.i++;
      } else if (c === '\n') {
        this.endWord();
        this.endCommand();
        this.i++;
        this.skipHeredocBodies();
      } else if (c === ' ' || c === '\t') {
        this.endWord();
        this.i++;
      } else if (c === '#' && !this.word) {
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
      } else if (c === '\\') {
        this.backslash();
      } else if (c === "'") {
        this.singleQuoted(this.i + 1);
      } else if (c === '$' && t[this.i + 1] === "'") {
        this.ansiQuoted();
      } else if (c === '"') {
        this.doubleQuoted();
      } else if (c === '$' && (t[this.i + 1] === '(' || t[this.i + 1] === '{')) {
        this.appendVerbatim(this.matching(this.i + 1));
      } else if (c === '`') {
        this.appendVerbatim(this.matchingBackquote(this.i));
      } else if (c === '<' || c === '>' || (c === '&' && t[this.i + 1] === '>')) {
        this.redirection();
      } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        this.endWord();
        this.endCommand();
        this.i += t[this.i + 1] === c ? 2 : 1;
      } else {
        this.append(c);
        this.i++;
      }
    }
    this.endWord();
    this.endCommand();
    return {
      path: this.path,
      text: this.text,
      commands: this.commands,
      ...(firstLine.startsWith('#!') ? { shebang: firstLine } : {}),
      bom: this.bom,
      crCount: this.crCount,
      ...(this.firstCr !== undefined ? { firstCr: this.lines.position(this.firstCr) } : {}),
      problems: this.problems,
    };
  }

  private append(s: string, at = this.i): void {
    this.word ??= { text: '', start: at };
    this.word.text += s;
  }

  private endWord(): void {
    if (!this.word) return;
    if (this.skipNextWord) this.skipNextWord = false;
    else this.words.push({ text: this.word.text, pos: this.lines.position(this.word.start) });
    this.word = undefined;
  }

  private endCommand(): void {
    if (this.words.length > 0) this.commands.push({ words: this.words, pos: this.words[0].pos });
    this.words = [];
    this.skipNextWord = false;
  }

  private backslash(): void {
    const t = this.text;
    const next = t[this.i + 1];
    if (next === '\n') {
      this.i += 2;
    } else if (next === '\r' && t[this.i + 2] === '\n') {
      this.i += 3;
    } else if (next !== undefined) {
      this.append(next);
      this.i += 2;
    } else {
      this.i++;
    }
  }

  private singleQuoted(from: number): void {
    const start = this.i;
    const close = this.text.indexOf("'", from);
    if (close < 0) {
      this.problems.push({ position: this.lines.position(start), message: 'single quote is never closed' });
      this.append(this.text.slice(from), start);
      this.i = this.text.length;
      return;
    }
    this.append(this.text.slice(from, close), start);
    this.i = close + 1;
  }

  private ansiQuoted(): void {
    this.i++;
    this.singleQuoted(this.i + 1);
  }

  private doubleQuoted(): void {
    const t = this.text;
    const start = this.i;
    this.append('', start);
    let j = this.i + 1;
    while (j < t.length && t[j] !== '"') {
      if (t[j] === '\\' && j + 1 < t.length) {
        const n = t[j + 1];
        if (n === '\n') {
          j += 2;
          continue;
        }
        this.append('$`"\\'.includes(n) ? n : `\\${n}`);
        j += 2;
      } else if (t[j] === '$' && t[j + 1] === '(') {
        const end = this.matching(j + 1);
        this.append(t.slice(j, end));
        j = end;
      } else {
        this.append(t[j]);
        j++;
      }
    }
    if (j >= t.length) this.problems.push({ position: this.lines.position(start), message: 'double quote is never closed' });
    this.i = j + 1;
  }

  /** Offset just past the bracket matching the one at `open`, quotes respected. */
  private matching(open: number): number {
    const t = this.text;
    const openCh = t[open];
    const closeCh = openCh === '(' ? ')' : '}';
    let depth = 0;
    for (let j = open; j < t.length; j++) {
      const c = t[j];
      if (c === '\\') j++;
      else if (c === "'" && openCh === '(') {
        const close = t.indexOf("'", j + 1);
        j = close < 0 ? t.length : close;
      } else if (c === openCh) depth++;
      else if (c === closeCh && --depth === 0) return j + 1;
    }
    this.problems.push({ position: this.lines.position(open), message: `'${openCh}' is never closed` });
    return t.length;
  }

  private matchingBackquote(open: number): number {
    const t = this.text;
    for (let j = open + 1; j < t.length; j++) {
      if (t[j] === '\\') j++;
      else if (t[j] === '`') return j + 1;
    }
    this.problems.push({ position: this.lines.position(open), message: 'backquote is never closed' });
    return t.length;
  }

  private appendVerbatim(end: number): void {
    this.append(this.text.slice(this.i, end));
    this.i = end;
  }

  /** `[n]>file`, `>>`, `2>&1`, `&>`, `<file`, `<<EOF`: the target is not an argument. */
  private redirection(): void {
    const t = this.text;
    if (this.word && /^\d+$/.test(this.word.text)) this.word = undefined;
    this.endWord();
    if (t.startsWith('<<', this.i) && t[this.i + 2] !== '<') {
      const stripTabs = t[this.i + 2] === '-';
      this.i += stripTabs ? 3 : 2;
      while (t[this.i] === ' ' || t[this.i] === '\t') this.i++;
      let delimiter = '';
      while (this.i < t.length && !/[\s;&|<>]/.test(t[this.i])) {
        if (t[this.i] !== "'" && t[this.i] !== '"' && t[this.i] !== '\\') delimiter += t[this.i];
        this.i++;
      }
      if (delimiter) this.heredocs.push({ delimiter, stripTabs });
      return;
    }
    while (this.i < t.length && '<>&|'.includes(t[this.i])) this.i++;
    this.skipNextWord = true;
  }

  private skipHeredocBodies(): void {
    const t = this.text;
    while (this.heredocs.length > 0) {
      const { delimiter, stripTabs } = this.heredocs.shift()!;
      for (;;) {
        if (this.i >= t.length) {
          this.problems.push({ position: this.lines.position(t.length), message: `here-document is never ended by ${JSON.stringify(delimiter)}` });
          return;
        }
        const nl = t.indexOf('\n', this.i);
        const end = nl < 0 ? t.length : nl;
        let line = t.slice(this.i, end).replace(/\r$/, '');
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.i = nl < 0 ? t.length : nl + 1;
        if (line === delimiter) break;
      }
    }
  }
}
