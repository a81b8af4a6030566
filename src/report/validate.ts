import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { schemaPath } from '../paths.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    // ajv-formats is CommonJS: under NodeNext its plugin is the `default` property.
    ajvFormats.default(ajv, ['date-time']);
    compiled = ajv.compile(JSON.parse(readFileSync(schemaPath('report.schema.json'), 'utf8')));
  }
  return compiled;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where} must not have property '${String(params.additionalProperty)}'`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return e.schemaPath.includes('/then/')
        ? `${where} must be ${JSON.stringify(params.allowedValue)} when status is not 'pass'`
        : `${where} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${where} ${e.message ?? `fails ${e.keyword}`}`;
  }
}

/**
 * Checks a report against schemas/report.schema.json. Returns every problem,
 * one line each (JSON pointer, then what is wrong); empty when valid.
 */
export function validateReport(report: unknown): string[] {
  const validate = validator();
  if (validate(report)) return [];
  // `if`/`then` adds a summary error next to the precise one: keep the precise one.
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
}
