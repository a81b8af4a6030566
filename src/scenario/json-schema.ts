import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { matchBounded } from './bounded-regex.js';

const require = createRequire(import.meta.url);

/** A pattern of a profile's schema that could not be run on a value within its bounds. */
export class PatternUndecided extends Error {}

/** Ajv runs a schema's `pattern` and `patternProperties` through the bounded runner. */
const boundedEngine: RegExpEngine = Object.assign(
  (pattern: string) => ({
    test(s: string): boolean {
      const r = matchBounded(pattern, s);
      if ('undecided' in r) throw new PatternUndecided(r.undecided);
      return r.match !== null;
    },
    toString: () => `/${pattern}/u`,
  }),
  { code: 'boundedRegExp' },
);

function freshAjv(): Ajv {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, code: { regExp: boundedEngine } });
  (require('ajv-formats') as typeof import('ajv-formats')).default(ajv);
  return ajv;
}

const compiled = new Map<string, ValidateFunction | string>();

/** A profile's JSON Schema compiled (once per distinct schema), or why it cannot be. */
export function compileSchema(schema: unknown): ValidateFunction | string {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (v === undefined) {
    try {
      // A fresh instance per schema: two schemas of a profile may use the same $id.
      v = freshAjv().compile(schema as object);
    } catch (e) {
      v = `is not a usable JSON Schema: ${(e as Error).message.split('\n')[0]}`;
    }
    compiled.set(key, v);
  }
  return v;
}

/** Whether a value is valid: undefined when it is, else the first reason it is not. */
export function schemaViolation(schema: unknown, value: unknown): { why: string; undecided?: boolean } | undefined {
  const validate = compileSchema(schema);
  if (typeof validate === 'string') return { why: `the schema ${validate}`, undecided: true };
  try {
    if (validate(value)) return undefined;
  } catch (e) {
    if (e instanceof PatternUndecided) return { why: e.message, undecided: true };
    throw e;
  }
  const e = validate.errors?.[0];
  return { why: e ? `${e.instancePath === '' ? 'it' : e.instancePath} ${e.message}` : 'it is not valid against the schema' };
}
