import { matchBounded, type RegexBounds } from './bounded-regex.js';
import { schemaViolation } from './json-schema.js';
import { describeMatcher } from './describe-matcher.js';
import { isMatcherObject, type Matcher, type MatcherObject, type TypeName } from './types.js';

/**
 * What a matcher says of one value. `undecided` (a number matcher on a
 * string, a pattern over its bounds) never passes, and `not` keeps it
 * undecided: a value that cannot be judged is not taken for a pass.
 */
export type Judgement = { result: 'pass' } | { result: 'fail' | 'undecided'; why: string };

export interface MatchContext {
  /** A value from the stack as a message may show it (redacted, cut, escaped). */
  show(v: unknown): string;
  /** A text from the stack (an error, a path) as a message may show it. */
  showText(s: string): string;
  regex?: RegexBounds;
}

const pass: Judgement = { result: 'pass' };
const fail = (why: string): Judgement => ({ result: 'fail', why });
const undecided = (why: string): Judgement => ({ result: 'undecided', why });

/** Templates are already filled in: the matcher holds plain values. */
export function judge(m: Matcher, v: unknown, ctx: MatchContext): Judgement {
  if (!isMatcherObject(m)) return jsonEqual(v, m) ? pass : fail(`is ${ctx.show(v)}`);
  for (const key of Object.keys(m) as (keyof MatcherObject)[]) {
    const j = judgeKey(key, m, v, ctx);
    if (j.result !== 'pass') return j;
  }
  return pass;
}

function judgeKey(key: keyof MatcherObject, m: MatcherObject, v: unknown, ctx: MatchContext): Judgement {
  const is = () => `is ${ctx.show(v)}`;
  switch (key) {
    case 'eq':
      return jsonEqual(v, m.eq) ? pass : fail(is());
    case 'ne':
      return jsonEqual(v, m.ne) ? fail(is()) : pass;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(key, v, m[key], ctx);
    case 'in':
      return (m.in ?? []).some((x) => jsonEqual(v, x)) ? pass : fail(is());
    case 'nin':
      return (m.nin ?? []).some((x) => jsonEqual(v, x)) ? fail(is()) : pass;
    case 'regex':
      return regex(m.regex!, v, ctx);
    case 'type':
      return ([] as TypeName[]).concat(m.type!).some((t) => hasType(v, t)) ? pass : fail(`is ${typeName(v)} ${ctx.show(v)}`);
    case 'contains':
      return contains(v, m.contains, ctx);
    case 'exists':
      return pass;
    case 'not': {
      const j = judge(m.not!, v, ctx);
      if (j.result === 'undecided') return j;
      return j.result === 'pass' ? fail(`is ${ctx.show(v)}, which is ${describeMatcher(m.not!, ctx.show)}`) : pass;
    }
    case 'anyOf': {
      const all = m.anyOf!.map((a) => judge(a, v, ctx));
      if (all.some((j) => j.result === 'pass')) return pass;
      const open = all.find((j) => j.result === 'undecided');
      return open ?? fail(is());
    }
    case 'schema': {
      const bad = schemaViolation(m.schema, v);
      if (!bad) return pass;
      const why = `${is()}: ${ctx.showText(bad.why)}`;
      return bad.undecided ? undecided(why) : fail(why);
    }
    case 'asNumber': {
      const n = asNumber(v);
      if (n === undefined) return undecided(`is ${ctx.show(v)}, not a number`);
      return judge(m.asNumber!, n, ctx);
    }
    default:
      return undecided(`has an unknown matcher ${String(key)}`);
  }
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', v: unknown, bound: unknown, ctx: MatchContext): Judgement {
  if (typeof bound !== 'number' || !Number.isFinite(bound)) return undecided(`cannot be compared: the expected bound is ${ctx.show(bound)}, not a number`);
  if (typeof v !== 'number') return undecided(`is ${typeName(v)} ${ctx.show(v)}, not a number`);
  const ok = op === 'gt' ? v > bound : op === 'gte' ? v >= bound : op === 'lt' ? v < bound : v <= bound;
  return ok ? pass : fail(`is ${ctx.show(v)}`);
}

function regex(pattern: string, v: unknown, ctx: MatchContext): Judgement {
  if (typeof v !== 'string') return undecided(`is ${typeName(v)} ${ctx.show(v)}, not a string`);
  const r = matchBounded(pattern, v, ctx.regex);
  if ('undecided' in r) return undecided(r.undecided);
  return r.match ? pass : fail(`is ${ctx.show(v)}`);
}

function contains(v: unknown, item: unknown, ctx: MatchContext): Judgement {
  if (typeof v === 'string') {
    if (typeof item !== 'string') return undecided(`is a string; it cannot contain ${ctx.show(item)}`);
    return v.includes(item) ? pass : fail(`is ${ctx.show(v)}`);
  }
  if (Array.isArray(v)) return v.some((x) => jsonEqual(x, item)) ? pass : fail(`is ${ctx.show(v)}`);
  return undecided(`is ${typeName(v)} ${ctx.show(v)}, neither a string nor a list`);
}

export function hasType(v: unknown, t: TypeName): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'null') return v === null;
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return isMatcherObject(v);
  return typeof v === t;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'nothing';
}

/** A number, or a string holding only one (as a Redis reply or a text capture does). */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || !/^\s*-?(?:\d{1,300})(?:\.\d{1,300})?(?:[eE][+-]?\d{1,3})?\s*$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Equality of JSON values: numbers by value (0 and -0 alike), objects by their keys, lists in order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => jsonEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
