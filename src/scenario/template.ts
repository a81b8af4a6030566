/**
 * Templates in a scenario's strings: `{{name}}`, `{{name.field.0}}` (a
 * capture, or a fixture's capture) and `{{$run}}`, `{{$rand}}`. Nothing
 * else: no filters, no expressions.
 */
export interface Ref {
  /** A capture or fixture name, or `$run` / `$rand`. */
  root: string;
  fields: (string | number)[];
  /** As written, for messages: `me.token`. */
  text: string;
}

export type Part = string | Ref;

const refSyntax = /^\s*(\$run|\$rand|[A-Za-z_][A-Za-z0-9_]*)((?:\.(?:[A-Za-z_][A-Za-z0-9_]*|0|[1-9][0-9]{0,5}))*)\s*$/;

/** The text and template parts of a string, or why it is not a valid template. */
export function parseTemplate(s: string): { parts: Part[] } | { error: string } {
  const parts: Part[] = [];
  let rest = s;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) return { error: 'has "{{" without "}}"' };
    const inner = rest.slice(open + 2, close);
    const m = refSyntax.exec(inner);
    if (!m) return { error: `has {{${inner}}}, which is not {{capture.field}}, {{$run}} or {{$rand}}` };
    const fields = m[2] === '' ? [] : m[2].slice(1).split('.').map((f) => (/^\d+$/.test(f) ? Number(f) : f));
    if (m[1].startsWith('$') && fields.length > 0) return { error: `has {{${inner.trim()}}}: ${m[1]} has no fields` };
    parts.push({ root: m[1], fields, text: inner.trim() });
    rest = rest.slice(close + 2);
  }
  return { parts };
}

export function hasTemplate(s: string): boolean {
  return s.includes('{{');
}

/** A value a template could not be given, and why. */
export class MissingValue extends Error {}

export interface RenderOptions {
  /** The value a reference stands for; throws MissingValue when it has none. */
  resolve(ref: Ref): unknown;
  /** How a value inside a longer string is written (e.g. percent-encoded in a URL path). */
  encode?(text: string): string;
}

/**
 * A string with its templates filled in. A string that is one template and
 * nothing else keeps the type of the value (`"{{before.n}}"` gives 3, not
 * "3"); inside a longer string a value is written as text (objects as JSON).
 */
export function renderString(s: string, opts: RenderOptions): unknown {
  if (!hasTemplate(s)) return s;
  const parsed = parseTemplate(s);
  if ('error' in parsed) throw new MissingValue(`"${s}" ${parsed.error}`);
  const { parts } = parsed;
  if (parts.length === 1 && typeof parts[0] !== 'string') return opts.resolve(parts[0]);
  return parts.map((p) => (typeof p === 'string' ? p : (opts.encode ?? ((t) => t))(asText(opts.resolve(p))))).join('');
}

/** Every string in a JSON-like value rendered; keys are left alone. */
export function renderValue(value: unknown, opts: RenderOptions): unknown {
  if (typeof value === 'string') return renderString(value, opts);
  if (Array.isArray(value)) return value.map((v) => renderValue(v, opts));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, opts)]));
  }
  return value;
}

export function asText(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Follows a reference's fields into a value; undefined when a field is not there. */
export function follow(value: unknown, fields: (string | number)[]): unknown {
  let v = value;
  for (const f of fields) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, f)) return undefined;
    v = (v as Record<string | number, unknown>)[f];
  }
  return v;
}
