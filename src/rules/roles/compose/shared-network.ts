import type { Finding } from '../../../model/finding.js';
import type { RoleProfile } from '../../../profile/profile.js';
import { locate, type ComposeInput } from '../../compose/input.js';
import { isMapping, type Service } from '../../compose/service-data.js';
import { needRoleService, type RoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const composeSharedNetwork: RoleCheck<{ roles: string[] }> = {
  name: 'compose/shared-network',
  docs:
    'The roles reach each other by name only on a user-defined network they share: the default network Compose makes for ' +
    'the project counts, as does a network you declare and list under each service. network_mode (host, none, ' +
    'container:..., service:...) takes a service off it, and links: alone do not make one.',
  params: { type: 'object', additionalProperties: false, required: ['roles'], properties: { roles: { type: 'array', minItems: 2, items: { type: 'string', minLength: 1 } } } },
  check(facts, params, ctx) {
    const found: { role: string; s: RoleService }[] = [];
    const blocked: Finding[] = [];
    for (const role of params.roles) {
      const r = needRoleService(facts, role, ctx);
      if ('ok' in r) found.push({ role, s: r.ok });
      else if (Array.isArray(r.verdict)) blocked.push(...r.verdict);
      else if (facts.layout !== 'compose') return r.verdict;
    }
    if (blocked.length > 0) return blocked.filter((f, i) => blocked.findIndex((g) => g.message === f.message) === i);
    if (found.length < 2) return [];
    const report = reporter(ctx);
    const out: Finding[] = [];
    const sets = found.map(({ role, s }) => ({ role, s, nets: userNetworks(s.service, s.compose) }));
    for (const { role, s, nets } of sets) {
      if (typeof nets === 'string') out.push(report(locate(s.compose, ['services', s.name, 'network_mode']), `service ${quoted(s.name)} (${role}) ${nets}`));
    }
    if (out.length > 0) return out;
    const common = sets.map((x) => x.nets as string[]).reduce((a, b) => a.filter((n) => b.includes(n)));
    if (common.length > 0) return [];
    const [first, ...rest] = sets;
    const other = rest.find((x) => !(x.nets as string[]).some((n) => (first.nets as string[]).includes(n))) ?? rest[0];
    const on = (x: typeof first) => `${quoted(x.s.name)} (${x.role}) is on ${(x.nets as string[]).map(quoted).join(', ') || 'no network'}`;
    const links = sets.some((x) => x.s.service.links !== undefined) ? '; links: does not connect services that share no network' : '';
    const where = other.s.service.networks !== undefined ? ['services', other.s.name, 'networks'] : ['services', other.s.name];
    return [
      report(
        locate(other.s.compose, where, true),
        `${on(first)}, ${on(other)}: they share no network, so they cannot reach each other by name${links}; ` +
          'leave out networks: under both to use the default network Compose makes, or list one network under both',
      ),
    ];
  },
};

/**
 * The user-defined networks a service joins (`default` when it lists none),
 * or why it joins none: a network_mode that takes it off the project's networks.
 */
function userNetworks(service: Service, compose: ComposeInput<RoleProfile>): string[] | string {
  const mode = typeof service.network_mode === 'string' ? service.network_mode : undefined;
  if (mode !== undefined && mode !== 'bridge') {
    return `sets network_mode: ${quoted(mode)}, which takes it off the project's networks; remove network_mode (and list a shared network under networks: if you want one)`;
  }
  if (mode === 'bridge') return "sets network_mode: bridge, Docker's default bridge, where containers do not find each other by name; remove network_mode";
  const listed = service.networks;
  const names = Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string') : isMapping(listed) ? Object.keys(listed) : ['default'];
  const declared = isMapping(compose.data.networks) ? compose.data.networks : {};
  return names.filter((n) => !isDockerBuiltin(declared[n]));
}

/** A top-level network that is Docker's own `bridge`, `host` or `none` rather than one of the project's. */
function isDockerBuiltin(decl: unknown): boolean {
  if (!isMapping(decl)) return false;
  const name = typeof decl.name === 'string' ? decl.name : undefined;
  return (decl.external === true || decl.external === 'true') && (name === 'bridge' || name === 'host' || name === 'none');
}
