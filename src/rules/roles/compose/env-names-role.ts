import type { Finding } from '../../../model/finding.js';
import { locate } from '../../compose/input.js';
import { isMapping, scalarText, type Service } from '../../compose/service-data.js';
import { serviceEnvironment, type EnvValue } from '../../compose/service-env.js';
import { needRoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';
import { urlAuthority } from '../../compose/url-authority.js';

type Params = { role: string; keys: string[]; names: string };

export const composeEnvNamesRole: RoleCheck<Params> = {
  name: 'compose/env-names-role',
  docs:
    "The role's service finds the other service by its name on the compose network: one of the given environment " +
    'variables (under environment: or in an env_file:) is that service\'s name, its container_name or a network alias, ' +
    'alone (DB_HOST=db) or as the host of a URL (DATABASE_URL=postgresql://user:password@db:5432/notes). localhost is ' +
    'the container itself, and an address of the host changes from one machine to the next.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'keys', 'names'],
    properties: {
      role: { type: 'string', minLength: 1 },
      keys: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
      names: { type: 'string', minLength: 1 },
    },
  },
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const target = needRoleService(facts, params.names, ctx);
    if (!('ok' in target)) return target.verdict;
    const { compose, name } = found.ok;
    const report = reporter(ctx);
    const shown = `service ${quoted(name)} (${params.role})`;
    const names = hostNames(target.ok.name, target.ok.service, found.ok.service);
    const host = quoted(target.ok.name);
    const fix = `set ${params.keys[0]}=${target.ok.name}`;
    /** The fix for one variable: a URL keeps its form with the service's name as its host. */
    const fixOf = (v: EnvValue) => {
      const url = v.value === undefined ? undefined : withHost(v.value, target.ok.name);
      return url === undefined ? `set ${v.key}=${target.ok.name}` : `make ${host} the host of ${v.key}: ${quoted(url)}`;
    };
    const { values, missingFiles } = serviceEnvironment(compose, name);
    const set = params.keys.map((k) => values.get(k)).filter((v): v is EnvValue => v !== undefined);
    if (set.length === 0) {
      const absent = missingFiles.map((r) => quoted(r.written));
      const why = absent.length > 0 ? `; its env_file ${absent.join(', ')} is not in the submission` : '';
      return [report(locate(compose, ['services', name], true), `${shown} sets none of ${params.keys.join(', ')}, so it does not know where ${params.names} is${why}; ${fix} (or another of them)`)];
    }
    const out: Finding[] = [];
    for (const v of set) {
      if (v.value === undefined) {
        out.push(report(v.where, `${v.key} of ${shown} is listed without a value, so Compose takes it from the shell of whoever starts it; ${fix}`));
        continue;
      }
      if (v.unsetVariables.length > 0) {
        out.push(report(v.where, `${v.key} of ${shown} uses ${v.unsetVariables.join(', ')}, which the .env next to the compose file does not set; ${fix}`));
        continue;
      }
      const named = hostOf(v.value);
      if (named !== undefined && names.includes(named.toLowerCase())) continue;
      const written = named === undefined ? `${quoted(v.value)}, which names no host` : `the host ${quoted(named)}, which is not a name of ${host} (${params.names})`;
      out.push(report(v.where, `${v.key} of ${shown} gives ${written}; ${fixOf(v)}`, `on the compose network ${params.names} is reached as ${[...new Set(names)].map(quoted).join(' or ')}`));
    }
    return out;
  },
};

/** The host a value names: the value itself when it is a bare name, else the host of a URL (scheme://user:password@host:port/...). */
export function hostOf(value: string): string | undefined {
  const v = value.trim();
  const url = urlAuthority(v);
  if (url) return url.host === '' ? undefined : url.host;
  const bare = /^([A-Za-z0-9_.-]+)(?::\d+)?$/.exec(v);
  return bare ? bare[1] : undefined;
}

/** A URL with its host replaced, or undefined when the value is not a URL. */
function withHost(value: string, host: string): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?)(\[[^\]]*\]|[^:/?#]*)(.*)$/s.exec(value.trim());
  return m ? `${m[1]}${host}${m[3]}` : undefined;
}

/** Names under which one service resolves another: its service name, container_name, network aliases, link aliases. */
function hostNames(target: string, service: Service, from: Service): string[] {
  const names = [target];
  const container = scalarText(service.container_name);
  if (container !== undefined) names.push(container);
  if (isMapping(service.networks)) {
    for (const net of Object.values(service.networks)) {
      if (isMapping(net) && Array.isArray(net.aliases)) names.push(...net.aliases.map((a) => scalarText(a)).filter((a): a is string => a !== undefined));
    }
  }
  if (Array.isArray(from.links)) {
    for (const link of from.links) {
      const [s, alias] = String(link).split(':');
      if (s === target && alias) names.push(alias);
    }
  }
  return names.map((n) => n.toLowerCase());
}
