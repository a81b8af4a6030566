import type { Position } from '../model/finding.js';

/**
 * A pip requirements file: one requirement per logical line (a trailing `\`
 * continues it), `#` comments, option lines (`-r`, `--index-url`, ...) skipped.
 */
export interface Requirement {
  name: string;
  extras: string[];
  pos: Position;
}

export interface RequirementsFile {
  path: string;
  requirements: Requirement[];
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/;

export function parseRequirementsTxt(path: string, text: string): RequirementsFile {
  const requirements: Requirement[] = [];
  const lines = (text.startsWith('\ufeff') ? text.slice(1) : text).split('\n');
  let continued = false;
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const wasContinued = continued;
    continued = line.endsWith('\\');
    if (wasContinued) return;
    const start = line.length - line.trimStart().length;
    const rest = line.slice(start);
    if (rest === '' || rest.startsWith('#') || rest.startsWith('-')) return;
    const m = NAME.exec(rest);
    if (!m) return;
    requirements.push({
      name: m[1],
      extras: (m[2] ?? '').split(',').map((e) => e.trim()).filter((e) => e !== ''),
      pos: { line: index + 1, column: start + 1 },
    });
  });
  return { path, requirements };
}
