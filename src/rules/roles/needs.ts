import type { Dockerfile } from 'dockerfile-ast';
import type { DockerfileFact, RoleFact, RoleFacts } from '../../facts/role-facts.js';
import { shownFolder } from '../../facts/marker-folder.js';
import type { Finding } from '../../model/finding.js';
import type { RoleProfile, RoleSpec } from '../../profile/profile.js';
import type { ComposeInput } from '../compose/input.js';
import { needsComposeData } from '../compose/requires.js';
import type { Service } from '../compose/service-data.js';
import type { Stage } from '../dockerfile/stages.js';
import type { RuleVerdict } from '../rule.js';
import { quoted, reporter } from './report.js';
import type { CheckContext } from './role-check.js';

/**
 * What a check needs from the facts, or the verdict it gives without it: not
 * applicable for what this kind of submission legitimately lacks, else one
 * `cannot be checked` line naming the criterion that reports the cause.
 */
export type Needed<T> = { ok: T } | { verdict: RuleVerdict };

/** Said of a compose check when the submission is graded without a compose file. */
export const NO_COMPOSE = "the submission has no compose file: graded as the lab's docker run commands";

/** `cannot be checked: <reason> (see <ID of the root check>)`. */
export function cascade(ctx: CheckContext, file: string, reason: string, rootCheck: string, role?: string): { verdict: Finding[] } {
  const id = ctx.idOf(rootCheck, role);
  return { verdict: [reporter(ctx)({ file }, `cannot be checked: ${reason}${id === undefined ? '' : ` (see ${id})`}`)] };
}

export function roleSpec(profile: RoleProfile, role: string): RoleSpec {
  const spec = profile.stack.roles[role];
  if (!spec) throw new Error(`the profile ${profile.id} names the role "${role}", which its stack.roles does not declare`);
  return spec;
}

/** The compose file read as data; compose/valid reports one that is not. */
export function needCompose(facts: RoleFacts, ctx: CheckContext): Needed<ComposeInput<RoleProfile>> {
  const compose = facts.compose;
  if (facts.layout === 'run' || !compose) return { verdict: { notApplicable: NO_COMPOSE } };
  const blocked = needsComposeData(compose);
  return blocked ? cascade(ctx, compose.file, blocked.reason, 'compose/valid') : { ok: compose };
}

export interface RoleService {
  compose: ComposeInput<RoleProfile>;
  fact: RoleFact;
  /** The service's name. */
  name: string;
  service: Service;
}

/** The compose service that plays a role; compose/roles-present reports a role no service plays. */
export function needRoleService(facts: RoleFacts, role: string, ctx: CheckContext): Needed<RoleService> {
  const spec = roleSpec(ctx.profile, role);
  const compose = needCompose(facts, ctx);
  if (!('ok' in compose)) return compose;
  const fact = facts.roles[role];
  const name = fact?.service;
  if (name === undefined) {
    if (spec.optional) return { verdict: { notApplicable: `no service of the compose file plays ${role}, which the assignment makes optional` } };
    return cascade(ctx, compose.ok.file, `no service of the compose file plays ${role}`, 'compose/roles-present');
  }
  return { ok: { compose: compose.ok, fact, name, service: compose.ok.services[name] } };
}

/** The params schema of a check on one role: `role`, then `properties` (those in `required` required too). */
export function roleParams(properties: Record<string, object>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, required: ['role', ...required], properties: { role: { type: 'string', minLength: 1 }, ...properties } };
}

/** A check on a role's service and the roles it needs: `{role, on: [roles]}`. */
export const roleAndTargetsParams = roleParams({ on: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } }, ['on']);

/** An image repository as the assignment names it: `postgres`, `nginx`, `bitnami/redis`. */
export const imageRepositoryParam = { type: 'string', minLength: 1, pattern: '^[a-z0-9][a-z0-9._/-]*$' };

/**
 * The findings of `judge` on the service of `params.role` and each service of
 * `params.on`, each said once; a target no service plays gives its own
 * cascade or nothing (when optional).
 */
export function judgeTargets(
  facts: RoleFacts,
  params: { role: string; on: string[] },
  ctx: CheckContext,
  judge: (self: RoleService, target: RoleService, targetRole: string) => Finding[],
): RuleVerdict {
  const found = needRoleService(facts, params.role, ctx);
  if (!('ok' in found)) return found.verdict;
  const out: Finding[] = [];
  for (const role of params.on) {
    const target = needRoleService(facts, role, ctx);
    if (!('ok' in target)) {
      if (Array.isArray(target.verdict)) out.push(...target.verdict);
      continue;
    }
    out.push(...judge(found.ok, target.ok, role));
  }
  return out.filter((f, i) => out.findIndex((g) => g.message === f.message) === i);
}

/** The folder a role is built from, in either layout; see needDockerfile for who reports its absence. */
export function needRoleFolder(facts: RoleFacts, role: string, ctx: CheckContext): Needed<{ fact: RoleFact; folder: string }> {
  const spec = roleSpec(ctx.profile, role);
  let fact = facts.roles[role];
  if (facts.layout === 'compose') {
    // the compose file cannot be read: the role is built from the folder holding its marker
    if (fact?.service === undefined && fact?.folder !== undefined) return { ok: { fact, folder: fact.folder } };
    const found = needRoleService(facts, role, ctx);
    if (!('ok' in found)) return found;
    fact = found.ok.fact;
    if (fact.folder === undefined) {
      if (spec.match.image !== undefined || spec.run) {
        return { verdict: { notApplicable: `${role} runs an image (service ${quoted(found.ok.name)}), not one built from the submission` } };
      }
      if (fact.dockerfile?.problem !== undefined) return cascade(ctx, found.ok.compose.file, fact.dockerfile.problem, 'compose/host-safety');
      const why = `service ${quoted(found.ok.name)}, which plays ${role}, is not built from the submission (no build:)`;
      return cascade(ctx, found.ok.compose.file, why, 'compose/roles-present');
    }
    return { ok: { fact, folder: fact.folder } };
  }
  if (spec.run) {
    return { verdict: { notApplicable: `without a compose file ${role} runs the grader's ${quoted(spec.run.image)}, not an image built from the submission` } };
  }
  if (fact?.folder === undefined) {
    const markers = spec.match.markers ?? [];
    const file = markers[0] ?? 'Dockerfile';
    return cascade(ctx, file, `no folder of the submission holds ${markers.join(' or ') || `the ${role}`}`, 'dockerfile/present-and-parseable', role);
  }
  return { ok: { fact, folder: fact.folder } };
}

export type ParsedDockerfile = DockerfileFact & { ast: Dockerfile; stages: Stage[]; text: string };

/** The role's Dockerfile, parsed, with at least one stage; dockerfile/present-and-parseable reports one that is not. */
export function needDockerfile(facts: RoleFacts, role: string, ctx: CheckContext): Needed<{ fact: RoleFact; folder: string; dockerfile: ParsedDockerfile }> {
  const found = needRoleFolder(facts, role, ctx);
  if (!('ok' in found)) return found;
  const { fact, folder } = found.ok;
  const df = fact.dockerfile;
  const root = 'dockerfile/present-and-parseable';
  if (!df) return cascade(ctx, folder || '.', `there is no Dockerfile in ${shownFolder(folder)}`, root, role);
  if (df.problem !== undefined || !df.ast || df.text === undefined) return cascade(ctx, df.path, df.problem ?? `${df.path} cannot be read`, root, role);
  if (!df.stages || df.stages.length === 0) return cascade(ctx, df.path, `${df.path} has no FROM`, root, role);
  return { ok: { fact, folder, dockerfile: df as ParsedDockerfile } };
}
