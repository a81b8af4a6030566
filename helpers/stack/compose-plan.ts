import type Dockerode from 'dockerode';
import type { RoleFacts } from '../../src/facts/role-facts.js';
import type { Finding } from '../../src/model/finding.js';
import { criterionFor, type AnyProfile, type Profile, type RoleProfile } from '../../src/profile/profile.js';
import { composeInput, type ComposeInput } from '../../src/rules/compose/input.js';
import { courseDeriveRoles } from './derive-compose.js';
import { databaseReady, fatalLogWatch, httpAnswering, type DiagnosingWait } from './readiness.js';
import { roleWait } from './role-readiness.js';
import type { RuntimeIds } from './runtime-info.js';

/** Where a role's container is reached, for its readiness wait. */
export interface WaitTarget {
  port?: number;
  /** Docker published the port on the host. */
  published: boolean;
  host: string;
  budgetMs: number;
}

/**
 * What booting a compose file needs of the profile: which service plays
 * each role, the container port grading reaches for it, how its readiness
 * is awaited, and the criteria the boot's findings belong to.
 */
export interface ComposePlan {
  input: ComposeInput<AnyProfile>;
  /** Role -> the compose service that plays it. */
  services: Record<string, string>;
  /** Role -> the container port grading reaches (published on an ephemeral host port when the file does not). */
  ports: Record<string, number>;
  ids: RuntimeIds;
  /** The criterion that reports the compose file's own errors. */
  validId: string;
  /** Role -> the folder its image is built from, where findings about it point. */
  folders: Record<string, string>;
  /** A role the stack cannot do without that no service plays: one finding each. */
  missing: Finding[];
  /** Its readiness wait (none: there is nothing it can be reached by) and what is awaited, in words. */
  wait(docker: Dockerode, role: string, at: WaitTarget): { wait?: DiagnosingWait; awaited: string };
}

/** Rock of Ages: the database, the api and the client, found as its compose rules find them. */
export function courseComposePlan(input: ComposeInput, profile: Profile): ComposePlan {
  const { services, ports } = courseDeriveRoles(input);
  const missing: Finding[] = [];
  for (const role of ['database', 'api'] as const) {
    if (services[role]) continue;
    missing.push({
      ruleId: 'RC-RT002',
      severity: 'error',
      file: input.file,
      message: `no service of ${input.shown(input.file)} runs the ${role}: ${role === 'database' ? `none uses the ${profile.database.image} image or is named ${profile.database.serviceNames.join(', ')}` : `none builds the api folder or is named ${profile.components.api.serviceNames.join(', ')}`}`,
    });
  }
  return {
    input,
    services,
    ports,
    ids: { build: 'RC-RT001', ready: 'RC-RT002' },
    validId: 'RC-CO001',
    folders: {},
    missing,
    wait(_docker, role, { port, published, budgetMs }) {
      const awaited = role === 'database' ? `PostgreSQL accepting connections on port ${port}` : `an HTTP answer on port ${port}`;
      if (port === undefined || !published) return { awaited };
      const wait =
        role === 'database'
          ? databaseReady(port, budgetMs)
          : role === 'api'
            ? httpAnswering(profile.routes.rocks, port, budgetMs).withFatalLog(fatalLogWatch(profile))
            : httpAnswering('/', port, budgetMs);
      return { wait, awaited };
    },
  };
}

/**
 * A profile graded from roles: the services the role facts found, each
 * role's `port` and `ready`; a role that is not optional and that no
 * service plays is a finding of the stack-ready criterion.
 */
export function roleComposePlan(facts: RoleFacts, profile: RoleProfile): ComposePlan {
  const input = (facts.compose as ComposeInput<AnyProfile> | undefined) ?? composeInput(facts.submission, profile);
  const ids = roleRuntimeIds(profile);
  const services: Record<string, string> = {};
  const ports: Record<string, number> = {};
  const folders: Record<string, string> = {};
  const missing: Finding[] = [];
  for (const [role, spec] of Object.entries(profile.stack.roles)) {
    const fact = facts.roles[role];
    if (fact?.folder !== undefined) folders[role] = fact.folder;
    if (fact?.service) {
      services[role] = fact.service;
      if (spec.port !== undefined) ports[role] = spec.port;
    } else if (!spec.optional && input.usable) {
      missing.push({ ruleId: ids.ready, severity: 'error', file: input.file, message: `no service of ${input.shown(input.file)} plays the ${role}: ${howFound(role, profile)}` });
    }
  }
  return {
    input,
    services,
    ports,
    ids,
    validId: profile.criteria.find((c) => c.check === 'compose/valid')?.id ?? ids.ready,
    folders,
    missing,
    wait(docker, role, at) {
      const w = roleWait(docker, profile.stack.roles[role]?.ready, at, at.budgetMs);
      return { wait: w.wait?.withFatalLog(fatalLogWatch(profile)), awaited: w.awaited };
    },
  };
}

/** The profile's criteria that report a failed build and a stack that did not get ready. */
export function roleRuntimeIds(profile: RoleProfile): RuntimeIds {
  const ready = criterionFor(profile, 'runtime/stack-ready')?.id;
  const build = criterionFor(profile, 'runtime/images-build')?.id;
  return { build: build ?? ready ?? 'runtime/images-build', ready: ready ?? build ?? 'runtime/stack-ready' };
}

/** How a role is recognised, for the student whose compose file has no service for it. */
export function howFound(role: string, profile: RoleProfile): string {
  const m = profile.stack.roles[role].match;
  const ways = [
    ...(m.image ? [`runs the ${m.image} image`] : []),
    ...(m.markers?.length ? [`is built from a folder holding ${m.markers.join(' or ')}`] : []),
    ...(m.folders?.length ? [`is built from a folder named ${m.folders.join(' or ')}`] : []),
    ...(m.names?.length ? [`is named ${m.names.join(', ')}`] : []),
  ];
  return ways.length > 0 ? `none ${ways.join(', or ')}` : 'no service matches it';
}
