import ignore, { type Ignore } from 'ignore';
import type { Position } from '../model/finding.js';

/**
 * A `.gitignore` file, matched as git matches it by the `ignore` library (the
 * last matching pattern decides, `!` re-includes, a trailing `/` matches
 * folders only, nothing below an excluded folder can be re-included). The
 * library compiles each pattern itself, without backtracking on runs of `*`
 * and without throwing on a range such as `[z-a]`; each pattern keeps its
 * line for findings.
 */
export interface IgnorePattern {
  /** The pattern as written (without the `!`). */
  pattern: string;
  negated: boolean;
  dirOnly: boolean;
  pos: Position;
  /** The line as git reads it (trailing CR removed). */
  source: string;
}

export interface Gitignore {
  path: string;
  patterns: IgnorePattern[];
  matcher: Ignore;
}

/** Longer lines cannot name a real path (PATH_MAX); they are left out rather than compiled. */
const MAX_PATTERN = 4096;

export function parseGitignore(path: string, text: string): Gitignore {
  const patterns: IgnorePattern[] = [];
  (text.startsWith('\ufeff') ? text.slice(1) : text).split('\n').forEach((rawLine, index) => {
    const source = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    let line = trimUnescapedTrailingSpaces(source);
    if (line === '' || line.startsWith('#') || line.length > MAX_PATTERN) return;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    if (line === '' || line === '/') return;
    patterns.push({ pattern: line, negated, dirOnly: line.endsWith('/') && line.length > 1, pos: { line: index + 1, column: 1 }, source });
  });
  const matcher = ignore().add(patterns.map((p) => ({ pattern: p.source, mark: String(patterns.indexOf(p)) })));
  return { path, patterns, matcher };
}

function trimUnescapedTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

export interface IgnoreVerdict {
  ignored: boolean;
  /** The pattern that decided: the last one matching the path or a parent folder. */
  decidedBy?: IgnorePattern;
}

/** Whether a file (path relative to the .gitignore's folder) is ignored. */
export function isIgnored(gi: Gitignore, file: string): IgnoreVerdict {
  if (!ignore.isPathValid(file)) return { ignored: false };
  const result = gi.matcher.test(file);
  if (result.ignored) {
    const decidedBy = result.rule?.mark === undefined ? undefined : gi.patterns[Number(result.rule.mark)];
    return { ignored: true, ...(decidedBy ? { decidedBy } : {}) };
  }
  if (!result.unignored) return { ignored: false };
  const reIncluding = [...gi.patterns].reverse().find((p) => p.negated && matchesAlone(p, file));
  return { ignored: false, ...(reIncluding ? { decidedBy: reIncluding } : {}) };
}

/** Whether one pattern, on its own and without its `!`, matches a path. */
export function matchesAlone(p: IgnorePattern, path: string): boolean {
  return ignore.isPathValid(path) && ignore().add(p.negated ? p.source.slice(1) : p.source).ignores(path);
}

/** Whether a folder-only pattern (`name/`) would match `path` were it a folder. */
export function matchesAsFolder(p: IgnorePattern, path: string): boolean {
  return ignore.isPathValid(path) && ignore().add(p.source).ignores(`${path}/`);
}
