import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { isMapping, isTrue, type Service } from './service-data.js';
import { serviceEnvironment } from './service-env.js';
import { healthcheckGap } from './db-healthcheck.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO002', 'error');

/** Variables the official postgres image reads to create the database and its owner on first start. */

export const postgresService = defineRule<ComposeInput>({
  id: 'RC-CO002',
  name: 'rock-of-ages/db-healthcheck',
  title: 'PostgreSQL service configured with a healthcheck',
  severity: 'error',
  docs:
    'The database runs as a PostgreSQL service that creates the course database and user on first start ' +
    '(POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD, set under environment: or in its env_file) and has a ' +
    'healthcheck (e.g. pg_isready), so that the api can wait until it really accepts connections.',
  requires: needsComposeData,
  check(input) {
    if (!input.usable) return [];
    const { database } = input.profile;
    const db = input.roles.database;
    const test = `["CMD-SHELL", "pg_isready -U ${database.user} -d ${database.name}"]`;
    const example = `healthcheck: {test: ${test}, interval: 10s, timeout: 5s, retries: 5}`;
    if (db === undefined) {
      const message = `no PostgreSQL service: add a service (e.g. "${database.serviceNames[0]}") that runs the image ${database.image} with a pinned version`;
      return [report(locate(input, ['services'], true), message, `give it ${input.profile.database.envKeys.join(', ')} under environment: and a ${example}`)];
    }
    const service = input.services[db];
    const out: Finding[] = [...missingVariables(input, db, service)];
    const hc = service.healthcheck;
    const gap = healthcheckGap(service);
    if (gap === 'missing') {
      const message = `database service "${db}" has no healthcheck, so nothing can tell when PostgreSQL accepts connections; add one that runs pg_isready`;
      out.push(report(locate(input, ['services', db], true), message, `add ${example}`));
    } else if (isMapping(hc) && isTrue(hc.disable)) {
      const message = `the healthcheck of database service "${db}" is disabled; remove disable: true and give it a test`;
      out.push(report(locate(input, ['services', db, 'healthcheck', 'disable']), message, `e.g. ${example}`));
    } else if (gap !== undefined) {
      const message = `the healthcheck of database service "${db}" has no test command; add one that runs pg_isready`;
      out.push(report(locate(input, ['services', db, 'healthcheck'], true), message, `add test: ${test}`));
    }
    return out;
  },
});

function missingVariables(input: ComposeInput, db: string, service: Service): Finding[] {
  const env = serviceEnvironment(input, db).values;
  const missing = input.profile.database.envKeys.filter((k) => !env.get(k)?.value);
  if (missing.length === 0) return [];
  const example: Record<string, string> = {
    POSTGRES_DB: input.profile.database.name,
    POSTGRES_USER: input.profile.database.user,
    POSTGRES_PASSWORD: '<password>',
  };
  const inFile = service.env_file !== undefined && service.environment === undefined;
  const at = service.environment !== undefined ? 'environment' : service.env_file !== undefined ? 'env_file' : undefined;
  const where = locate(input, at ? ['services', db, at] : ['services', db], true);
  const what = missing.map((k) => describeUnset(k, env.get(k)?.unsetVariables ?? [])).join(', ');
  const message = `database service "${db}" does not set ${what}; set ${missing.length > 1 ? 'them' : 'it'} ${inFile ? 'in its env_file' : 'under environment:'}`;
  const hint = `e.g. ${missing.map((k) => `${k}${inFile ? '=' : ': '}${example[k]}`).join(', ')} (the same values the api connects with)`;
  return [report(where, message, hint)];
}

function describeUnset(key: string, unset: string[]): string {
  return unset.length === 0 ? key : `${key} (it uses \${${unset.join('}, ${')}}, which the .env next to the compose file does not set)`;
}
