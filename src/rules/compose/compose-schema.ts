import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { schemaPath } from '../../paths.js';

/**
 * The vendored Compose Specification schema (schemas/compose-spec.schema.json,
 * see schemas/NOTICE.md), compiled once with Ajv in draft-07 mode.
 */
export type JsonSchema = Record<string, unknown>;

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

function loadSchema(): JsonSchema {
  const schema = JSON.parse(readFileSync(schemaPath('compose-spec.schema.json'), 'utf8')) as JsonSchema;
  // The file spells the draft-07 meta-schema URI in a way Ajv does not know.
  return { ...schema, $schema: DRAFT_07 };
}

export const composeSchema: JsonSchema = loadSchema();

// verbose: errors carry the failing value, the keyword's schema and its parent schema.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateRoot: ValidateFunction = ajv.compile(composeSchema);

/** Every schema error of a compose document (already a plain JS value). */
export function validateCompose(data: unknown): ErrorObject[] {
  return validateRoot(data) ? [] : [...(validateRoot.errors ?? [])];
}

const branchValidators = new WeakMap<object, ValidateFunction>();

/**
 * Validates a value against one branch of a oneOf/anyOf taken from the
 * compose schema. Branches refer to `#/definitions/...`, so they are compiled
 * together with the schema's definitions.
 */
export function validateBranch(branch: unknown, value: unknown): ErrorObject[] {
  if (typeof branch === 'boolean') return branch ? [] : [falseSchemaError(value)];
  const key = branch as object;
  let validate = branchValidators.get(key);
  if (!validate) {
    validate = ajv.compile({ ...(branch as JsonSchema), definitions: composeSchema.definitions });
    branchValidators.set(key, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function falseSchemaError(value: unknown): ErrorObject {
  return { keyword: 'false schema', instancePath: '', schemaPath: '#', params: {}, message: 'boolean schema is false', data: value };
}
