#!/usr/bin/env node
// Part of `npm run build`, after tsc: compiles each of rock-check's JSON
// Schemas into a standalone Ajv validator (dist/validators/NAME.cjs), which
// dist/src/validation/schema-validators.js loads instead of compiling the
// schema on every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { generatedDir, generatedFile, schemaNames, standaloneValidatorCode } from '../dist/src/validation/schema-validators.js';

mkdirSync(generatedDir, { recursive: true });
for (const name of schemaNames) writeFileSync(generatedFile(name), `${standaloneValidatorCode(name)}\n`);
