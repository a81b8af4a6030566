import type { Finding } from '../../../model/finding.js';
import { healthcheckGap } from '../../compose/db-healthcheck.js';
import { locate } from '../../compose/input.js';
import { isMapping, scalarText } from '../../compose/service-data.js';
import { finalImageInstructions } from '../../dockerfile/stages.js';
import { judgeTargets, roleAndTargetsParams, type RoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { CheckContext, RoleCheck } from '../role-check.js';

type Params = { role: string; on: string[] };

export const composeWaitsHealthy: RoleCheck<Params> = {
  name: 'compose/waits-healthy',
  docs:
    "The role's service starts only once the services it needs are healthy: depends_on: {<service>: {condition: service_healthy}}, " +
    'with a healthcheck: on that service. The short form depends_on: [<service>] only waits for its container to start, ' +
    'so the first connections race with a database that is still starting; without a healthcheck on the other service ' +
    '(healthcheck: in the compose file, or HEALTHCHECK in the Dockerfile it is built from), Compose refuses to start this one.',
  params: roleAndTargetsParams,
  check(facts, params, ctx) {
    return judgeTargets(facts, params, ctx, (self, target, role) => waitFor(self, params.role, target, role, ctx));
  },
};

/** Whether service `s` waits for `t` to be healthy, and what to write when it does not. */
function waitFor(s: RoleService, role: string, t: RoleService, targetRole: string, ctx: CheckContext): Finding[] {
  const report = reporter(ctx);
  const { compose, name, service } = s;
  const shown = `service ${quoted(name)} (${role})`;
  const other = `${quoted(t.name)} (${targetRole})`;
  const longForm = `depends_on: {${t.name}: {condition: service_healthy}}`;
  const deps = ['services', name, 'depends_on'];
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) {
    const i = dependsOn.findIndex((d) => scalarText(d) === t.name);
    if (i >= 0) {
      return [report(locate(compose, [...deps, i]), `${shown} lists ${other} under depends_on without a condition, so it starts as soon as that container starts, before it is ready; write ${longForm}`)];
    }
  }
  const entry = isMapping(dependsOn) ? dependsOn[t.name] : undefined;
  if (entry === undefined) {
    const at = dependsOn === undefined ? ['services', name] : deps;
    return [report(locate(compose, at, true), `${shown} does not wait for ${other}; add ${longForm}`)];
  }
  const condition = isMapping(entry) ? scalarText(entry.condition) : undefined;
  if (condition !== 'service_healthy') {
    const at = condition === undefined ? [...deps, t.name] : [...deps, t.name, 'condition'];
    const why = condition === undefined ? 'without a condition' : `only until ${quoted(condition)}`;
    return [report(locate(compose, at, true), `${shown} waits for ${other} ${why}, so it may start before ${t.name} is ready; write ${longForm}`)];
  }
  if (healthcheckGap(t.service) === undefined || (t.service.healthcheck === undefined && imageHasHealthcheck(t))) return [];
  const why = `${other} has no healthcheck to wait for, so Compose refuses to start ${shown}`;
  const graded = ctx.profile.criteria.find((c) => c.check === 'compose/healthcheck' && (c.params as { role?: string } | undefined)?.role === targetRole);
  if (graded !== undefined) return [report({ file: compose.file }, `cannot be checked: ${why} (see ${graded.id})`)];
  return [report(locate(compose, [...deps, t.name, 'condition']), `${why}; give ${quoted(t.name)} a healthcheck: whose test succeeds once it serves`)];
}

/** The target is built from a Dockerfile whose final image has a HEALTHCHECK (not NONE), which a service without healthcheck: keeps. */
function imageHasHealthcheck(t: RoleService): boolean {
  const stages = t.fact.dockerfile?.stages;
  if (t.fact.folder === undefined || !stages || stages.length === 0) return false;
  const last = finalImageInstructions(stages).filter((i) => i.getKeyword() === 'HEALTHCHECK').at(-1);
  return last !== undefined && !/^\s*NONE\s*$/i.test(last.getArgumentsContent() ?? '');
}
