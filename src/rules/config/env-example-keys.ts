import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';

export const envExampleKeys = defineRule<ConfigInput>({
  id: 'RC-CF004',
  name: 'rock-of-ages/env-example-keys',
  title: '.env.example lists the DB_* keys',
  severity: 'error',
  docs:
    '.env.example is the committed template of the local env file: it names every variable the api needs (DB_NAME, DB_USER, ' +
    'DB_PASSWORD, DB_HOST, DB_PORT) with placeholder values, so that anyone cloning the repository knows what to set.',
  check({ envExample, profile, apiDir }): Finding[] {
    const name = shortName(envExample.path, apiDir);
    const keys = profile.env.dbKeys;
    const at = (message: string, hint?: string) => findingOf(envExampleKeys, envExample.path, undefined, message, hint);
    if (!envExample.file) return [at(`${name} is missing: commit one that lists ${keys.join(', ')} with placeholder values`)];
    if (!envExample.parsed) return [at(`${name} ${envExample.unreadable ?? 'is not a text file'}`)];
    const out = [];
    if (envExample.file.git?.tracked === false) out.push(at(`${name} is not committed: git add ${name}`));
    const present = new Set(envExample.parsed.entries.map((e) => e.key));
    const missing = keys.filter((k) => !present.has(k));
    if (missing.length > 0) {
      out.push(at(`${name} does not list ${missing.join(', ')}; add ${missing.length === 1 ? 'it' : 'them'} with placeholder values`));
    }
    return out;
  },
});
