/**
 * Plain-text helpers for the terminal format: word wrapping with a hanging
 * indent, and neutralising control characters that a submission's content
 * could smuggle into a message (terminal escape sequences).
 */

/** Control characters (C0 except tab/newline, DEL, C1) shown as `\xNN` / `\uNNNN`. */
export function visibleControls(text: string): string {
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Wraps text at spaces so that no line exceeds `width` (a single word longer
 * than the room left stays whole). The first line starts with `first`, the
 * others with `rest`; line breaks in the text start new lines.
 */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let prefix = first;
  for (const paragraph of text.split(/\r?\n|\r/)) {
    let line = prefix;
    let empty = true;
    for (const word of paragraph.split(' ')) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = rest + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    lines.push(line.trimEnd());
    prefix = rest;
  }
  return lines;
}

/** `left` and `right` on one line, `right` ending at column `width` (at least one space between). */
export function spread(left: string, right: string, width: number): string {
  return `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;
}

export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
