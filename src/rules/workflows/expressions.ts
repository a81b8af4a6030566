/** `${{ … }}` expressions inside a workflow string. */
export interface ExpressionSpan {
  start: number;
  end: number;
  /** The expression between the braces, trimmed: `secrets.DB_PASSWORD`. */
  body: string;
}

export function expressionSpans(text: string): ExpressionSpan[] {
  const spans: ExpressionSpan[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start < 0) return spans;
    const close = text.indexOf('}}', start + 3);
    if (close < 0) return spans;
    spans.push({ start, end: close + 2, body: text.slice(start + 3, close).trim() });
    from = close + 2;
  }
}

/**
 * Replaces every expression by a placeholder of the same length, so offsets in
 * the result are offsets in the original. The placeholder is a number
 * (`10000…`), valid both inside a JSON string and as a bare JSON value.
 */
export function withPlaceholders(text: string): string {
  let out = '';
  let last = 0;
  for (const s of expressionSpans(text)) {
    out += text.slice(last, s.start) + '1' + '0'.repeat(s.end - s.start - 1);
    last = s.end;
  }
  return out + text.slice(last);
}

/** The contexts an expression reads: `secrets`, `vars`, `github`, ... */
export function contextsOf(body: string): string[] {
  const names = new Set<string>();
  const withoutStrings = body.replace(/'(?:[^']|'')*'/g, "''");
  for (const m of withoutStrings.matchAll(/(?<![\w.])([A-Za-z_][\w-]*)\s*(?=[.[])/g)) names.add(m[1]);
  return [...names];
}
