import type { RoleCheck } from '../role-check.js';
import { composeFileProblems } from '../../compose/valid-schema.js';
import { NO_COMPOSE } from '../needs.js';
import { asCriterion } from '../report.js';

export const composeValid: RoleCheck<Record<string, never>> = {
  name: 'compose/valid',
  docs:
    'Docker Compose refuses a file that is not valid YAML or does not follow the Compose Specification (unknown keys, ' +
    'wrong types, misplaced settings, services, networks or volumes used but never defined, a service with neither an ' +
    'image nor a build). Every problem is listed at once with its line.',
  params: { type: 'object', additionalProperties: false, properties: {} },
  check(facts, _params, ctx) {
    if (facts.layout === 'run' || !facts.compose) return { notApplicable: NO_COMPOSE };
    return asCriterion(composeFileProblems(facts.compose), ctx);
  },
};
