import { redactSecrets } from '../model/redact.js';
import { visibleLine } from '../model/visible-text.js';

/**
 * The secrets of one run: values the submission's settings hold, tokens
 * sent, captures marked `secret`. Every text a message quotes goes through
 * `text` or `value`: redacted, cut to a length, control characters escaped.
 */
export class Secrets {
  private readonly values = new Set<string>();

  constructor(known: Iterable<string> = []) {
    for (const v of known) this.add(v);
  }

  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= 4) this.values.add(value);
    else if (typeof value === 'number') this.add(String(value));
  }

  redact(text: string): string {
    return redactSecrets(text, this.values);
  }

  /** A text as a message may show it: redacted first, then cut to `max` characters, then escaped. */
  text(text: string, max: number): string {
    const clean = this.redact(text);
    const chars = Array.from(clean);
    return visibleLine(chars.length > max ? `${chars.slice(0, max).join('')}…` : clean);
  }

  /** A JSON value as a message may show it. */
  value(v: unknown, max: number): string {
    return this.text(jsonText(v), max);
  }
}

/** JSON text of any value; never throws (a document nested too deep, a cycle). */
export function jsonText(v: unknown): string {
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Array.isArray(v) ? '[…]' : '{…}';
  }
}
