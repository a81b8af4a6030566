/**
 * Reads an env file the way Docker Compose does (`env_file:`): KEY=VALUE
 * lines, optional `export `, `#` comment lines, single quotes (literal),
 * double quotes (escapes), and ` #` inline comments after unquoted values.
 * Every entry keeps the 1-based line and column of its value.
 */
export interface DotenvEntry {
  key: string;
  /** undefined for a bare `KEY` line: compose then takes the value from the shell. */
  value: string | undefined;
  line: number;
  column: number;
}

export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*(=\s*)?(.*)$/.exec(raw);
    if (!m || raw.trim().startsWith('#')) return;
    const [, lead, key, eq, rest] = m;
    if (eq === undefined) {
      if (rest.trim() === '') out.push({ key, value: undefined, line: i + 1, column: lead.length + 1 });
      return;
    }
    const column = lead.length + key.length + (raw.slice(lead.length + key.length).length - rest.length) + 1;
    out.push({ key, value: unquote(rest), line: i + 1, column });
  });
  return out;
}

function unquote(rest: string): string {
  if (rest.startsWith("'")) {
    const end = rest.indexOf("'", 1);
    return end < 0 ? rest.slice(1) : rest.slice(1, end);
  }
  if (rest.startsWith('"')) {
    let value = '';
    for (let i = 1; i < rest.length; i++) {
      const c = rest[i];
      if (c === '"') break;
      if (c === '\\' && i + 1 < rest.length) {
        const n = rest[++i];
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else {
        value += c;
      }
    }
    return value;
  }
  return rest.replace(/\s+#.*$/, '').trimEnd();
}

/** The last value of each key (later lines win, as in compose). */
export function dotenvValues(entries: DotenvEntry[]): Map<string, DotenvEntry> {
  return new Map(entries.map((e) => [e.key, e]));
}
