import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import type { FormatName } from 'ajv-formats';
import { schemaPath } from '../paths.js';

/**
 * rock-check's JSON Schemas (schemas/*.json) and the Ajv options each is
 * validated with. The schema files stay the single source: `npm run build`
 * compiles each into a standalone validator (dist/validators/NAME.cjs, see
 * scripts/build-validators.mjs) so that a run does not compile them again;
 * from the sources, or without that file, they are compiled when first used.
 */
export const schemaNames = ['compose', 'report', 'profile'] as const;
export type SchemaName = (typeof schemaNames)[number];
export type JsonSchema = Record<string, unknown>;

interface SchemaSpec {
  file: string;
  options: Options;
  /** ajv-formats formats the schema uses. */
  formats?: FormatName[];
}

const specs: Record<SchemaName, SchemaSpec> = {
  // verbose: errors carry the failing value, the keyword's schema and its parent schema.
  compose: { file: 'compose-spec.schema.json', options: { allErrors: true, strict: false, verbose: true } },
  report: { file: 'report.schema.json', options: { allErrors: true, strict: true }, formats: ['date-time'] },
  profile: { file: 'profile.schema.json', options: { allErrors: true } },
};

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export function readSchema(name: SchemaName): JsonSchema {
  const schema = JSON.parse(readFileSync(schemaPath(specs[name].file), 'utf8')) as JsonSchema;
  // The compose file spells the draft-07 meta-schema URI in a way Ajv does not know.
  return name === 'compose' ? { ...schema, $schema: DRAFT_07 } : schema;
}

/** Ajv is loaded only when something is compiled at run time. */
const require = createRequire(import.meta.url);

/** An Ajv instance with the schema's options (and formats), for compiling it or parts of it. */
export function ajvFor(name: SchemaName, extra: Options = {}): Ajv {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ ...specs[name].options, ...extra });
  const formats = specs[name].formats;
  // ajv-formats is CommonJS: its plugin is the `default` property.
  if (formats) (require('ajv-formats') as typeof import('ajv-formats')).default(ajv, formats);
  return ajv;
}

/** The JavaScript (CommonJS) of the schema's standalone validator, as the build writes it. */
export function standaloneValidatorCode(name: SchemaName): string {
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone/index.js')).default;
  const ajv = ajvFor(name, { code: { source: true } });
  return standaloneCode(ajv, ajv.compile(readSchema(name)));
}

/** dist/validators/ when this module runs from dist/src/validation/. */
export const generatedDir = fileURLToPath(new URL('../../validators/', import.meta.url));
export const generatedFile = (name: SchemaName) => `${generatedDir}${name}.cjs`;

const validators = new Map<SchemaName, ValidateFunction>();

/** The schema's validator: the build's standalone one when present, else compiled now. */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const file = generatedFile(name);
    validate = existsSync(file) ? (require(file) as ValidateFunction) : ajvFor(name).compile(readSchema(name));
    validators.set(name, validate);
  }
  return validate;
}
