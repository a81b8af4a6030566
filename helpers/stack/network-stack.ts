import { join } from 'node:path';
import { getContainerRuntimeClient, type ContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import type { RunCleanup } from '../../src/cleanup/registry.js';
import { runLabels } from '../../src/cleanup/labels.js';
import type { Finding } from '../../src/model/finding.js';
import { shownPath } from '../../src/model/repository-path.js';
import { joinPath, type ComponentRole } from '../../src/model/submission.js';
import type { Profile } from '../../src/profile/profile.js';
import { planApiEnv, type ApiEnvPlan } from './api-env.js';
import { LimitedContainer, LimitedPostgreSqlContainer, startLabelledNetwork } from './containers.js';
import { envRecord, readDockerEnvFile } from './env-file.js';
import { buildFailedFinding, notReadyFinding, notReadySummary, secretValues, startRefusedFinding } from './failure-findings.js';
import { buildImage, type BuildResult } from './image-build.js';
import { databaseReady, diagnose, fatalLogWatch, httpAnswering, NotReadyError, type NotReadyFacts } from './readiness.js';
import type { ComponentRuntime, Role, RuntimeInfo } from './runtime-info.js';
import { elapsedSeconds, StackBuilder, type StartedStack } from './stack.js';

/** Tag of the database image when the profile names no tag. */

/**
 * Part 2 of the course without a compose file: what its `docker run`
 * commands do, with Testcontainers. A fresh labelled network; PostgreSQL
 * under the database alias with the course's database, user and password;
 * the api built from the student's Dockerfile and run with the student's
 * env file (see planApiEnv for what is supplied); the client built and run
 * when it has a Dockerfile.
 */
export class CourseNetworkStack extends StackBuilder<Profile> {
  protected async boot(client: ContainerRuntimeClient, cleanup: RunCleanup): Promise<StartedStack> {
    const { submission: sub, profile, runId } = this;
    const labels = runLabels(runId);
    const envPlan = planApiEnv(sub, profile);
    const secrets = secretValues(envPlan.env, profile);
    const apiDir = sub.components.api?.dir ?? '';
    const info: RuntimeInfo = {
      runId,
      mode: 'network',
      host: client.info.containerRuntime.host,
      stackFile: apiDir === '' ? '.' : apiDir,
      build: { ok: true, seconds: 0, findings: [], images: [] },
      boot: { ok: false, seconds: 0, findings: [] },
      components: {},
      database: { name: profile.database.name, user: profile.database.user, password: profile.database.password },
      env: { file: envPlan.file, kind: envPlan.kind, supplied: envPlan.supplied, passThrough: envPlan.passThrough },
    };
    const started = this.startedStack(info, cleanup);

    try {
      // The images build while the network and the database start: neither needs the other.
      const buildStart = Date.now();
      const roles = (['api', 'client'] as ComponentRole[]).filter((r) => sub.components[r] !== undefined);
      let buildsDone = buildStart;
      const building = Promise.all(roles.map((role) => this.build(role, labels, secrets))).then((b) => {
        buildsDone = Date.now();
        info.build.seconds = elapsedSeconds(buildStart);
        return b;
      });
      const bootStart = Date.now();
      const [builds, { network, db }] = await bothSettled(building, this.startDatabase(cleanup, labels, info, secrets));
      const built: Partial<Record<Role, string>> = {};
      for (const b of builds) {
        if (b.finding) info.build.findings.push(b.finding);
        if (b.result?.ok) {
          built[b.role] = b.result.tag;
          info.build.images.push({ role: b.role, tag: b.result.tag, seconds: b.result.seconds });
        }
      }
      info.build.ok = info.build.findings.length === 0;
      info.components.database = db.component;
      if (db.finding) info.boot.findings.push(db.finding);
      this.checkAborted();

      // The api and the client get the boot budget from the end of their builds.
      const deadline = buildsDone + this.bootTimeoutMs;
      const remaining = () => Math.max(1_000, deadline - Date.now());
      if (envPlan.refusal) info.boot.findings.push(envPlan.refusal);
      const startApi = async () => {
        if (!built.api || envPlan.refusal || !db.component.ready) {
          info.components.api = notStarted('api', profile.components.api.serviceNames, !built.api ? 'its image did not build' : envPlan.refusal ? 'docker run refuses its env file' : 'the database did not start');
          return;
        }
        const port = profile.components.api.port;
        const names = unique(profile.components.api.serviceNames);
        const api = await this.startContainer(cleanup, 'api', names, () =>
          new LimitedContainer(built.api!)
            .withName(this.containerName('api'))
            .withNetwork(network)
            .withNetworkAliases(...names)
            .withEnvironment(envPlan.env)
            .withExposedPorts(port)
            .withLabels(labels)
            .withLimits(this.limits)
            .withWaitStrategy(httpAnswering(profile.routes.rocks, port, remaining()).withFatalLog(fatalLogWatch(profile)))
            .withStartupTimeout(remaining()),
          { file: info.stackFile, secrets, port, network: network.getName() },
        );
        info.components.api = api.component;
        if (api.finding) info.boot.findings.push({ ...api.finding, hint: [api.finding.hint, envNote(envPlan)].filter(Boolean).join('\n') });
      };
      const startClient = async () => {
        if (!sub.components.client) return;
        if (!built.client) {
          info.components.client = notStarted('client', profile.components.client.serviceNames, 'its image did not build');
          return;
        }
        const port = profile.components.client.port;
        const names = unique(profile.components.client.serviceNames);
        const clientEnv = this.clientEnv();
        const c = await this.startContainer(cleanup, 'client', names, () =>
          new LimitedContainer(built.client!)
            .withName(this.containerName('client'))
            .withNetwork(network)
            .withNetworkAliases(...names)
            .withEnvironment(clientEnv)
            .withExposedPorts(port)
            .withLabels(labels)
            .withLimits(this.limits)
            .withWaitStrategy(httpAnswering('/', port, remaining()))
            .withStartupTimeout(remaining()),
          { file: sub.components.client.dir || '.', secrets, port, network: network.getName() },
        );
        info.components.client = c.component;
        if (c.finding) info.boot.findings.push(c.finding);
      };
      await Promise.all([startApi(), startClient()]);
      this.settleBoot(info, bootStart);
      this.checkAborted();
      return started;
    } catch (e) {
      await this.stop(cleanup);
      throw e;
    }
  }

  /** The run's network, and PostgreSQL on it under the database's names, ready within the boot budget. */
  private async startDatabase(cleanup: RunCleanup, labels: Record<string, string>, info: RuntimeInfo, secrets: string[]) {
    const { profile, runId } = this;
    const deadline = Date.now() + this.bootTimeoutMs;
    const remaining = () => Math.max(1_000, deadline - Date.now());
    const network = await startLabelledNetwork(`rock-check-${runId}`, labels);
    cleanup.defer(`network ${network.getName()}`, () => network.stop());
    info.network = network.getName();
    this.listener({ step: 'network', detail: network.getName() });
    this.checkAborted();
    const dbNames = unique([profile.database.alias, ...profile.database.serviceNames]);
    const db = await this.startContainer(cleanup, 'database', dbNames, () =>
      new LimitedPostgreSqlContainer(`${profile.database.image}:${profile.database.imageTag}`)
        .withName(this.containerName('database'))
        .withNetwork(network)
        .withNetworkAliases(...dbNames)
        .withDatabase(profile.database.name)
        .withUsername(profile.database.user)
        .withPassword(profile.database.password)
        .withLabels(labels)
        .withLimits(this.limits)
        .withWaitStrategy(databaseReady(profile.database.port, remaining()))
        .withStartupTimeout(remaining()),
      { file: info.stackFile, secrets, port: profile.database.port, network: network.getName() },
    );
    return { network, db };
  }

  private async build(role: ComponentRole, labels: Record<string, string>, secrets: string[]): Promise<{ role: Role; result?: BuildResult; finding?: Finding }> {
    const comp = this.submission.components[role]!;
    const dockerfile = joinPath(comp.dir, 'Dockerfile');
    const what = `the ${role} image`;
    if (!this.submission.files[dockerfile]) {
      if (role === 'client') return { role };
      return {
        role,
        finding: { ruleId: 'RC-RT001', severity: 'error', file: dockerfile, message: `${what} cannot be built: ${shownPath(this.submission.components, dockerfile)} does not exist` },
      };
    }
    const docker = (await getContainerRuntimeClient()).container.dockerode;
    this.listener({ step: 'build', detail: dockerfile, phase: 'begins' });
    const result = await buildImage(docker, {
      context: join(this.submission.root, comp.dir),
      dockerfile: 'Dockerfile',
      tag: `rock-check-${this.runId}-${role}:latest`,
      labels,
      timeoutMs: this.buildTimeoutMs,
      signal: this.signal,
      onLine: (line) => this.listener({ step: 'build', detail: dockerfile, line }),
    }).finally(() => this.listener({ step: 'build', detail: dockerfile, phase: 'ends' }));
    if (result.ok) return { role, result };
    return { role, result, finding: buildFailedFinding(result, { file: dockerfile, what, profile: this.profile, secrets }) };
  }

  /** The client's own env file (`.env.local`, `.env`), read as `docker run --env-file` does. */
  private clientEnv(): Record<string, string> {
    const dir = this.submission.components.client?.dir ?? '';
    for (const name of this.profile.env.localFiles) {
      const text = this.submission.files[joinPath(dir, name)]?.text;
      if (text !== undefined) {
        const parsed = readDockerEnvFile(text);
        return parsed.error ? {} : envRecord(parsed);
      }
    }
    return {};
  }

  private async startContainer(
    cleanup: RunCleanup,
    role: Role,
    names: string[],
    make: () => LimitedContainer | LimitedPostgreSqlContainer,
    ctx: { file: string; secrets: string[]; port: number; network: string },
  ): Promise<{ component: ComponentRuntime; finding?: Finding }> {
    this.listener({ step: 'start', detail: role, phase: 'begins' });
    const what = `the ${role} container`;
    let container: StartedTestContainer;
    const startedAt = Date.now();
    try {
      container = await make().start().finally(() => this.listener({ step: 'start', detail: role, phase: 'ends' }));
    } catch (e) {
      const common = { ruleId: 'RC-RT002', file: ctx.file, what, profile: this.profile };
      const facts = e instanceof NotReadyError ? e.facts : await this.stoppedEarly(role, startedAt);
      if (facts) return { component: { ...notStarted(role, names, notReadySummary(facts)), reported: true }, finding: notReadyFinding(facts, { ...common, secrets: ctx.secrets }) };
      const refused = startRefusedFinding(String((e as Error).message ?? e), common);
      if (!refused) throw e;
      return { component: { ...notStarted(role, names, 'Docker could not start its command'), reported: true }, finding: refused };
    }
    cleanup.defer(`${role} container`, () => container.stop({ remove: true, removeVolumes: true }));
    this.listener({ step: 'ready', detail: role });
    return {
      component: {
        role,
        containerId: container.getId(),
        containerName: container.getName().replace(/^\//, ''),
        names,
        address: container.getIpAddress(ctx.network),
        port: ctx.port,
        hostPort: container.getMappedPort(ctx.port),
        ready: true,
      },
    };
  }

  /**
   * A container that exits at once never publishes its ports, and
   * Testcontainers gives up on it before any wait strategy runs: find it by
   * name and read how it ended.
   */
  private async stoppedEarly(role: Role, startedAt: number): Promise<NotReadyFacts | undefined> {
    const docker = (await getContainerRuntimeClient()).container.dockerode;
    const [found] = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [`^/${this.containerName(role)}$`] }) });
    if (!found || found.State === 'running') return undefined;
    const awaited = role === 'database' ? 'PostgreSQL to accept connections' : `its port to be published and answer`;
    return diagnose(docker.getContainer(found.Id), {
      awaited,
      budgetMs: this.bootTimeoutMs,
      elapsedMs: Date.now() - startedAt,
      cause: `the container stopped (${found.State})`,
    });
  }

  private containerName(role: Role): string {
    return `rock-check-${this.runId}-${role === 'database' ? 'db' : role}`;
  }

}

/** How the api's environment was put together, for the student reading why it did not start. */
export function envNote(plan: ApiEnvPlan): string {
  const from = plan.file ? `the api ran with ${plan.file} (read as docker run --env-file reads it)` : 'the api has no env file; it ran with the local-run values only';
  if (plan.supplied.length === 0) return `${from}.`;
  const what = plan.supplied.map((s) => `${s.key}${s.value !== undefined ? `=${s.value}` : ''} (${s.reason})`).join(', ');
  return `${from}; rock-check supplied ${what}.`;
}

/** Both results; when one failed, its error once the other has settled too (nothing is left running behind the cleanup). */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

function notStarted(role: Role, names: string[], problem: string): ComponentRuntime {
  return { role, names: unique(names), ready: false, problem };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
