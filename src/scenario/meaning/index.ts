import type { Problem } from '../problems.js';
import type { Scenario } from '../types.js';
import { fixtureProblems } from './fixtures.js';
import { patternProblems } from './patterns.js';
import { phaseProblems } from './phases.js';
import { roleProblems } from './roles.js';
import { shapeProblems } from './shapes.js';
import { templateProblems } from './templates.js';

/** What a scenario that fits the schema may still get wrong. */
export function meaningProblems(s: Scenario): Problem[] {
  return [...roleProblems(s), ...phaseProblems(s), ...fixtureProblems(s), ...templateProblems(s), ...patternProblems(s), ...shapeProblems(s)];
}
