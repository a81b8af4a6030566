import type { PathSegment } from '../../parsers/yaml-source.js';
import { defineRule } from '../rule.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { healthcheckGap, type HealthcheckGap } from './db-healthcheck.js';
import { isMapping } from './service-data.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO003', 'error');

export const apiWaitsForDb = defineRule<ComposeInput>({
  id: 'RC-CO003',
  name: 'rock-of-ages/api-waits-for-db',
  title: 'API waits for a healthy database',
  severity: 'error',
  docs:
    'The api migrates and seeds the database as soon as it starts. PostgreSQL needs a few seconds before it ' +
    'accepts connections, so the api must wait for the database healthcheck: ' +
    'depends_on: {<database>: {condition: service_healthy}}. The short form depends_on: [<database>] only ' +
    'waits for the container to start and races with PostgreSQL. The condition needs the healthcheck: on a database ' +
    'with none, Compose refuses to start the api.',
  requires: needsComposeData,
  check(input) {
    if (!input.usable) return [];
    const { api, database } = input.roles;
    const at = (path: PathSegment[], preferKey: boolean) => locate(input, path, preferKey);
    if (api === undefined) {
      return [report(at(['services'], true), 'no api service found, so nothing waits for the database; define the api service', apiHint(input))];
    }
    if (database === undefined) {
      return [report(at(['services', api], true), `service "${api}" cannot wait for the database: no PostgreSQL service is defined; add one`)];
    }
    const longForm = `depends_on: {${database}: {condition: service_healthy}}`;
    const dependsOn = input.services[api].depends_on;
    const deps: PathSegment[] = ['services', api, 'depends_on'];
    const notWaiting = (where: PathSegment[]) =>
      report(
        at(where, true),
        `service "${api}" does not wait for the database service "${database}"; add it to depends_on with condition: service_healthy`,
        `e.g. ${longForm}`,
      );
    if (Array.isArray(dependsOn)) {
      const i = dependsOn.indexOf(database);
      if (i < 0) return [notWaiting(deps)];
      const message = `service "${api}" depends on "${database}" without a condition, so it may start before PostgreSQL accepts connections; use the long form with condition: service_healthy`;
      return [report(at([...deps, i], false), message, `e.g. ${longForm}`)];
    }
    if (!isMapping(dependsOn) || dependsOn[database] === undefined) return [notWaiting(dependsOn === undefined ? ['services', api] : deps)];
    const dep = dependsOn[database];
    const condition = isMapping(dep) ? dep.condition : undefined;
    if (condition === 'service_healthy') return unhealthyWait(input, api, database);
    if (condition === undefined) {
      return [report(at([...deps, database], true), `service "${api}" depends on "${database}" without a condition; add condition: service_healthy`, `e.g. ${longForm}`)];
    }
    const message = `service "${api}" waits for "${database}" only until ${String(condition)}, so it may start before PostgreSQL accepts connections; use condition: service_healthy`;
    return [report(at([...deps, database, 'condition'], false), message)];
  },
});

const GAPS: Record<HealthcheckGap, string> = {
  missing: 'has no healthcheck',
  disabled: 'has its healthcheck disabled',
  'no-test': 'has a healthcheck with no test command',
};

/** service_healthy on a database whose container never gets a health status: Compose stops at "has no healthcheck configured". */
function unhealthyWait(input: ComposeInput, api: string, database: string) {
  const gap = healthcheckGap(input.services[database]);
  if (gap === undefined) return [];
  const message =
    `service "${api}" waits for "${database}" to be healthy, but "${database}" ${GAPS[gap]}: Compose stops with ` +
    `"container ... has no healthcheck configured" and never starts "${api}"; give "${database}" a healthcheck that runs pg_isready`;
  const test = `["CMD-SHELL", "pg_isready -U ${input.profile.database.user} -d ${input.profile.database.name}"]`;
  return [report(locate(input, ['services', api, 'depends_on', database, 'condition'], false), message, `add to service "${database}": healthcheck: {test: ${test}, interval: 10s, timeout: 5s, retries: 5}`)];
}

/** How the api service is recognised, for findings that cannot find it. */
export function apiHint(input: ComposeInput): string {
  const c = input.profile.components.api;
  return `the api service builds the folder holding ${c.markers.join(' or ')} (e.g. build: ./${c.folderNames[0]}) or is named ${c.serviceNames.join(', ')}`;
}
