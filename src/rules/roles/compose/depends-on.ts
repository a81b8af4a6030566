import type { Finding } from '../../../model/finding.js';
import { locate } from '../../compose/input.js';
import { isMapping, scalarText } from '../../compose/service-data.js';
import { needRoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; on: string[] };

export const composeDependsOn: RoleCheck<Params> = {
  name: 'compose/depends-on',
  docs:
    "The role's service starts after the services it needs: each is listed under its depends_on: (depends_on: [api], or " +
    'the long form with any condition). nginx, for one, looks up the name of the server it proxies to when it starts, ' +
    'and stops if no container answers to it yet.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'on'],
    properties: {
      role: { type: 'string', minLength: 1 },
      on: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    },
  },
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name, service } = found.ok;
    const dependsOn = service.depends_on;
    const listed = Array.isArray(dependsOn) ? dependsOn.map(scalarText) : isMapping(dependsOn) ? Object.keys(dependsOn) : [];
    const out: Finding[] = [];
    for (const role of params.on) {
      const target = needRoleService(facts, role, ctx);
      if (!('ok' in target)) {
        if (Array.isArray(target.verdict)) out.push(...target.verdict);
        continue;
      }
      if (listed.includes(target.ok.name)) continue;
      const at = dependsOn === undefined ? ['services', name] : ['services', name, 'depends_on'];
      out.push(
        reporter(ctx)(
          locate(compose, at, true),
          `service ${quoted(name)} (${params.role}) does not list ${quoted(target.ok.name)} (${role}) under depends_on, so it may start first; add depends_on: [${target.ok.name}]`,
        ),
      );
    }
    return out.filter((f, i) => out.findIndex((g) => g.message === f.message) === i);
  },
};
