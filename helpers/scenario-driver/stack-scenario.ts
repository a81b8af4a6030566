import type Dockerode from 'dockerode';
import type { Finding } from '../../src/model/finding.js';
import type { Criterion, RoleProfile, StackLayout } from '../../src/profile/profile.js';
import { loadScenario } from '../../src/scenario/load.js';
import { renderProblem } from '../../src/scenario/problems.js';
import type { CriterionSpec, Scenario } from '../../src/scenario/types.js';
import { need } from '../probes/context.js';
import { envMap } from '../stack/compose-project-containers.js';
import { secretValues } from '../stack/failure-findings.js';
import { runtimeIds, type RuntimeInfo } from '../stack/runtime-info.js';
import type { RoleBinding } from './parts.js';

/**
 * The profile's scenario as the engine runs it: its roles default to the
 * stack's roles, each optional as the stack says. Throws when it does not
 * validate (the profile loader refuses such a profile first).
 */
export function profileScenario(profile: RoleProfile): Scenario {
  const written = (profile.scenario ?? {}) as Partial<Scenario>;
  const roles = written.roles ?? Object.fromEntries(Object.entries(profile.stack.roles).map(([r, s]) => [r, s.optional ? { optional: true } : {}]));
  const loaded = loadScenario({ ...written, roles });
  if (!loaded.ok) throw new Error(`the scenario of profile ${profile.id} is not valid: ${loaded.problems.map(renderProblem).join('; ')}`);
  return loaded.scenario;
}

/** Each scenario role played by the booted role of that name; an optional role the submission lacks is absent. */
export function roleBindings(scenario: Scenario, profile: RoleProfile, runtime: RuntimeInfo): Record<string, RoleBinding> {
  return Object.fromEntries(
    Object.keys(scenario.roles).map((role): [string, RoleBinding] => {
      const optional = scenario.roles[role].optional ?? profile.stack.roles[role]?.optional;
      if (optional && !runtime.components[role]) return [role, { absent: `the submission has no ${role}` }];
      return [role, { component: role }];
    }),
  );
}

/** Where a scenario criterion's findings point: its `at` path, else its role's build folder, else the stack file (the compose file, or the folder built first). */
export function locator(runtime: RuntimeInfo): (at: CriterionSpec['at']) => string {
  return (at) => {
    if (at?.path) return at.path;
    const folder = at?.role ? runtime.components[at.role]?.folder : undefined;
    if (folder !== undefined) return folder === '' ? '.' : folder;
    return runtime.stackFile;
  };
}

/** Credentials in the environment of the stack's containers: kept out of every message. */
export async function stackSecrets(docker: Dockerode, runtime: RuntimeInfo, profile: RoleProfile): Promise<string[]> {
  const env: Record<string, string> = {};
  for (const c of Object.values(runtime.components)) {
    if (!c?.containerId) continue;
    const info = await docker.getContainer(c.containerId).inspect().catch(() => undefined);
    Object.assign(env, envMap(info?.Config.Env ?? []));
  }
  return [...secretValues(env, profile), ...(runtime.database?.password ? [runtime.database.password] : [])];
}

/** Why a criterion does not apply to a submission of this layout, in the student's words; undefined when it does. */
export function layoutExcludes(criterion: Criterion, layout: StackLayout): string | undefined {
  if (!criterion.layouts || criterion.layouts.includes(layout)) return undefined;
  return layout === 'run'
    ? "the submission has no compose file, so rock-check started its stack as the assignment's docker run commands do; this check applies only to a stack started from a compose file"
    : "the submission has a compose file; this check applies only to a stack started as the assignment's docker run commands do";
}

/**
 * When the stack is not up, a scenario criterion cannot be checked: one
 * line naming the roles that are not running and the criterion that says
 * why (the stack-ready one, or the build's). Undefined when it is up.
 */
export function stackDown(id: string, profile: RoleProfile, runtime: RuntimeInfo): Finding[] | undefined {
  if (runtime.boot.ok) return undefined;
  const down = Object.keys(profile.stack.roles).filter((r) => {
    const c = runtime.components[r];
    return c ? !c.ready : !profile.stack.roles[r].optional;
  });
  const r = need({ runtime }, id, down);
  if (!r.ok) return r.findings;
  return [{ ruleId: id, severity: 'error', file: runtime.stackFile, message: `cannot be checked: the stack did not start cleanly (see ${runtimeIds(runtime).ready})` }];
}
