import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schemaPath } from '../paths.js';
import { schemaProblems } from './schema-check.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath('scenario.schema.json'), 'utf8'));
const sample = parse(readFileSync(new URL('./testdata/rock-of-ages.scenario.yaml', import.meta.url), 'utf8'));

describe('schemas/scenario.schema.json', () => {
  it('compiles in strict mode (types, tuples, keywords), and the same body compiles as draft 2020-12', () => {
    const { Ajv } = require('ajv') as typeof import('ajv');
    const Ajv2020 = (require('ajv/dist/2020') as typeof import('ajv/dist/2020.js')).default;
    const draft07 = new Ajv({ strict: true, strictRequired: false, allErrors: true }).compile(schema);
    const { $schema: _draft, ...body } = schema;
    const draft2020 = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }).compile(body);
    for (const validate of [draft07, draft2020]) {
      expect(validate(sample)).toBe(true);
      expect(validate({ ...sample, roles: {} })).toBe(false);
    }
  });

  it('names each place with its own message', () => {
    const bad = { ...sample, roles: { 'my-role': {} }, criteria: { 'rc-1': { phase: 'seed', steps: [{ http: { role: 'api', path: '/' }, retry: { count: 2, interval: '5m' } }] } } };
    expect(schemaProblems(bad)).toEqual([
      { pointer: '/roles/my-role', message: 'is not a name: letters, digits and _, not starting with a digit, at most 40' },
      { pointer: '/criteria/rc-1', message: 'is not a criterion ID such as RC-RT005 (capitals and digits, a dash in between)' },
      { pointer: '/criteria/rc-1/steps/0/retry/interval', message: 'must be milliseconds (500) or a duration ("500ms", "2s") up to 60 s' },
    ]);
  });
});
