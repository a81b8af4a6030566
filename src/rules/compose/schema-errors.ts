import type { ErrorObject } from 'ajv';
import { closest } from '../../model/suggest.js';
import type { PathSegment } from '../../parsers/yaml-source.js';
import { composeSchema, validateBranch, validateCompose } from './compose-schema.js';

/**
 * Turns Ajv's raw output for a compose file into the problems a student can
 * act on: one entry per real mistake, worded in compose terms, pointing at
 * the key (unknown or missing keys) or at the value (wrong type or value).
 *
 * Ajv with allErrors reports, for a failed oneOf/anyOf, the errors of every
 * branch plus the oneOf error itself. Those are pruned: each outermost
 * failed oneOf/anyOf replaces every error at or below its value by the
 * explanation of its best branch (see explainComposite).
 */
export interface SchemaProblem {
  path: PathSegment[];
  /** Point at the key of `path` (unknown or misplaced keys) or at its value. */
  at: 'key' | 'value';
  message: string;
  hint?: string;
}

export function composeSchemaProblems(data: unknown): SchemaProblem[] {
  return translateErrors(pruneErrors(validateCompose(data)), data);
}

export function translateErrors(errors: ErrorObject[], data: unknown): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    const p = translateError(e, data);
    const id = `${p.path.join('\u0000')}\u0001${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(p);
  }
  return out;
}

type Revalidate = (branch: unknown, value: unknown) => ErrorObject[];

const isComposite = (e: ErrorObject) => e.keyword === 'oneOf' || e.keyword === 'anyOf';

/**
 * Replaces the errors of every failed oneOf/anyOf by the explanation of its
 * best branch. Relies on the compose schema keeping each oneOf/anyOf alone in
 * its schema node (a test checks this), so that every error at or below the
 * composite's value comes from that composite.
 */
export function pruneErrors(errors: ErrorObject[], revalidate: Revalidate = validateBranch): ErrorObject[] {
  const composites = errors.filter(isComposite);
  const compositePaths = new Set(composites.map((c) => c.instancePath));
  const outermost = new Map<string, ErrorObject>();
  for (const c of composites) {
    if (!ancestors(c.instancePath).some((a) => compositePaths.has(a))) outermost.set(c.instancePath, c);
  }
  const roots = [...outermost.values()];
  const kept = errors.filter((e) => !outermost.has(e.instancePath) && !ancestors(e.instancePath).some((a) => outermost.has(a)));
  return [...kept, ...roots.flatMap((c) => explainComposite(c, revalidate))];
}

/** The JSON pointers above a pointer, without itself: `/a/b` → `/a`, ``. Lookups in a set keep pruning linear. */
function ancestors(pointer: string): string[] {
  const out: string[] = [];
  for (let i = pointer.lastIndexOf('/'); i >= 0; i = pointer.lastIndexOf('/', i - 1)) {
    out.push(pointer.slice(0, i));
    if (i === 0) break;
  }
  return out;
}

/**
 * Each branch is validated on its own against the value. Branches that fail
 * only because the value has another type (a string where the branch wants a
 * list) say nothing useful; if every branch is like that, one summarised type
 * error lists all accepted types. Otherwise the branch whose errors reach
 * deepest into the value (the one the student evidently meant) is reported,
 * itself pruned the same way.
 */
export function explainComposite(c: ErrorObject, revalidate: Revalidate = validateBranch): ErrorObject[] {
  const branches = c.schema;
  const passing = (c.params as { passingSchemas?: unknown }).passingSchemas;
  if (!Array.isArray(branches) || Array.isArray(passing)) return [c];
  const results = branches.map((b) =>
    pruneErrors(revalidate(b, c.data), revalidate).map((e) => ({ ...e, instancePath: c.instancePath + e.instancePath })),
  );
  if (results.some((r) => r.length === 0)) return [c];
  const mismatch = (r: ErrorObject[]) => r.length === 1 && r[0].keyword === 'type' && r[0].instancePath === c.instancePath;
  const meant = results.filter((r) => !mismatch(r));
  if (meant.length === 0) {
    const types = [...new Set(results.flatMap((r) => typesOf(r[0])))];
    return [{ ...results[0][0], params: { type: types }, schemaPath: c.schemaPath }];
  }
  const depth = (r: ErrorObject[]) => Math.max(...r.map((e) => e.instancePath.split('/').length));
  return meant.reduce((best, r) => (depth(r) > depth(best) || (depth(r) === depth(best) && r.length < best.length) ? r : best));
}

function typesOf(e: ErrorObject): string[] {
  const t = (e.params as { type?: string | string[] }).type;
  return Array.isArray(t) ? t : String(t).split(',');
}

/** JSON pointer to path segments; indexes become numbers where the data is a list. */
export function decodePointer(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

const ENTITY: Record<string, string> = {
  services: 'service',
  volumes: 'volume',
  networks: 'network',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

function keyPath(segs: PathSegment[]): string {
  let s = '';
  let afterIndex = false;
  for (const seg of segs) {
    if (typeof seg === 'number') {
      s = `${s} item ${seg + 1}`;
      afterIndex = true;
    } else {
      s = s === '' ? seg : `${s}${afterIndex ? ', ' : '.'}${seg}`;
      afterIndex = false;
    }
  }
  return s;
}

/** What a path names, in words: `healthcheck.test of service "db"`. */
export function describePath(path: PathSegment[]): string {
  if (path.length === 0) return 'the compose file';
  const [section, name, ...rest] = path;
  const entity = ENTITY[String(section)];
  if (entity && name !== undefined) {
    const owner = `${entity} "${name}"`;
    return rest.length === 0 ? owner : `${keyPath(rest)} of ${owner}`;
  }
  return `"${keyPath(path)}"`;
}

const where = (path: PathSegment[]) => (path.length === 0 ? 'at the top level' : `in ${describePath(path)}`);

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'empty',
};

function orList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function actualType(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return `a ${typeof v}`;
}

function translateError(e: ErrorObject, data: unknown): SchemaProblem {
  const path = decodePointer(e.instancePath, data);
  const subject = describePath(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownKey(path, String(params.additionalProperty), e.parentSchema as Schemaish | undefined, e.data);
    case 'required':
      return { path, at: 'key', message: `${subject} is missing the required key "${params.missingProperty}"; add it` };
    case 'type': {
      const expected = orList(typesOf(e).map((t) => TYPE_WORDS[t] ?? t));
      const fix = typeFix(typesOf(e), e.data, path);
      return { path, at: 'value', message: `${subject} must be ${expected}, not ${actualType(e.data)}${fix ? `; ${fix}` : ''}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const near = closest(String(e.data), allowed);
      return {
        path,
        at: 'value',
        message: `${subject} is ${JSON.stringify(e.data)}; allowed values: ${allowed.join(', ')}`,
        hint: near ? `did you mean "${near}"?` : undefined,
      };
    }
    case 'pattern':
      return { path, at: 'value', message: `${subject} ${JSON.stringify(e.data)} does not have the required form; it must match ${params.pattern}` };
    case 'uniqueItems':
      return {
        path: [...path, Number(params.i)],
        at: 'value',
        message: `${subject} repeats an entry (items ${Number(params.j) + 1} and ${Number(params.i) + 1} are identical); remove one`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, at: 'value', message: `${subject} must be ${params.comparison} ${params.limit}` };
    case 'oneOf':
    case 'anyOf':
      return Array.isArray(params.passingSchemas)
        ? { path, at: 'value', message: `${subject} matches more than one accepted form; write it in one form only` }
        : { path, at: 'value', message: `${subject} does not match any accepted form` };
    default:
      return { path, at: 'value', message: `${subject} ${e.message ?? 'is not valid'}` };
  }
}

interface Schemaish {
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, unknown>;
}

const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';

const SERVICE_KEYS = Object.keys(
  ((composeSchema.definitions as Record<string, Schemaish>).service.properties ?? {}) as Record<string, unknown>,
);

function unknownKey(path: PathSegment[], key: string, parent: Schemaish | undefined, owner: unknown): SchemaProblem {
  const at = [...path, key];
  const patterns = Object.keys(parent?.patternProperties ?? {});
  if (!parent?.properties && patterns.length > 0 && !patterns.includes('^x-')) {
    const rule = patterns.includes(NAME_PATTERN) ? 'use only letters, digits, ".", "_" and "-"' : `names must match ${patterns.join(' or ')}`;
    return { path: at, at: 'key', message: `name "${key}" is not allowed ${where(path)}; ${rule}` };
  }
  const known = Object.keys(parent?.properties ?? {});
  const problem = `additional property "${key}" is not allowed ${where(path)}`;
  const value = owner && typeof owner === 'object' ? (owner as Record<string, unknown>)[key] : undefined;
  const nested = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const said = (fix: string, hint?: string): SchemaProblem => ({ path: at, at: 'key', message: `${problem}; ${fix}`, ...(hint ? { hint } : {}) });
  if (nested.length > 0 && nested.every((k) => known.includes(k))) {
    return said(
      `move ${nested.join(', ')} up one level and delete the "${key}:" line`,
      `${nested.join(', ')} ${nested.length > 1 ? 'are settings' : 'is a setting'} of ${describePath(path)} itself`,
    );
  }
  if (path.length === 0 && nested.some((k) => SERVICE_KEYS.includes(k))) return said('it looks like a service: indent it under services:');
  if (path.length > 2 && path[0] === 'services' && SERVICE_KEYS.includes(key) && !known.includes(key)) {
    return said(`"${key}" is a setting of the service itself: indent it at the level of the service's other keys`);
  }
  const near = closest(key, known);
  if (near) return said(`did you mean "${near}"?`);
  return said('remove it', patterns.includes('^x-') ? 'custom keys must start with "x-"' : undefined);
}

function typeFix(expected: string[], value: unknown, path: PathSegment[]): string | undefined {
  if (value === null || value === undefined) return 'fill it in or remove the key';
  const key = String(path[path.length - 1]);
  if (expected.includes('string') && typeof value === 'number' && /interval|timeout|period/.test(key)) {
    return `durations need a unit, e.g. ${key}: ${value}s`;
  }
  if (expected.includes('array') && !expected.includes('string') && typeof value === 'string') {
    return 'write each entry on its own line starting with "- ", or in brackets [...]';
  }
  if (expected.includes('string') && !expected.includes('object') && isPlainObject(value)) {
    const owner = typeof key === 'string' && /^\d+$/.test(key) ? String(path[path.length - 2]) : key;
    return KEY_VALUE_LISTS.includes(owner)
      ? 'write list entries as KEY=value, without ": "'
      : 'an unquoted ": " starts a mapping; put the whole value in quotes';
  }
  if (expected.includes('string') && typeof value === 'boolean') return `put it in quotes ("${value}") if it is meant as text`;
  return undefined;
}

/** Settings whose list form holds KEY=value strings. */
const KEY_VALUE_LISTS = ['environment', 'args', 'labels', 'annotations', 'sysctls', 'extra_hosts'];

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
