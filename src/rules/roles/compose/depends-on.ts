import { locate } from '../../compose/input.js';
import { isMapping, scalarText } from '../../compose/service-data.js';
import { judgeTargets, roleAndTargetsParams } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; on: string[] };

export const composeDependsOn: RoleCheck<Params> = {
  name: 'compose/depends-on',
  docs:
    "The role's service starts after the services it needs: each is listed under its depends_on: (depends_on: [api], or " +
    'the long form with any condition). nginx, for one, looks up the name of the server it proxies to when it starts, ' +
    'and stops if no container answers to it yet.',
  params: roleAndTargetsParams,
  check(facts, params, ctx) {
    return judgeTargets(facts, params, ctx, ({ compose, name, service }, target, role) => {
      const dependsOn = service.depends_on;
      const listed = Array.isArray(dependsOn) ? dependsOn.map(scalarText) : isMapping(dependsOn) ? Object.keys(dependsOn) : [];
      if (listed.includes(target.name)) return [];
      const at = dependsOn === undefined ? ['services', name] : ['services', name, 'depends_on'];
      return [
        reporter(ctx)(
          locate(compose, at, true),
          `service ${quoted(name)} (${params.role}) does not list ${quoted(target.name)} (${role}) under depends_on, so it may start first; add depends_on: [${target.name}]`,
        ),
      ];
    });
  },
};
