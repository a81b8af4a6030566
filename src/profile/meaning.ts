import type { ValidateFunction } from 'ajv';
import { courseCheckNames } from '../rules/course-checks.js';
import { roleChecks } from '../rules/roles/registry.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { ajvFor } from '../validation/schema-validators.js';
import { paramRoleProblems } from './meaning-roles.js';
import type { Criterion, StackSpec } from './profile.js';

/** A meaning problem: the path of the value it is about (for its line:column), and what is wrong. */
export interface MeaningProblem {
  path: (string | number)[];
  message: string;
}

/** Checks a roles profile may name besides its registered static checks. */
export const builtinRoleChecks = ['runtime/images-build', 'runtime/stack-ready', 'scenario'] as const;

/** A profile as its schema has checked it; `packs` present makes it a course profile. */
export interface CheckedProfile {
  stack: StackSpec;
  criteria: Criterion[];
  scenario?: Record<string, unknown>;
  packs?: unknown;
}

/** The check names a profile of this kind may give its criteria. */
export function knownChecks(course: boolean): Set<string> {
  return course ? new Set(courseCheckNames) : new Set([...Object.keys(roleChecks), ...builtinRoleChecks]);
}

/**
 * What the schema cannot say: criterion IDs listed once, check names known
 * for the profile's kind, each check's params valid for it and naming only
 * roles the stack declares, layouts the
 * stack accepts, and the scenario (src/scenario's loadScenario) giving steps
 * to exactly the criteria whose check is `scenario`.
 */
export function meaningProblems(p: CheckedProfile): { problems: MeaningProblem[]; scenario?: Scenario } {
  const course = p.packs !== undefined;
  const known = knownChecks(course);
  const problems: MeaningProblem[] = [];
  const firstAt = new Map<string, number>();
  p.criteria.forEach((c, i) => {
    const at = (...rest: (string | number)[]) => ['criteria', i, ...rest];
    const first = firstAt.get(c.id);
    if (first !== undefined) problems.push({ path: at('id'), message: `criterion ${c.id} is listed twice (also criteria/${first}); give each criterion its own ID` });
    else firstAt.set(c.id, i);
    if (!known.has(c.check)) {
      problems.push({ path: at('check'), message: `unknown check '${c.check}' for a ${course ? 'course' : 'roles'} profile; the checks are: ${[...known].sort().join(', ')}` });
    } else {
      const invalid = paramsProblems(c, course);
      problems.push(...invalid.map((m) => ({ path: at('params', ...m.path), message: m.message })));
      if (!course && invalid.length === 0) problems.push(...paramRoleProblems(c.params, Object.keys(p.stack.roles)).map((m) => ({ path: at('params', ...m.path), message: `params/${m.path.join('/')} ${m.message}` })));
    }
    for (const [j, layout] of (c.layouts ?? []).entries()) {
      if (!p.stack.layouts.includes(layout)) problems.push({ path: at('layouts', j), message: `layout ${layout} is not one of stack.layouts (${p.stack.layouts.join(', ')})` });
    }
  });
  const scenario = scenarioOf(p, problems);
  return scenario ? { problems, scenario } : { problems };
}

/** Problems of a criterion's params, paths relative to its params. */
function paramsProblems(c: Criterion, course: boolean): MeaningProblem[] {
  const roleCheck = course ? undefined : roleChecks[c.check];
  if (!roleCheck) {
    if (c.params === undefined) return [];
    const where = course ? "a course's checks read their parameters from packs:" : 'this check is built in';
    return [{ path: [], message: `check ${c.check} takes no params (${where})` }];
  }
  const validate = paramsValidator(c.check, roleCheck.params);
  if (validate(c.params ?? {})) return [];
  return (validate.errors ?? []).map((e) => {
    const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return { path, message: `params${e.instancePath} ${e.message}${extra} (the params of ${c.check})` };
  });
}

const validators = new Map<string, ValidateFunction>();
function paramsValidator(check: string, schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(check);
  if (!validate) {
    validate = ajvFor('profile').compile(schema);
    validators.set(check, validate);
  }
  return validate;
}

/** The profile's scenario, its roles defaulting to the stack's; problems pushed with their paths. */
function scenarioOf(p: CheckedProfile, problems: MeaningProblem[]): Scenario | undefined {
  const stepped = p.criteria.map((c, i) => ({ c, i })).filter(({ c }) => c.check === 'scenario');
  const block = p.scenario;
  const given = (block?.criteria ?? {}) as Record<string, unknown>;
  for (const { c, i } of stepped) {
    if (!Object.hasOwn(given, c.id)) problems.push({ path: ['criteria', i, 'check'], message: `criterion ${c.id} runs the scenario, but scenario.criteria has no steps for ${c.id}` });
  }
  for (const id of Object.keys(given)) {
    if (!stepped.some(({ c }) => c.id === id)) problems.push({ path: ['scenario', 'criteria', id], message: `scenario.criteria.${id} is not a criterion of the profile whose check is scenario; list it under criteria with check: scenario` });
  }
  if (!block) return undefined;
  const roles = Object.fromEntries(Object.entries(p.stack.roles).map(([name, r]) => [name, r.optional ? { optional: true } : {}]));
  const loaded = loadScenario({ roles, ...block });
  if (loaded.ok) return loaded.scenario;
  for (const problem of loaded.problems) problems.push({ path: ['scenario', ...pointerTokens(problem.pointer)], message: `scenario${problem.pointer} ${problem.message}` });
  return undefined;
}

/** RFC 6901 pointer -> its reference tokens. */
function pointerTokens(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}
