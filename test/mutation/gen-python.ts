import { parsePythonSource, type PyToken } from '../../src/parsers/python-source.js';
import { afterLine, label, lineStart, removal, wholeLines, type Variant } from './variant.js';

/**
 * Each top-level simple statement of a Python file (imports, assignments),
 * removed with its lines; and each entry, at every depth, of the dict
 * assigned to `dictName` (DATABASES), e.g. DATABASES.default.NAME.
 * Compound statements (try:, if:) are left whole.
 */
export function pythonRemovals(path: string, text: string, dictName: string): Variant[] {
  const tokens = parsePythonSource(path, text).tokens;
  const out: Variant[] = [];
  for (let first = 0; first < tokens.length; ) {
    let nl = first;
    while (nl < tokens.length && tokens[nl].kind !== 'newline') nl++;
    const head = tokens[first];
    const compound = tokens[nl - 1]?.text === ':';
    if (head.pos.column === 1 && !compound) {
      out.push(removal(path, label(text.slice(head.offset, afterLine(text, head.offset))), text, lineStart(text, head.offset), afterLine(text, tokens[Math.min(nl, tokens.length - 1)].offset)));
    }
    first = nl + 1;
  }
  const at = tokens.findIndex((t, i) => t.text === dictName && tokens[i + 1]?.text === '=' && tokens[i + 2]?.text === '{');
  if (at >= 0) out.push(...entryRemovals(path, text, tokens, at + 2, dictName));
  return out;
}

/** The entries of the dict display opening at token `brace`, then those of the dicts they hold. */
function entryRemovals(path: string, text: string, tokens: PyToken[], brace: number, at: string): Variant[] {
  const out: Variant[] = [];
  let depth = 0;
  let start = brace + 1;
  for (let i = brace + 1; i < tokens.length; i++) {
    const t = tokens[i];
    const closes = depth === 0 && t.text === '}';
    if (depth === 0 && (t.text === ',' || closes) && i > start) {
      const key = tokens[start];
      const here = `${at}.${key.value ?? key.text}`;
      const end = t.text === ',' ? t.offset + 1 : tokens[i - 1].offset + tokens[i - 1].text.length;
      out.push(removal(path, here, text, ...wholeLines(text, key.offset, end)));
      if (tokens[start + 2]?.text === '{') out.push(...entryRemovals(path, text, tokens, start + 2, here));
      start = i + 1;
    }
    if (closes) break;
    if (['(', '[', '{'].includes(t.text)) depth++;
    if ([')', ']', '}'].includes(t.text)) depth--;
  }
  return out;
}
