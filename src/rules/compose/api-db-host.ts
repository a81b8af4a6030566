import { defineRule } from '../rule.js';
import { apiHint } from './api-waits-for-db.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { isMapping, type Service } from './service-data.js';
import { serviceEnvironment } from './service-env.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO004', 'error');

export const apiDbHost = defineRule<ComposeInput>({
  id: 'RC-CO004',
  name: 'rock-of-ages/api-db-host',
  title: "API's DB_HOST names the database service",
  severity: 'error',
  docs:
    'Inside the compose network the api reaches PostgreSQL through Docker DNS, by the database service name, ' +
    'its container_name or a network alias. DB_HOST (set under environment: or in an env_file of the api ' +
    'service) must be one of those names; localhost or an RDS address points elsewhere.',
  requires: needsComposeData,
  check(input) {
    if (!input.usable) return [];
    const { api, database } = input.roles;
    const key = input.profile.env.hostKey;
    if (api === undefined) {
      return [report(locate(input, ['services'], true), `no api service found whose ${key} could be checked; define the api service`, apiHint(input))];
    }
    if (database === undefined) {
      const message = `${key} of service "${api}" cannot name the database: no PostgreSQL service is defined; add one`;
      return [report(locate(input, ['services', api], true), message)];
    }
    const set = `set ${key}=${database}`;
    const { values, missingFiles } = serviceEnvironment(input, api);
    const host = values.get(key);
    if (host?.value === undefined) {
      const absent = missingFiles.map((r) => r.written);
      const why =
        host !== undefined
          ? `${key} is listed without a value, so compose would take it from the shell`
          : absent.length > 0
            ? `its env_file ${absent.join(', ')} is not in the submission`
            : 'neither its environment: nor an env_file sets it';
      const where = host?.where ?? locate(input, ['services', api], true);
      return [report(where, `service "${api}" gets no ${key}: ${why}; ${set}`, "the api reaches PostgreSQL by the database service's name on the compose network")];
    }
    const names = databaseHostNames(input, database, input.services[api]);
    if (names.includes(host.value.toLowerCase())) return [];
    const hint = `the api reaches PostgreSQL by ${[...new Set(names)].map((n) => `"${n}"`).join(' or ')}`;
    if (host.unsetVariables.length > 0) {
      const unset = host.unsetVariables.join(', ');
      const message = `${key} of service "${api}" comes from "${host.written}", but the .env next to the compose file does not set ${unset}, so ${key} is "${host.value}"; ${set}`;
      return [report(host.where, message, hint)];
    }
    const shown = host.written !== host.value ? `"${host.value}" (from "${host.written}")` : `"${host.value}"`;
    return [report(host.where, `${key} of service "${api}" is ${shown}, which is not a name of the database service; ${set}`, hint)];
  },
});

/** Names under which the api's container resolves the database: service name, container_name, network aliases, link aliases. */
function databaseHostNames(input: ComposeInput, database: string, api: Service): string[] {
  const db = input.services[database];
  const names = [database];
  if (typeof db.container_name === 'string') names.push(db.container_name);
  if (isMapping(db.networks)) {
    for (const net of Object.values(db.networks)) {
      if (isMapping(net) && Array.isArray(net.aliases)) names.push(...net.aliases.filter((a): a is string => typeof a === 'string'));
    }
  }
  if (Array.isArray(api.links)) {
    for (const link of api.links) {
      const [service, alias] = String(link).split(':');
      if (service === database && alias) names.push(alias);
    }
  }
  return names.map((n) => n.toLowerCase());
}
