/**
 * Text that came from a submission (file and service names, quoted lines,
 * container logs) shown with its control characters as visible escapes: a
 * terminal escape sequence, a carriage return that overwrites a line, a line
 * break that would start a forged `::error::` workflow command or a Markdown
 * block, a bidirectional override that reorders what a reader sees. Every
 * report format prints the same escapes.
 */
const controls = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(ch: string): string {
  const code = ch.charCodeAt(0);
  return named[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * GitHub's runner reads a log line as a workflow command when, after leading
 * whitespace, it starts with `::` (or the older `##[`), so such a line from
 * a submission gets its first character escaped: `\x3a:error::…`.
 */
export function defuseCommand(line: string): string {
  return line.replace(/^(\s*)(?::(?=:)|#(?=#\[))/, (m, space: string) => `${space}\\x${m.charCodeAt(space.length).toString(16)}`);
}

/** One line: every control character escaped, line breaks included (`\n`, `\x1b`, `\u202e`). */
export function visibleLine(text: string): string {
  return defuseCommand(text.replace(controls, escaped));
}

/** Several lines (a hint quoting log lines): line breaks kept as LF, every other control escaped. */
export function visibleLines(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map(visibleLine)
    .join('\n');
}
