import type { ErrorObject } from 'ajv';
import { schemaValidator } from '../validation/schema-validators.js';

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
  const validate = schemaValidator('report');
  if (validate(report)) return [];
  // `if`/`then` adds a summary error next to the precise one: keep the precise one.
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
}
