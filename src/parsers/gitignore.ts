import type { Position } from '../model/finding.js';

/**
 * A `.gitignore` file with git's matching rules: the last matching pattern
 * decides, `!` re-includes, a trailing `/` matches directories only, a pattern
 * with a `/` before its end is anchored to the file's folder, `*` `?` `[...]`
 * and `**` are globs, and nothing below an excluded directory can be re-included.
 */
export interface IgnorePattern {
  /** The pattern as written (without the `!`). */
  pattern: string;
  negated: boolean;
  dirOnly: boolean;
  pos: Position;
  regex: RegExp;
}

export interface Gitignore {
  path: string;
  patterns: IgnorePattern[];
}

/** Longer lines cannot name a real path (PATH_MAX); they are ignored rather than compiled. */
const MAX_PATTERN = 4096;

export function parseGitignore(path: string, text: string): Gitignore {
  const patterns: IgnorePattern[] = [];
  (text.startsWith('\ufeff') ? text.slice(1) : text).split('\n').forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    line = trimUnescapedTrailingSpaces(line);
    if (line === '' || line.startsWith('#')) return;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const pattern = line;
    let dirOnly = false;
    if (line.endsWith('/') && line.length > 1) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '' || line.length > MAX_PATTERN) return;
    const body = globToRegex(line);
    patterns.push({
      pattern,
      negated,
      dirOnly,
      pos: { line: index + 1, column: 1 },
      regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`),
    });
  });
  return { path, patterns };
}

function trimUnescapedTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === glob.length) out += '.*';
        else out += '(?:.*/)?';
        i += 2;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let set = glob.slice(i + 1, close);
      if (set.startsWith('!')) set = `^${set.slice(1)}`;
      out += `[${set.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

export interface IgnoreVerdict {
  ignored: boolean;
  /** The pattern that decided: the last one matching the path or a parent folder. */
  decidedBy?: IgnorePattern;
}

/** Whether a file (path relative to the .gitignore's folder) is ignored. */
export function isIgnored(gi: Gitignore, file: string): IgnoreVerdict {
  const parts = file.split('/');
  for (let n = 1; n < parts.length; n++) {
    const verdict = lastMatch(gi, parts.slice(0, n).join('/'), true);
    if (verdict.ignored) return verdict;
  }
  return lastMatch(gi, file, false);
}

function lastMatch(gi: Gitignore, path: string, isDir: boolean): IgnoreVerdict {
  for (let k = gi.patterns.length - 1; k >= 0; k--) {
    const p = gi.patterns[k];
    if (p.dirOnly && !isDir) continue;
    if (p.regex.test(path)) return { ignored: !p.negated, decidedBy: p };
  }
  return { ignored: false };
}
