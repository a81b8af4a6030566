import { join, posix } from 'node:path';
import type Dockerode from 'dockerode';
import type { ContainerRuntimeClient, StartedNetwork, StartedTestContainer } from 'testcontainers';
import { runLabels } from '../../src/cleanup/labels.js';
import type { RunCleanup } from '../../src/cleanup/registry.js';
import type { RoleFacts } from '../../src/facts/role-facts.js';
import type { Finding } from '../../src/model/finding.js';
import { joinPath, type Submission } from '../../src/model/submission.js';
import type { RoleProfile, RoleSpec } from '../../src/profile/profile.js';
import { roleRuntimeIds } from './compose-plan.js';
import { LimitedContainer, startLabelledNetwork } from './containers.js';
import { buildFailedFinding, notReadyFinding, notReadySummary, secretValues, startRefusedFinding } from './failure-findings.js';
import { buildImage } from './image-build.js';
import { postgresAccess } from './postgres-access.js';
import { diagnose, fatalLogWatch, NotReadyError, type NotReadyFacts } from './readiness.js';
import { roleWait } from './role-readiness.js';
import type { ComponentRuntime, RuntimeIds, RuntimeInfo } from './runtime-info.js';
import { elapsedSeconds, StackBuilder, type StartedStack } from './stack.js';

/**
 * A profile graded from roles, without a compose file: what the
 * assignment's `docker run` commands do. A labelled network of the run's
 * own; each role with `run` started from that image (its command and
 * environment); each other role built from its folder and run with its port
 * published on an ephemeral host port. Every container has a name unique to
 * the run and answers on the network to the role's aliases (default: the
 * role's name). Nothing of the host is mounted.
 */
export class RolePlanStack extends StackBuilder<RoleProfile> {
  private readonly ids: RuntimeIds;

  constructor(
    submission: Submission,
    profile: RoleProfile,
    private readonly facts: RoleFacts,
  ) {
    super(submission, profile);
    this.ids = roleRuntimeIds(profile);
  }

  protected async boot(client: ContainerRuntimeClient, cleanup: RunCleanup): Promise<StartedStack> {
    const { profile, runId, ids } = this;
    const docker = client.container.dockerode;
    const labels = runLabels(runId);
    const roles = Object.entries(profile.stack.roles);
    const built = roles.filter(([, spec]) => !spec.run);
    const firstFolder = built.map(([role]) => this.facts.roles[role]?.folder).find((f) => f !== undefined);
    const info: RuntimeInfo = {
      runId,
      mode: 'network',
      host: client.info.containerRuntime.host,
      stackFile: firstFolder ? firstFolder : '.',
      ids,
      build: { ok: true, seconds: 0, findings: [], images: [] },
      boot: { ok: false, seconds: 0, findings: [] },
      components: {},
    };
    const started = this.startedStack(info, cleanup);

    try {
      const buildStart = Date.now();
      const images = new Map<string, string>();
      const unbuilt = new Map<string, string>();
      await Promise.all(
        built.map(async ([role, spec]) => {
          const r = await this.build(docker, role, spec, labels);
          if ('tag' in r) {
            images.set(role, r.tag);
            info.build.images.push({ role, tag: r.tag, seconds: r.seconds });
          } else if ('finding' in r) {
            info.build.findings.push(r.finding);
            unbuilt.set(role, r.problem);
          }
        }),
      );
      info.build.seconds = elapsedSeconds(buildStart);
      info.build.ok = info.build.findings.length === 0;
      this.checkAborted();

      const bootStart = Date.now();
      const deadline = bootStart + this.bootTimeoutMs;
      const remaining = () => Math.max(1_000, deadline - Date.now());
      const network = await startLabelledNetwork(`rock-check-${runId}`, labels);
      cleanup.defer(`network ${network.getName()}`, () => network.stop());
      info.network = network.getName();
      this.listener({ step: 'network', detail: network.getName() });
      this.checkAborted();

      const start = async ([role, spec]: [string, RoleSpec]) => {
        const names = spec.aliases ?? [role];
        const folder = this.facts.roles[role]?.folder;
        const base = { role, names, ...(folder !== undefined ? { folder } : {}) };
        const image = spec.run?.image ?? images.get(role);
        if (!image) {
          const problem = unbuilt.get(role);
          if (problem) info.components[role] = { ...base, ready: false, problem };
          return;
        }
        const r = await this.startContainer(docker, cleanup, network, { role, spec, image, names, labels, budgetMs: remaining(), file: folder || info.stackFile, host: info.host });
        info.components[role] = { ...base, ...r.component };
        if (r.finding) info.boot.findings.push(r.finding);
      };
      // The images the profile runs (Redis, a database) first: the built ones may look them up as they start.
      await Promise.all(roles.filter(([, spec]) => spec.run).map(start));
      this.checkAborted();
      await Promise.all(built.map(start));

      info.database = await postgresAccess(docker, info, profile.stack.roles);
      this.settleBoot(info, bootStart);
      this.checkAborted();
      return started;
    } catch (e) {
      await this.stop(cleanup);
      throw e;
    }
  }

  /** The role's image, built from its folder's Dockerfile with the run's labels, limits and time limit. */
  private async build(
    docker: Dockerode,
    role: string,
    spec: RoleSpec,
    labels: Record<string, string>,
  ): Promise<{ tag: string; seconds: number } | { finding: Finding; problem: string } | { absent: true }> {
    const fact = this.facts.roles[role];
    const what = `the ${role} image`;
    if (fact?.folder === undefined) {
      if (spec.optional) return { absent: true };
      return {
        finding: { ruleId: this.ids.build, severity: 'error', file: '.', message: `${what} cannot be built: no folder of the submission holds the ${role}${markersOf(spec)}` },
        problem: 'its image did not build',
      };
    }
    const dockerfile = fact.dockerfile?.path ?? joinPath(fact.folder, 'Dockerfile');
    const problem = fact.dockerfile?.problem ?? (this.submission.files[dockerfile] === undefined ? `there is no ${dockerfile}` : undefined);
    if (problem !== undefined) {
      return { finding: { ruleId: this.ids.build, severity: 'error', file: dockerfile, message: `${what} cannot be built: ${problem}` }, problem: 'its image did not build' };
    }
    const context = fact.folder;
    this.listener({ step: 'build', detail: dockerfile, phase: 'begins' });
    const result = await buildImage(docker, {
      context: join(this.submission.root, context),
      dockerfile: context === '' ? dockerfile : posix.relative(context, dockerfile),
      tag: `rock-check-${this.runId}-${containerSafe(role)}:latest`,
      labels,
      timeoutMs: this.buildTimeoutMs,
      signal: this.signal,
      onLine: (line) => this.listener({ step: 'build', detail: dockerfile, line }),
    }).finally(() => this.listener({ step: 'build', detail: dockerfile, phase: 'ends' }));
    if (result.ok) return { tag: result.tag, seconds: result.seconds };
    return {
      finding: buildFailedFinding(result, { file: dockerfile, what, profile: this.profile, secrets: secretValues({}, this.profile), ruleId: this.ids.build }),
      problem: 'its image did not build',
    };
  }

  private async startContainer(
    docker: Dockerode,
    cleanup: RunCleanup,
    network: StartedNetwork,
    r: { role: string; spec: RoleSpec; image: string; names: string[]; labels: Record<string, string>; budgetMs: number; file: string; host: string },
  ): Promise<{ component: Omit<ComponentRuntime, 'role' | 'names'>; finding?: Finding }> {
    const { role, spec } = r;
    const port = spec.port;
    const secrets = secretValues(spec.run?.env ?? {}, this.profile);
    const { wait, awaited } = roleWait(docker, spec.ready, { port, published: port !== undefined, host: r.host }, r.budgetMs);
    const name = this.containerName(role);
    let container = new LimitedContainer(r.image)
      .withName(name)
      .withNetwork(network)
      .withNetworkAliases(...r.names)
      .withLabels(r.labels)
      .withLimits(this.limits)
      .withStartupTimeout(r.budgetMs);
    if (spec.run?.command) container = container.withCommand(spec.run.command);
    if (spec.run?.env) container = container.withEnvironment(spec.run.env);
    if (port !== undefined) container = container.withExposedPorts(port);
    if (wait) container = container.withWaitStrategy(wait.withFatalLog(fatalLogWatch(this.profile)));
    const common = { ruleId: this.ids.ready, file: r.file, what: `the ${role} container`, profile: this.profile };
    this.listener({ step: 'start', detail: role, phase: 'begins' });
    const startedAt = Date.now();
    let started: StartedTestContainer;
    try {
      started = await container.start().finally(() => this.listener({ step: 'start', detail: role, phase: 'ends' }));
    } catch (e) {
      const facts = e instanceof NotReadyError ? e.facts : await this.stoppedEarly(docker, name, awaited, startedAt);
      if (facts) return { component: { ready: false, problem: notReadySummary(facts), reported: true }, finding: notReadyFinding(facts, { ...common, secrets }) };
      const refused = startRefusedFinding(String((e as Error).message ?? e), common);
      if (!refused) throw e;
      return { component: { ready: false, problem: 'Docker could not start its command', reported: true }, finding: refused };
    }
    cleanup.defer(`${role} container`, () => started.stop({ remove: true, removeVolumes: true }));
    this.listener({ step: 'ready', detail: role });
    return {
      component: {
        containerId: started.getId(),
        containerName: started.getName().replace(/^\//, ''),
        image: r.image,
        address: started.getIpAddress(network.getName()),
        ...(port !== undefined ? { port, hostPort: started.getMappedPort(port) } : {}),
        ready: true,
      },
    };
  }

  /** A container that exits at once never publishes its ports, and Testcontainers gives up on it before any wait runs: read how it ended. */
  private async stoppedEarly(docker: Dockerode, name: string, awaited: string, startedAt: number): Promise<NotReadyFacts | undefined> {
    const [found] = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [`^/${name}$`] }) });
    if (!found || found.State === 'running') return undefined;
    return diagnose(docker.getContainer(found.Id), { awaited, budgetMs: this.bootTimeoutMs, elapsedMs: Date.now() - startedAt, cause: `the container stopped (${found.State})` });
  }

  private containerName(role: string): string {
    return `rock-check-${this.runId}-${containerSafe(role)}`;
  }

}

/** A role name as a part of a container name or image tag. */
function containerSafe(role: string): string {
  return role.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
}

function markersOf(spec: RoleSpec): string {
  const markers = spec.match.markers ?? [];
  return markers.length > 0 ? ` (a folder holding ${markers.join(' or ')})` : '';
}
