import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../paths.js';
import { sampleKinds, sampleReport } from '../report/sample.js';
import { ajvFor, readSchema, schemaNames, standaloneValidatorCode, type SchemaName } from './schema-validators.js';

const require = createRequire(import.meta.url);

/** The validator the build writes (dist/validators/NAME.cjs), evaluated as Node would load it. */
function standalone(name: SchemaName): ValidateFunction {
  const module = { exports: {} as ValidateFunction };
  new Function('module', 'exports', 'require', standaloneValidatorCode(name))(module, module.exports, require);
  return module.exports;
}

function outcome(validate: ValidateFunction, data: unknown) {
  const valid = validate(data);
  return { valid, errors: validate.errors ?? null };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

function documents(files: string[]): unknown[] {
  const out: unknown[] = [];
  for (const f of files) {
    try {
      out.push(parse(readFileSync(f, 'utf8'), { merge: true, maxAliasCount: 1000 }));
    } catch {
      // YAML syntax errors and non-UTF-8 files are other rules' business.
    }
  }
  return out;
}

function brokenCopies<T>(base: T, edits: ((d: any) => void)[]): unknown[] {
  return edits.map((edit) => {
    const d = structuredClone(base);
    edit(d);
    return d;
  });
}

const composeDocs = documents([
  ...yamlFiles(join(packageRoot, 'src/rules/compose/testdata')),
  ...yamlFiles(join(packageRoot, 'fixtures')).filter((f) => /compose/.test(f)),
]);
const profileDocs = documents(yamlFiles(join(packageRoot, 'profiles')));
const samples: Record<SchemaName, unknown[]> = {
  compose: composeDocs,
  profile: [
    ...profileDocs,
    ...brokenCopies(profileDocs[0], [
      (p) => delete p.criteria,
      (p) => (p.criteria[0].points = 'three'),
      (p) => (p.criteria[0].level = 'optional'),
      (p) => (p.unknown = true),
    ]),
  ],
  report: [
    ...sampleKinds.map(sampleReport),
    ...brokenCopies(sampleReport('fail'), [
      (r) => (r.startedAt = 'yesterday'),
      (r) => (r.criteria[1].earned = 1),
      (r) => delete r.criteria[1].findings[0].line,
      (r) => (r.grade = 'A'),
    ]),
  ],
};

describe.each(schemaNames)('the standalone %s validator', (name) => {
  const compiled = ajvFor(name).compile(readSchema(name));
  const built = standalone(name);

  it('has valid and invalid samples to compare on', () => {
    const verdicts = samples[name].map((d) => compiled(d));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it('gives the same verdict and the same errors as the schema compiled by Ajv', () => {
    for (const data of samples[name]) expect(outcome(built, data)).toEqual(outcome(compiled, data));
  });
});
