import { meaningProblems } from './meaning/index.js';
import type { Problem } from './problems.js';
import { schemaProblems } from './schema-check.js';
import type { Scenario } from './types.js';

export type Loaded = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Validates a scenario object (as parsed from a profile): first against
 * schemas/scenario.schema.json, then its meaning (roles, phases, fixtures,
 * templates and capture flow, patterns). Each problem has the JSON pointer
 * of the value it is about, for the profile loader to turn into a line.
 */
export function loadScenario(input: unknown): Loaded {
  const schema = schemaProblems(input);
  if (schema.length > 0) return { ok: false, problems: schema };
  const scenario = input as Scenario;
  const problems = meaningProblems(scenario);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario };
}
