import { assignmentsTo, dictEntry, type PythonSource } from '../../parsers/python-source.js';
import type { Blocker } from '../rule.js';
import type { ConfigInput } from './input.js';
import { shortName } from './report-finding.js';

/** Engines that are certainly not PostgreSQL: a settings file still on them has no PostgreSQL options to judge. */
const OTHER_ENGINE = /sqlite|mysql|oracle/;

/** settings.py read, parsed, with a DATABASES['default'] entry configuring PostgreSQL (an engine typo still counts); RC-CF001 reports otherwise. */
export function needsPostgresSettings({ settings, apiDir }: ConfigInput): Blocker | undefined {
  const name = shortName(settings.path, apiDir);
  const at = (reason: string): Blocker => ({ file: settings.path, reason, see: 'RC-CF001' });
  if (!settings.file) return at(`there is no ${name}`);
  if (!settings.parsed) return at('the settings file is not a text file');
  if (settings.parsed.problems.length > 0) return at('the settings file does not parse');
  const engines = databaseEngines(settings.parsed);
  if (engines.length === 0) return at('the settings file has no DATABASES setting');
  const missingDefault = defaultEntryGap(settings.parsed);
  if (missingDefault) return at(missingDefault);
  const other = otherEngine(settings.parsed);
  return other ? at(`the settings still use '${other}', not PostgreSQL`) : undefined;
}

/** The ENGINE string of each DATABASES['default'] assignment (undefined where it is not a literal). */
function databaseEngines(src: PythonSource): (string | undefined)[] {
  return assignmentsTo(src, 'DATABASES').map((a) => {
    const def = a.value.kind === 'dict' ? dictEntry(a.value, 'default') : undefined;
    const engine = def?.value.kind === 'dict' ? dictEntry(def.value, 'ENGINE') : undefined;
    return engine?.value.kind === 'string' ? engine.value.value : undefined;
  });
}

/** Why no DATABASES assignment holds a 'default' entry RC-CF001 can read, when none does. */
function defaultEntryGap(src: PythonSource): string | undefined {
  const values = assignmentsTo(src, 'DATABASES').map((a) => a.value);
  if (values.some((v) => v.kind === 'dict' && dictEntry(v, 'default') !== undefined)) return undefined;
  return values.some((v) => v.kind === 'dict') ? "DATABASES has no 'default' entry" : 'DATABASES is not a dict literal';
}

/** The engine settings are still on when every DATABASES names one that is certainly not PostgreSQL (SQLite, ...). */
export function otherEngine(src: PythonSource): string | undefined {
  const engines = databaseEngines(src);
  return engines.length > 0 && engines.every((e) => e !== undefined && OTHER_ENGINE.test(e)) ? engines.at(-1) : undefined;
}

/** The seed script present, text and not empty; RC-CF007 reports otherwise. */
export function needsSeedScript({ seed, apiDir }: ConfigInput): Blocker | undefined {
  const name = shortName(seed.path, apiDir);
  const at = (reason: string): Blocker => ({ file: seed.path, reason, see: 'RC-CF007' });
  if (!seed.file) return at(`there is no ${name}`);
  if (!seed.parsed) return at('the seed script is not a text file');
  if (seed.parsed.text.trim() === '') return at('the seed script is empty');
  return undefined;
}

/** Not applicable with no env file at all: a clone has no .env.local, and a missing .env.example is RC-CF004's. */
export function noEnvFile({ envFiles, apiFolder }: ConfigInput): string | undefined {
  return envFiles.length === 0 ? `there is no env file in ${apiFolder}, so there is no value to judge` : undefined;
}

/** Blocked when the only env file is an .env.example that is not text, which RC-CF004 reports. */
export function needsReadableExample({ envFiles, envExample, apiDir }: ConfigInput): Blocker | undefined {
  if (envFiles.some((f) => f.parsed || f.path !== envExample.path)) return undefined;
  return { file: envExample.path, reason: `${shortName(envExample.path, apiDir)} ${envExample.unreadable ?? 'is not a text file'}`, see: 'RC-CF004' };
}
