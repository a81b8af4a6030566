import type { Position } from '../model/finding.js';

/**
 * An env file (`.env`, `.env.local`, `.env.example`, compose `env_file:`),
 * read line by line with positions. Two readers matter and they disagree:
 * `docker run --env-file` takes everything after the first '=' literally
 * (quotes and `# comments` included), while Compose strips quotes and a
 * comment that follows whitespace. Both readings are kept.
 */
export interface EnvEntry {
  key: string;
  keyPos: Position;
  /** The value as Compose reads it: quotes removed, inline comment stripped, trimmed. */
  value: string;
  /** The value as `docker run --env-file` reads it: everything after the first '='. */
  rawValue: string;
  valuePos: Position;
  /** Where a `#` that starts an inline comment sits, when there is one. */
  inlineComment?: Position;
  quoted: boolean;
}

export interface EnvFile {
  path: string;
  entries: EnvEntry[];
}

export function parseEnvFile(path: string, text: string): EnvFile {
  const entries: EnvEntry[] = [];
  const lines = (text.startsWith('\ufeff') ? text.slice(1) : text).split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineNo = index + 1;
    const keyStart = line.length - line.trimStart().length;
    if (keyStart === line.length || line[keyStart] === '#') return;
    const eq = line.indexOf('=');
    if (eq < 0) return;
    let key = line.slice(keyStart, eq).trim();
    if (key.startsWith('export ')) key = key.slice('export '.length).trim();
    const valueStart = eq + 1;
    const rawValue = line.slice(valueStart);
    const { value, quoted, commentAt } = readValue(rawValue);
    entries.push({
      key,
      keyPos: { line: lineNo, column: keyStart + 1 },
      value,
      rawValue,
      valuePos: { line: lineNo, column: valueStart + 1 + (rawValue.length - rawValue.trimStart().length) },
      ...(commentAt !== undefined ? { inlineComment: { line: lineNo, column: valueStart + commentAt + 1 } } : {}),
      quoted,
    });
  });
  return { path, entries };
}

/** Splits a raw value into its Compose meaning and the offset of an inline comment. */
function readValue(raw: string): { value: string; quoted: boolean; commentAt?: number } {
  const lead = raw.length - raw.trimStart().length;
  const q = raw[lead];
  if (q === '"' || q === "'") {
    let j = lead + 1;
    while (j < raw.length && raw[j] !== q) j += raw[j] === '\\' && q === '"' ? 2 : 1;
    if (j < raw.length) {
      const value = raw.slice(lead + 1, j);
      const hash = raw.indexOf('#', j + 1);
      return { value, quoted: true, ...(hash >= 0 ? { commentAt: hash } : {}) };
    }
  }
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] === '#' && j > 0 && (raw[j - 1] === ' ' || raw[j - 1] === '\t')) {
      return { value: raw.slice(0, j).trim(), quoted: false, commentAt: j };
    }
  }
  return { value: raw.trim(), quoted: false };
}
