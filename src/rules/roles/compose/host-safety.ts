import { hostileSettings } from '../../compose/hostile.js';
import { needCompose } from '../needs.js';
import { asCriterion } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const composeHostSafety: RoleCheck<Record<string, never>> = {
  name: 'compose/host-safety',
  docs:
    'No service may reach into the machine it runs on, and no setting may make Docker read from it: no privileged: true, ' +
    'cap_add, devices, host namespaces (network_mode: host...), disabled confinement, containers outside the stack, mounts ' +
    'of /, of the Docker socket or of a host path outside the project, and every path (build context, env_file, include...) ' +
    'inside the project. Bind mounts of folders of the project (./data:/data) are fine.',
  params: { type: 'object', additionalProperties: false, properties: {} },
  check(facts, _params, ctx) {
    const compose = needCompose(facts, ctx);
    return 'ok' in compose ? asCriterion(hostileSettings(compose.ok), ctx) : compose.verdict;
  },
};
