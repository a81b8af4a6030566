import type { Finding } from '../../../model/finding.js';
import { locate } from '../../compose/input.js';
import { serviceEnvironment } from '../../compose/service-env.js';
import { needRoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; env: Record<string, string> };

export const composeEnvValues: RoleCheck<Params> = {
  name: 'compose/env-values',
  docs:
    "The role's container gets each given variable with the given value, set under environment: (map or list form) or " +
    'in an env_file: of the service; ${VAR} is replaced from the .env next to the compose file, as Compose does.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'env'],
    properties: {
      role: { type: 'string', minLength: 1 },
      env: { type: 'object', minProperties: 1, propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, additionalProperties: { type: 'string' } },
    },
  },
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name } = found.ok;
    const report = reporter(ctx);
    const shown = `service ${quoted(name)} (${params.role})`;
    const { values, missingFiles } = serviceEnvironment(compose, name);
    const out: Finding[] = [];
    for (const [key, wanted] of Object.entries(params.env)) {
      const v = values.get(key);
      const fix = `set ${key}: ${wanted}`;
      if (v === undefined) {
        const absent = missingFiles.map((r) => quoted(r.written));
        const why = absent.length > 0 ? ` (its env_file ${absent.join(', ')} is not in the submission)` : '';
        out.push(report(locate(compose, ['services', name], true), `${shown} does not set ${key}${why}; ${fix} under its environment:`));
      } else if (v.value === undefined) {
        out.push(report(v.where, `${key} of ${shown} is listed without a value, so Compose takes it from the shell of whoever starts it; ${fix}`));
      } else if (v.unsetVariables.length > 0) {
        out.push(report(v.where, `${key} of ${shown} uses ${v.unsetVariables.join(', ')}, which the .env next to the compose file does not set; ${fix}`));
      } else if (v.value !== wanted) {
        out.push(report(v.where, `${key} of ${shown} is ${quoted(v.value)}, not ${quoted(wanted)} as the assignment says; ${fix}`));
      }
    }
    return out;
  },
};
