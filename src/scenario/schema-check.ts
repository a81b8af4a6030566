import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaPath } from '../paths.js';
import { pointerTo, type Problem } from './problems.js';

const require = createRequire(import.meta.url);
let validator: ValidateFunction | undefined;

/** schemas/scenario.schema.json, compiled on first use. */
function validate(): ValidateFunction {
  if (!validator) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    validator = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(schemaPath('scenario.schema.json'), 'utf8')));
  }
  return validator;
}

const kinds = 'http, sql, redis, exec, inspect, connect, isolation, recreate, restart or use';

/** What the schema says about a scenario, one problem per place, in the words a profile author needs. */
export function schemaProblems(input: unknown): Problem[] {
  const v = validate();
  if (v(input)) return [];
  // ajv reports an error inside propertyNames twice: once as the name's own error, once as propertyNames.
  const errors = (v.errors ?? []).filter((e) => e.keyword !== 'if' && (e.propertyName === undefined || e.keyword === 'propertyNames'));
  const kept = errors.filter((e, i) => !isBranchNoise(e, i, errors));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of kept) {
    const p = problemOf(e);
    const key = `${p.pointer}\u0000${p.message}`;
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  }
  return out;
}

function nameMessage(at: string): string {
  if (/\/steps\/\d+$/.test(at)) return 'a use step takes no other key';
  if (at === '/criteria') return 'is not a criterion ID such as RC-RT005 (capitals and digits, a dash in between)';
  if (at.endsWith('/headers')) return 'is not a header name (letters, digits and dashes)';
  if (/\/hints\/status$/.test(at)) return 'is not a status (403) or a class (5xx)';
  if (/\/hints\/sqlstate$/.test(at)) return 'is not a SQLSTATE (42P01) or its class (42)';
  return 'is not a name: letters, digits and _, not starting with a digit, at most 40';
}

const branchKeywords = new Set(['required', 'type', 'pattern', 'enum', 'const', 'minimum', 'maximum', 'minLength', 'maxLength', 'format', 'anyOf', 'oneOf']);
const isUnion = (e: ErrorObject) => e.keyword === 'anyOf' || e.keyword === 'oneOf';

/**
 * An anyOf/oneOf explains itself: what its branches said about the same
 * value is noise (their schema paths may lie elsewhere, behind a $ref).
 * Of several unions on one value, the last (the outermost) speaks.
 */
function isBranchNoise(e: ErrorObject, i: number, all: ErrorObject[]): boolean {
  const unions = all.map((u, j) => ({ u, j })).filter(({ u }) => isUnion(u) && u.instancePath === e.instancePath);
  if (unions.length === 0) return false;
  const outermost = unions[unions.length - 1].j;
  if (i === outermost) return false;
  const insideInline = unions.some(({ u }) => u !== e && e.schemaPath.startsWith(`${u.schemaPath}/`));
  return insideInline || branchKeywords.has(e.keyword);
}

function problemOf(e: ErrorObject): Problem {
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: pointerTo(at, String(params.additionalProperty)), message: 'is not a key this object takes' };
    case 'required':
      return { pointer: at, message: `lacks "${String(params.missingProperty)}"` };
    case 'propertyNames':
      return { pointer: pointerTo(at, String(params.propertyName)), message: nameMessage(at) };
    case 'false schema':
      return { pointer: at, message: 'is not allowed on this kind of step' };
    case 'oneOf':
      if (/\/steps\/\d+$/.test(at)) return { pointer: at, message: `a step has exactly one kind: ${kinds}` };
      if (/\/capture\/[^/]+$/.test(at)) return { pointer: at, message: 'a capture takes exactly one source: json, header, regex or request' };
      return { pointer: at, message: 'matches none or several of its forms' };
    case 'anyOf':
      return { pointer: at, message: anyOfMessage(e) };
    case 'const':
      if (at.endsWith('/exists')) return { pointer: at, message: 'exists only takes true; a path that must have no node says count: 0' };
      return { pointer: at, message: e.message ?? 'is not the expected value' };
    case 'not':
      return { pointer: at, message: 'an http step sends json or text, not both' };
    default:
      return { pointer: at, message: e.message ?? `fails ${e.keyword}` };
  }
}

/** What a value of an anyOf may be, by the key that holds it. */
function anyOfMessage(e: ErrorObject): string {
  const tokens = e.instancePath.split('/');
  const key = /^\d+$/.test(tokens[tokens.length - 1]) ? tokens[tokens.length - 2] : tokens[tokens.length - 1];
  if (['gt', 'gte', 'lt', 'lte'].includes(key)) return 'must be a number or a whole template such as "{{before.n}}"';
  if (key === 'status') return 'must be a status (200), a class ("2xx") or a list of them';
  if (key === 'interval') return 'must be milliseconds (500) or a duration ("500ms", "2s") up to 60 s';
  if (key === 'count') return 'must be a count (0, 3) or a matcher such as {gte: 1}';
  if (key === 'type') return 'must be a type name (string, number, integer, boolean, null, array, object) or a list of them';
  return e.message ?? 'matches none of its forms';
}
