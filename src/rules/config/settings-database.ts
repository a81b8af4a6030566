import { distance } from 'fastest-levenshtein';
import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { assignmentsTo, dictEntry, type PyDictEntry, type PyExpr, type PythonSource } from '../../parsers/python-source.js';
import type { Profile } from '../../profile/profile.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';
import { isPlaceholder } from './secret-values.js';
import { findEnvRead } from './settings-env-read.js';
import { undefinedReaders, type UndefinedReader } from './settings-imports.js';

type PyDict = Extract<PyExpr, { kind: 'dict' }>;

/** Keys Django reads from a DATABASES entry; any other key is silently ignored. */
const DJANGO_DATABASE_KEYS = new Set([
  'ENGINE', 'NAME', 'USER', 'PASSWORD', 'HOST', 'PORT', 'OPTIONS', 'TEST', 'ATOMIC_REQUESTS', 'AUTOCOMMIT',
  'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'TIME_ZONE', 'DISABLE_SERVER_SIDE_CURSORS',
]);

export const settingsDatabase = defineRule<ConfigInput>({
  id: 'RC-CF001',
  name: 'rock-of-ages/settings-database',
  title: 'settings.py uses PostgreSQL configured from the environment',
  severity: 'error',
  docs:
    "Django must talk to PostgreSQL (ENGINE 'django.db.backends.postgresql') and take NAME, USER, PASSWORD, HOST and PORT " +
    "from environment variables (os.getenv('DB_NAME', ...), ...), so that the same image runs against RDS in production and " +
    'a local container in development, and no password sits in the code. settings.py imports what reads them (import os ' +
    'for os.getenv), or Django cannot load it.',
  check(input): Finding[] {
    const { settings, profile, apiDir } = input;
    const at = (pos: Parameters<typeof findingOf>[2], message: string, hint?: string) => findingOf(settingsDatabase, settings.path, pos, message, hint);
    const name = shortName(settings.path, apiDir);
    if (!settings.file) {
      return [at(undefined, `${name} is missing: Django needs it to configure DATABASES for PostgreSQL`, `create ${profile.settings.path}`)];
    }
    if (!settings.parsed) return [at(undefined, `${name} ${settings.unreadable ?? 'is not a text file'}`)];
    const src = settings.parsed;
    if (src.problems.length > 0) {
      const first = src.problems[0];
      return [at(first.position, `Python syntax error: ${first.message}; Django cannot load ${name} until it is fixed`)];
    }
    const out: Finding[] = [];
    const databases = chooseDatabases(src, profile);
    if (!databases) {
      out.push(at(undefined, `${name} has no DATABASES = {...} setting`, "add DATABASES = {'default': {'ENGINE': ..., 'NAME': os.getenv('DB_NAME'), ...}}"));
      return out;
    }
    if (databases.kind !== 'dict') {
      out.push(at(databases.pos, 'DATABASES is not a dict literal: write it as {\'default\': {...}} with every value read from the environment'));
      return out;
    }
    const def = dictEntry(databases, 'default');
    if (!def) {
      out.push(at(databases.pos, "DATABASES has no 'default' entry, the connection Django uses", "write DATABASES = {'default': {'ENGINE': ..., 'NAME': os.getenv('DB_NAME'), ...}}"));
      return out;
    }
    if (def.value.kind !== 'dict') {
      out.push(at(def.value.pos, "DATABASES['default'] is not a dict literal"));
      return out;
    }
    out.push(...checkEngine(def.value, profile).map(([pos, msg, hint]) => at(pos, msg, hint)));
    if (isSqlite(def.value)) return out;
    for (const [settingKey, envKey] of Object.entries(profile.settings.keys)) {
      out.push(...checkKey(def.value, settingKey, envKey, profile).map(([pos, msg, hint]) => at(pos, msg, hint)));
    }
    out.push(...undefinedReaders(src, def.value).map((u) => at(u.read.pos, undefinedReaderMessage(u, name))));
    return out;
  },
});

function undefinedReaderMessage({ name, read, fix, definedLater }: UndefinedReader, file: string): string {
  const used = read.via === name ? name : `${name} (for ${read.via})`;
  const stops = `Django stops loading it with "NameError: name '${name}' is not defined"`;
  return definedLater
    ? `${used} is used here but defined only at line ${definedLater.line}: Python runs ${file} from the top, so ${stops}; move ${fix} above this line`
    : `${used} is never ${/^(import|from) /.test(fix) ? 'imported' : 'defined'} in ${file}: ${stops}; add ${fix} at the top of the file`;
}

type Problem = [PyExpr['pos'] | undefined, string, string?];

/** The DATABASES assignment that configures PostgreSQL if there is one, else the last one. */
function chooseDatabases(src: PythonSource, profile: Profile): PyExpr | undefined {
  const values = assignmentsTo(src, 'DATABASES').map((a) => a.value);
  const postgres = values.find((v) => {
    const def = v.kind === 'dict' ? dictEntry(v, 'default') : undefined;
    const engine = def?.value.kind === 'dict' ? dictEntry(def.value, 'ENGINE') : undefined;
    return engine?.value.kind === 'string' && engine.value.value === profile.settings.engine;
  });
  return postgres ?? values[values.length - 1];
}

function checkEngine(def: PyDict, profile: Profile): Problem[] {
  const expected = profile.settings.engine;
  const engine = dictEntry(def, 'ENGINE');
  if (!engine) return [[def.pos, `DATABASES['default'] has no ENGINE; set 'ENGINE': '${expected}'`]];
  const v = engine.value;
  if (v.kind === 'string') {
    if (v.value === expected) return [];
    if (isSqlite(def)) {
      return [[
        v.pos,
        `the database is still SQLite ('${v.value}'); switch DATABASES to '${expected}'`,
        `set NAME, USER, PASSWORD, HOST and PORT from ${Object.values(profile.settings.keys).join(', ')} with os.getenv`,
      ]];
    }
    if (distance(v.value, expected) <= 3) return [[v.pos, `ENGINE '${v.value}' is misspelled; write '${expected}'`]];
    return [[v.pos, `ENGINE is '${v.value}'; use '${expected}'`]];
  }
  const read = findEnvRead(v);
  if (read?.fallback?.kind === 'string' && read.fallback.value === expected) return [];
  return [[v.pos, `ENGINE should be the literal '${expected}'`]];
}

/** Still on SQLite: one finding says so, the connection keys are not examined. */
function isSqlite(def: PyDict): boolean {
  const engine = dictEntry(def, 'ENGINE')?.value;
  return engine?.kind === 'string' && engine.value.endsWith('sqlite3');
}

function checkKey(def: PyDict, settingKey: string, envKey: string, profile: Profile): Problem[] {
  const entry = dictEntry(def, settingKey);
  if (!entry) {
    const misspelt = def.entries.find((e) => isMisspelling(e, settingKey, envKey));
    if (misspelt?.key.kind === 'string') {
      return [[misspelt.key.pos, `key '${misspelt.key.value}' should be '${settingKey}': Django ignores '${misspelt.key.value}', so ${settingKey} falls back to its default`]];
    }
    return [[def.pos, `DATABASES['default'] has no ${settingKey}; add '${settingKey}': os.getenv('${envKey}')`]];
  }
  const isPassword = envKey === profile.env.passwordKey;
  const read = findEnvRead(entry.value);
  if (!read) {
    const v = entry.value;
    if (v.kind === 'string' && isPassword) {
      return [[v.pos, `hard-coded password '${redact(v.value)}'; read it with os.getenv('${envKey}') and change the password`]];
    }
    const shown = v.kind === 'string' ? ` ('${v.value}')` : v.kind === 'number' ? ` (${v.text})` : '';
    return [[v.pos, `${settingKey} is hard-coded${shown}; read it from the environment with os.getenv('${envKey}')`]];
  }
  const out: Problem[] = [];
  if (read.key !== undefined && read.key !== envKey) {
    out.push([read.keyPos, `${settingKey} reads the environment variable '${read.key}'; read '${envKey}'`]);
  }
  const fb = read.fallback;
  if (isPassword && fb?.kind === 'string' && !isPlaceholder(fb.value)) {
    out.push([fb.pos, `hard-coded fallback password '${redact(fb.value)}'; drop the default so the password comes only from ${envKey}`]);
  }
  return out;
}

/** A key Django ignores that was meant as `settingKey`: it reads `envKey`, or it is a near spelling. */
function isMisspelling(e: PyDictEntry, settingKey: string, envKey: string): boolean {
  if (e.key.kind !== 'string' || DJANGO_DATABASE_KEYS.has(e.key.value)) return false;
  return findEnvRead(e.value)?.key === envKey || distance(e.key.value.toUpperCase(), settingKey) <= 1;
}
