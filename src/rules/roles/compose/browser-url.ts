import type { Finding } from '../../../model/finding.js';
import type { PathSegment } from '../../../parsers/yaml-source.js';
import { locate, type ComposeInput } from '../../compose/input.js';
import { interpolate } from '../../compose/interpolate.js';
import { isMapping, scalarText, type Service } from '../../compose/service-data.js';
import { serviceEnvironment } from '../../compose/service-env.js';
import { needRoleService, roleParams, type RoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';
import { hostOf } from './env-names-role.js';

type Params = { role: string; keys: string[] };

export const composeBrowserUrl: RoleCheck<Params> = {
  name: 'compose/browser-url',
  docs:
    "An address the frontend hands to the browser (REACT_APP_BACKEND_URL) is used by the student's browser, outside " +
    'Docker, which cannot resolve the names of compose services: http://backend:5000 reaches nothing there. Give the ' +
    "browser an address it reaches: the backend's published port (http://localhost:5000) or a path of the frontend " +
    'that nginx proxies to the backend (/api, with location /api/ { proxy_pass http://backend:5000; }). A REACT_APP_ ' +
    'variable is read when npm run build runs, so it belongs under build: args: (and an ARG in the build stage).',
  params: roleParams({ keys: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } }, ['keys']),
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const s = found.ok;
    const report = reporter(ctx);
    const names = serviceNames(s.compose);
    const out: Finding[] = [];
    for (const v of given(s, params.keys)) {
      const host = hostOf(v.value);
      const service = host === undefined ? undefined : names.get(host.toLowerCase());
      if (service === undefined) continue;
      out.push(
        report(
          v.where,
          `${v.key}=${quoted(v.value)} of service ${quoted(s.name)} (${params.role}) is used by the browser, which runs outside Docker and cannot resolve ${host!.toLowerCase() === service.toLowerCase() ? `the compose service name ${quoted(host!)}` : `${quoted(host!)}, a name of the compose service ${quoted(service)}`}; ` +
            `give it an address the browser reaches: the published port of ${quoted(service)} (http://localhost:<host port>) or a path that nginx proxies to it (/api, with location /api/ { proxy_pass http://${host}:<port>; })`,
          'a REACT_APP_ variable is built into the page by npm run build: set it under build: args: (with ARG in the build stage), not only under environment:',
        ),
      );
    }
    return out;
  },
};

interface Given {
  key: string;
  value: string;
  where: Pick<Finding, 'file' | 'line' | 'column'>;
}

/** The keys' values under environment:, in an env_file, or under build: args:, after ${VAR} substitution. */
function given(s: RoleService, keys: string[]): Given[] {
  const out: Given[] = [];
  const env = serviceEnvironment(s.compose as unknown as ComposeInput, s.name).values;
  for (const key of keys) {
    const v = env.get(key);
    if (v?.value !== undefined) out.push({ key, value: v.value, where: v.where });
  }
  const build = s.service.build;
  const args = isMapping(build) ? build.args : undefined;
  const base: PathSegment[] = ['services', s.name, 'build', 'args'];
  const entries: [string, unknown, PathSegment[]][] = isMapping(args)
    ? Object.entries(args).map(([k, v]) => [k, v, [...base, k]])
    : Array.isArray(args)
      ? args.flatMap((item, i): [string, unknown, PathSegment[]][] => {
          const text = scalarText(item);
          const eq = text?.indexOf('=') ?? -1;
          return text === undefined || eq < 0 ? [] : [[text.slice(0, eq).trim(), text.slice(eq + 1), [...base, i]]];
        })
      : [];
  for (const [key, raw, path] of entries) {
    const text = scalarText(raw);
    if (!keys.includes(key) || text === undefined) continue;
    out.push({ key, value: interpolate(text, s.compose.variables).value, where: locate(s.compose, path) });
  }
  return out;
}

/** Every name a compose service answers to on its networks, lower-cased, to the service's name. */
function serviceNames(compose: RoleService['compose']): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, service] of Object.entries(compose.services) as [string, Service][]) {
    names.set(name.toLowerCase(), name);
    const container = scalarText(service.container_name);
    if (container !== undefined) names.set(container.toLowerCase(), name);
    if (isMapping(service.networks)) {
      for (const net of Object.values(service.networks)) {
        if (!isMapping(net) || !Array.isArray(net.aliases)) continue;
        for (const a of net.aliases) {
          const alias = scalarText(a);
          if (alias !== undefined) names.set(alias.toLowerCase(), name);
        }
      }
    }
  }
  return names;
}
