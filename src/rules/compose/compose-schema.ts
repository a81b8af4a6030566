import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { ajvFor, readSchema, schemaValidator, type JsonSchema } from '../../validation/schema-validators.js';

export type { JsonSchema };

/**
 * The vendored Compose Specification schema (schemas/compose-spec.schema.json,
 * see schemas/NOTICE.md); its validator and Ajv options are in
 * src/validation/schema-validators.ts.
 */
export const composeSchema: JsonSchema = readSchema('compose');

/** Every schema error of a compose document (already a plain JS value). */
export function validateCompose(data: unknown): ErrorObject[] {
  const validateRoot = schemaValidator('compose');
  return validateRoot(data) ? [] : [...(validateRoot.errors ?? [])];
}

const branchValidators = new WeakMap<object, ValidateFunction>();
let branchAjv: Ajv | undefined;

/**
 * Validates a value against one branch of a oneOf/anyOf taken from the
 * compose schema. Branches refer to `#/definitions/...`, so they are compiled
 * together with the schema's definitions, when an error first needs them.
 */
export function validateBranch(branch: unknown, value: unknown): ErrorObject[] {
  if (typeof branch === 'boolean') return branch ? [] : [falseSchemaError(value)];
  const key = branch as object;
  let validate = branchValidators.get(key);
  if (!validate) {
    branchAjv ??= ajvFor('compose');
    validate = branchAjv.compile({ ...(branch as JsonSchema), definitions: composeSchema.definitions });
    branchValidators.set(key, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function falseSchemaError(value: unknown): ErrorObject {
  return { keyword: 'false schema', instancePath: '', schemaPath: '#', params: {}, message: 'boolean schema is false', data: value };
}
