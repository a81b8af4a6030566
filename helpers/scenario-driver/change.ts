import type Dockerode from 'dockerode';
import { BoundPorts, Wait } from 'testcontainers';
import { isCourseProfile, type AnyProfile } from '../../src/profile/profile.js';
import { compose, type CliResult, type ComposeProject } from '../stack/compose-cli.js';
import { isNamedVolume, projectContainers } from '../stack/compose-project-containers.js';
import { tailLines } from '../stack/container-logs.js';
import { notReadySummary } from '../stack/failure-findings.js';
import { databaseReady, DiagnosingWait, fatalLogWatch, httpAnswering, NotReadyError } from '../stack/readiness.js';
import { roleWait } from '../stack/role-readiness.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { partFrom, type RoleBinding, type StackPart } from './parts.js';

export type Changed = { part: StackPart } | { error: string; detail?: string[] };

/**
 * A new container for the part's compose service, as RC-RT014 makes one:
 * `docker compose up --force-recreate` of that service alone (named volumes
 * kept; anonymous ones renewed, and the old ones removed, unless asked not
 * to), then ready again. Only a compose stack has a service to recreate.
 */
export async function recreatePart(docker: Dockerode, part: StackPart, binding: RoleBinding, opts: ChangeOptions & { renewAnonymousVolumes: boolean }): Promise<Changed> {
  const { runtime } = opts;
  if (!runtime.compose || !part.service) return { error: "only a stack started from a compose file has a service to recreate; the course's docker run commands do not" };
  const deadline = Date.now() + opts.timeoutMs;
  const project: ComposeProject = { file: runtime.compose.file, projectName: runtime.compose.projectName };
  const old = await docker.getContainer(part.containerId!).inspect();
  const renew = opts.renewAnonymousVolumes;
  const anonymous = renew ? old.Mounts.filter((m) => m.Type === 'volume' && m.Name !== undefined && !isNamedVolume(m.Name, project.projectName)).map((m) => m.Name!) : [];
  const args = ['up', '--detach', '--no-deps', '--no-build', '--force-recreate', ...(renew ? ['--renew-anon-volumes'] : []), part.service];
  const r = await compose(project, args, { timeoutMs: opts.timeoutMs });
  // Renewed anonymous volumes no longer belong to any container, so `down --volumes` would miss them.
  for (const name of anonymous) await docker.getVolume(name).remove().catch(() => undefined);
  if (r.code !== 0 || r.timedOut) return composeFailed('recreate', part.service, r, opts.timeoutMs);
  const fresh = (await projectContainers(docker, project.projectName)).get(part.service);
  if (!fresh || fresh.id === part.containerId) return { error: `the service "${part.service}" was not recreated` };
  return settle(docker, fresh, part, binding, opts, deadline);
}

/** The part's container restarted (`docker compose restart`, or `docker restart` without compose), then ready again. */
export async function restartPart(docker: Dockerode, part: StackPart, binding: RoleBinding, opts: ChangeOptions): Promise<Changed> {
  const { runtime } = opts;
  const deadline = Date.now() + opts.timeoutMs;
  const container = docker.getContainer(part.containerId!);
  if (runtime.compose && part.service) {
    const project: ComposeProject = { file: runtime.compose.file, projectName: runtime.compose.projectName };
    const r = await compose(project, ['restart', part.service], { timeoutMs: opts.timeoutMs });
    if (r.code !== 0 || r.timedOut) return composeFailed('restart', part.service, r, opts.timeoutMs);
  } else {
    await container.restart();
  }
  return settle(docker, container, part, binding, opts, deadline);
}

export interface ChangeOptions {
  runtime: RuntimeInfo;
  profile: AnyProfile;
  timeoutMs: number;
}

/** Waits, with the boot's own readiness checks, until the changed container is ready; its part as it is now. */
async function settle(docker: Dockerode, container: Dockerode.Container, before: StackPart, binding: RoleBinding, opts: ChangeOptions, deadline: number): Promise<Changed> {
  const info = await container.inspect();
  const part = partFrom(info, opts.runtime, { service: before.service, names: before.names, port: before.port });
  const budgetMs = Math.max(1_000, deadline - Date.now());
  const ports = new BoundPorts();
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const hostPort = Number(bindings?.[0]?.HostPort);
    if (key.endsWith('/tcp') && hostPort) ports.setBinding(Number.parseInt(key, 10), hostPort);
  }
  try {
    await readiness(docker, binding, part, info, opts, budgetMs).waitUntilReady(container, ports);
  } catch (e) {
    if (!(e instanceof NotReadyError)) throw e;
    return { error: `it did not become ready again: waited for ${e.facts.awaited}; ${notReadySummary(e.facts)}`, detail: e.facts.logLines.slice(-10) };
  }
  return { part: { ...part, ready: true } };
}

/**
 * What the boot waited for: PostgreSQL, or an HTTP answer, for the parts it
 * booted (the role's `ready` for a profile graded from roles); for another
 * service, its health check when it has one, else its published ports
 * listening.
 */
function readiness(docker: Dockerode, binding: RoleBinding, part: StackPart, info: Dockerode.ContainerInspectInfo, opts: ChangeOptions, budgetMs: number): DiagnosingWait {
  const { profile } = opts;
  const component = 'component' in binding ? binding.component : undefined;
  if (component && !isCourseProfile(profile)) {
    const published = part.hostPort !== undefined;
    const { wait } = roleWait(docker, profile.stack.roles[component]?.ready, { port: part.port, published, host: opts.runtime.host }, budgetMs);
    if (wait) return wait;
  }
  if (component && part.port !== undefined && isCourseProfile(profile)) {
    if (component === 'database') return databaseReady(part.port, budgetMs);
    if (component === 'api') return httpAnswering(profile.routes.rocks, part.port, budgetMs).withFatalLog(fatalLogWatch(profile));
    return httpAnswering('/', part.port, budgetMs);
  }
  const test = info.Config.Healthcheck?.Test ?? [];
  if (test.length > 0 && test[0] !== 'NONE') return new DiagnosingWait(Wait.forHealthCheck(), 'its health check to pass').withStartupTimeout(budgetMs);
  return new DiagnosingWait(Wait.forListeningPorts(), 'its published ports to accept connections').withStartupTimeout(budgetMs);
}

function composeFailed(verb: string, service: string, r: CliResult, timeoutMs: number): Changed {
  const why = r.timedOut ? `it did not finish within ${Math.round(timeoutMs / 1000)} s` : (tailLines(r.output, 1)[0] ?? 'no output');
  return { error: `docker compose could not ${verb} the service "${service}": ${why}`, detail: tailLines(r.output, 10) };
}
