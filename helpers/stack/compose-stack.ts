import { realpathSync } from 'node:fs';
import { cp, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type Dockerode from 'dockerode';
import { BoundPorts, type ContainerRuntimeClient } from 'testcontainers';
import { stringify } from 'yaml';
import type { RunCleanup } from '../../src/cleanup/registry.js';
import type { Finding } from '../../src/model/finding.js';
import { redactAll } from '../../src/model/redact.js';
import type { Submission } from '../../src/model/submission.js';
import type { RoleFacts } from '../../src/facts/role-facts.js';
import { isCourseProfile, type AnyProfile } from '../../src/profile/profile.js';
import { composeInput } from '../../src/rules/compose/input.js';
import { resolveInside } from '../../src/rules/compose/host-paths.js';
import { composeDir } from '../../src/rules/compose/roles.js';
import { isMapping } from '../../src/rules/compose/service-data.js';
import { CommandAborted, compose, composeVariables, run, type ComposeProject } from './compose-cli.js';
import { tailLines } from './container-logs.js';
import { downWithVolumes, envMap, hostPortOf, projectContainers } from './compose-project-containers.js';
import { removeLinksLeadingOut } from './links-leading-out.js';
import { courseComposePlan, roleComposePlan, type ComposePlan } from './compose-plan.js';
import { deriveCompose, type DerivedCompose } from './derive-compose.js';
import { buildFailedFinding, notReadyFinding, notReadySummary, secretValues } from './failure-findings.js';
import { hintFor } from './hints.js';
import { postgresAccess } from './postgres-access.js';
import { removeBuildLeftovers } from './image-build.js';
import { removeStageImages, StageImages } from './stage-images.js';
import { limitsOf } from './limits.js';
import { realpathOrParent, resolvedModelRefusals } from './resolved-model.js';
import { diagnose, NotReadyError } from './readiness.js';
import type { ComponentRuntime, Role, RuntimeInfo } from './runtime-info.js';
import { elapsedSeconds, StackBuilder, type StartedStack } from './stack.js';

export const DERIVED_FILE = '.rock-check-compose.yml';

/**
 * Part 3 of the course: the student's compose file booted as written, with
 * Docker's own Compose v2, from a derived copy (see deriveCompose) placed
 * next to the original in a private copy of the submission. The student's
 * folder is never written. Rock of Ages' roles are found by its compose
 * rules; a profile graded from roles gives them in its role facts.
 */
export class ComposeStack extends StackBuilder {
  constructor(
    submission: Submission,
    profile: AnyProfile,
    private readonly facts?: RoleFacts,
  ) {
    super(submission, profile);
  }

  private plan(): ComposePlan {
    if (isCourseProfile(this.profile)) return courseComposePlan(composeInput(this.submission, this.profile), this.profile);
    if (!this.facts) throw new Error(`the compose stack of profile ${this.profile.id} needs its role facts`);
    return roleComposePlan(this.facts, this.profile);
  }

  protected async boot(client: ContainerRuntimeClient, cleanup: RunCleanup): Promise<StartedStack> {
    const { submission: sub, runId } = this;
    if (!sub.compose) throw new Error('ComposeStack needs a submission with a compose file');
    const docker = client.container.dockerode;
    const plan = this.plan();
    const { input, ids } = plan;
    const derived = deriveCompose(input, runId, new Map([...input.variables, ...composeVariables()]), {
      services: plan.services,
      ports: plan.ports,
      readyId: ids.ready,
      validId: plan.validId,
    });
    const info: RuntimeInfo = {
      runId,
      mode: 'compose',
      host: client.info.containerRuntime.host,
      stackFile: sub.compose,
      ...(isCourseProfile(this.profile) ? {} : { ids }),
      build: { ok: false, seconds: 0, findings: [], images: [] },
      boot: { ok: false, seconds: 0, findings: [] },
      components: {},
    };
    const started = this.startedStack(info, cleanup);
    const refuse = (refusals: Finding[]) => {
      info.boot.findings.push(...refusals);
      info.boot.refused = true;
      info.build.findings.push({
        ruleId: ids.build,
        severity: 'error',
        file: sub.compose!,
        message: `no image was built: the compose file has settings rock-check refuses to run (see ${ids.ready})`,
      });
      return started;
    };
    if (derived.refusals.length > 0) return refuse(derived.refusals);

    const version = await run('docker', ['compose', 'version', '--short'], { timeoutMs: 30_000 });
    if (version.code !== 0) throw new Error(`Docker Compose v2 is not available (docker compose version: ${tailLines(version.output, 1)[0] ?? 'no output'})`);
    info.boot.findings.push(...plan.missing);

    try {
      const workdir = await mkdtemp(join(tmpdir(), `rock-check-${runId}-`));
      cleanup.defer(`folder ${workdir}`, () => rm(workdir, { recursive: true, force: true, maxRetries: 3 }));
      await cp(sub.root, workdir, { recursive: true, verbatimSymlinks: true, filter: (src) => basename(src) !== '.git' });
      const removedLinks = await removeLinksLeadingOut(workdir);
      const file = join(workdir, composeDir(sub.compose), DERIVED_FILE);
      await writeFile(file, `# Derived by rock-check from ${basename(sub.compose)} for run ${runId}\n${stringify(derived.document)}`);
      const project: ComposeProject = { file, projectName: derived.projectName };
      const changes = [...derived.changes, ...removedLinks.map((l) => `link ${l} left out: it leads out of the submission`)];
      info.compose = { projectName: derived.projectName, file, dir: workdir, changes };
      const resolved = (await this.resolvedRefusals(project, workdir)).map((f) => ({ ...f, ruleId: ids.ready }));
      if (resolved.length > 0) return refuse(resolved);
      cleanup.defer(`compose project ${project.projectName}`, () => downWithVolumes(docker, project));
      this.checkAborted();

      const failed = await this.buildImages(project, derived, info, docker, ids.build);
      this.checkAborted();
      await this.up(project, derived, info, failed, docker, plan);
      return started;
    } catch (e) {
      await this.stop(cleanup);
      throw e;
    }
  }

  /** Compose's own model of the derived file, checked before anything builds (see resolvedModelRefusals). */
  private async resolvedRefusals(project: ComposeProject, workdir: string): Promise<Finding[]> {
    const file = this.submission.compose!;
    const r = await compose(project, ['config', '--format', 'json'], { timeoutMs: 60_000, signal: this.signal, keepStdout: true });
    if (r.code !== 0 || r.timedOut) {
      const why = r.timedOut ? 'it did not finish within 60s' : (tailLines(redactAll(r.output, secretValues({}, this.profile)), 1)[0] ?? 'no output');
      return [{ ruleId: 'RC-RT002', severity: 'error', file, message: `docker compose cannot read the compose file: ${why}`, hint: 'run docker compose config in the folder of the compose file' }];
    }
    let model: unknown;
    try {
      model = JSON.parse(r.stdout ?? '');
    } catch {
      model = undefined;
    }
    const root = await realpath(workdir);
    return resolvedModelRefusals(model, { root, realpath: realpathOrParent(realpathSync.native), limits: limitsOf(this.profile), file });
  }

  private async buildImages(project: ComposeProject, derived: DerivedCompose, info: RuntimeInfo, docker: Dockerode, buildId: string): Promise<Set<string>> {
    const started = Date.now();
    const failed = new Set<string>();
    const roleOf = (service: string) => (Object.entries(derived.roles) as [Role, string][]).find(([, s]) => s === service)?.[0];
    await Promise.all(
      Object.entries(derived.builtImages).map(async ([service, tag]) => {
        this.listener({ step: 'build', detail: service, phase: 'begins' });
        const t0 = Date.now();
        const stages = new StageImages();
        const onLine = (line: string) => {
          stages.line(line);
          this.listener({ step: 'build', detail: service, line });
        };
        const r = await compose(project, ['build', service], { timeoutMs: this.buildTimeoutMs, signal: this.signal, onLine })
          .finally(() => this.listener({ step: 'build', detail: service, phase: 'ends' }))
          .catch(async (e: unknown) => {
            if (e instanceof CommandAborted) await removeBuildLeftovers(docker, e.output);
            throw e;
          });
        const role = roleOf(service);
        await removeStageImages(docker, stages.earlierStages());
        if (r.code === 0 && !r.timedOut) {
          if (role) info.build.images.push({ role, tag, seconds: elapsedSeconds(t0) });
          return;
        }
        failed.add(service);
        await removeBuildLeftovers(docker, r.output);
        const lines = tailLines(r.output, 25);
        const error = r.timedOut
          ? `the build did not finish within ${Math.round(this.buildTimeoutMs / 1000)}s`
          : ([...lines].reverse().find((l) => /error|failed|returned a non-zero code/i.test(l)) ?? lines[lines.length - 1]);
        info.build.findings.push(
          buildFailedFinding(
            { error, logTail: lines },
            { file: this.dockerfileOf(service, derived), what: `the image of service "${service}"`, profile: this.profile, secrets: secretValues({}, this.profile), ruleId: buildId },
          ),
        );
      }),
    );
    info.build.seconds = elapsedSeconds(started);
    info.build.ok = failed.size === 0;
    return failed;
  }

  private async up(project: ComposeProject, derived: DerivedCompose, info: RuntimeInfo, failed: Set<string>, docker: Dockerode, plan: ComposePlan): Promise<void> {
    const profile = this.profile;
    const readyId = plan.ids.ready;
    const bootStart = Date.now();
    const deadline = bootStart + this.bootTimeoutMs;
    const remaining = () => Math.max(1_000, deadline - Date.now());
    const services = isMapping(derived.document.services) ? derived.document.services : {};
    const blocked = blockedServices(services, failed);
    const runnable = Object.keys(services).filter((s) => !blocked.has(s));
    for (const [role, service] of Object.entries(derived.roles) as [Role, string][]) {
      if (blocked.has(service)) {
        info.components[role] = {
          role,
          service,
          names: derived.names[service] ?? [service],
          ready: false,
          problem: failed.has(service) ? 'its image did not build' : 'a service it depends on did not build',
          ...folderOf(plan, role),
        };
      }
    }
    if (runnable.length === 0) {
      info.boot.seconds = elapsedSeconds(bootStart);
      return;
    }
    this.listener({ step: 'start', detail: runnable.join(', ') });
    const upArgs = ['up', '--detach', '--no-build', '--pull', 'missing', ...(blocked.size > 0 ? runnable : [])];
    const up = await compose(project, upArgs, { timeoutMs: this.bootTimeoutMs, signal: this.signal });
    const containers = await projectContainers(docker, project.projectName);
    const secrets = await this.secretsOf(containers);
    if (up.code !== 0 || up.timedOut) {
      const lines = tailLines(redactAll(up.output, secrets), 20);
      const last = up.timedOut ? `it did not finish within ${Math.round(this.bootTimeoutMs / 1000)}s` : ([...lines].reverse().find((l) => /error|failed|unhealthy|exited/i.test(l)) ?? lines[lines.length - 1] ?? 'no output');
      info.boot.findings.push({
        ruleId: readyId,
        severity: 'error',
        file: this.submission.compose!,
        message: `docker compose up failed: ${last}`,
        hint: [hintFor(lines.join('\n'), undefined, profile), `last lines of docker compose up:\n${lines.map((l) => `  ${l}`).join('\n')}`].filter(Boolean).join('\n'),
      });
    }

    const waits: Promise<void>[] = [];
    for (const [role, service] of Object.entries(derived.roles) as [Role, string][]) {
      if (blocked.has(service)) continue;
      const names = derived.names[service] ?? [service];
      const found = containers.get(service);
      const port = derived.rolePorts[role];
      if (!found) {
        info.components[role] = { role, service, names, ready: false, problem: 'its container was not created', ...folderOf(plan, role) };
        continue;
      }
      const inspect = await found.inspect();
      const hostPort = port === undefined ? undefined : hostPortOf(inspect, port);
      const component: ComponentRuntime = {
        role,
        service,
        containerId: inspect.Id,
        containerName: inspect.Name.replace(/^\//, ''),
        image: inspect.Config.Image,
        names,
        port,
        hostPort,
        ready: false,
        ...folderOf(plan, role),
      };
      info.components[role] = component;
      const { wait: strategy, awaited } = plan.wait(docker, role, { port, published: hostPort !== undefined, host: info.host, budgetMs: remaining() });
      const what = `the ${role} container (service "${service}")`;
      waits.push(
        (async () => {
          try {
            if (!strategy) {
              throw new NotReadyError(await diagnose(found, { awaited, budgetMs: this.bootTimeoutMs, elapsedMs: Date.now() - bootStart, cause: 'no port published' }));
            }
            const ports = new BoundPorts();
            if (port !== undefined && hostPort !== undefined) ports.setBinding(port, hostPort);
            await strategy.waitUntilReady(found, ports);
            component.ready = true;
            this.listener({ step: 'ready', detail: service });
          } catch (e) {
            if (!(e instanceof NotReadyError)) throw e;
            const finding = notReadyFinding(e.facts, { ruleId: readyId, file: this.submission.compose!, what, profile, secrets });
            component.problem = notReadySummary(e.facts);
            component.reported = true;
            info.boot.findings.push(finding);
          }
        })(),
      );
    }
    await Promise.all(waits);
    const shared = sharedNetwork(info, await Promise.all([...containers.values()].map((c) => c.inspect())));
    info.network = shared;
    for (const c of Object.values(info.components)) {
      if (!c) continue;
      const ins = c.containerId ? await docker.getContainer(c.containerId).inspect().catch(() => undefined) : undefined;
      if (ins && shared) c.address = ins.NetworkSettings.Networks[shared]?.IPAddress || undefined;
    }
    info.database = isCourseProfile(profile) ? await this.databaseAccess(info, docker) : await postgresAccess(docker, info, profile.stack.roles);
    info.boot.seconds = elapsedSeconds(bootStart);
    info.boot.ok = info.boot.findings.length === 0 && info.build.ok && Object.values(info.components).every((c) => c?.ready);
  }

  /** How to reach the api's database: its name from the api's environment, the superuser from the database's. */
  private async databaseAccess(info: RuntimeInfo, docker: Dockerode): Promise<RuntimeInfo['database']> {
    if (!isCourseProfile(this.profile)) return undefined;
    const envOf = async (c?: ComponentRuntime) =>
      c?.containerId ? envMap((await docker.getContainer(c.containerId).inspect().catch(() => undefined))?.Config.Env ?? []) : {};
    const dbEnv = await envOf(info.components.database);
    const apiEnv = await envOf(info.components.api);
    const keys = this.profile.settings.keys;
    return {
      name: apiEnv[keys.NAME ?? 'DB_NAME'] || dbEnv.POSTGRES_DB || dbEnv.POSTGRES_USER || this.profile.database.name,
      user: dbEnv.POSTGRES_USER || 'postgres',
      password: dbEnv.POSTGRES_PASSWORD ?? '',
    };
  }

  private async secretsOf(containers: Map<string, Dockerode.Container>): Promise<string[]> {
    const env: Record<string, string> = {};
    for (const c of containers.values()) Object.assign(env, envMap((await c.inspect().catch(() => undefined))?.Config.Env ?? []));
    return secretValues(env, this.profile);
  }

  private dockerfileOf(service: string, derived: DerivedCompose): string {
    const dir = composeDir(this.submission.compose!);
    const svc = (derived.document.services as Record<string, Record<string, unknown>>)[service];
    const build = isMapping(svc.build) ? svc.build : {};
    const context = resolveInside(dir, typeof build.context === 'string' ? build.context : '.') ?? dir;
    const dockerfile = typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
    return resolveInside(context, dockerfile) ?? join(context, dockerfile);
  }

}

/** Services that cannot start: those whose image failed, and those depending on them. */
export function blockedServices(services: Record<string, unknown>, failed: Set<string>): Set<string> {
  const blocked = new Set(failed);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, svc] of Object.entries(services)) {
      if (blocked.has(name) || !isMapping(svc)) continue;
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on.map(String) : isMapping(svc.depends_on) ? Object.keys(svc.depends_on) : [];
      if (deps.some((d) => blocked.has(d))) {
        blocked.add(name);
        grew = true;
      }
    }
  }
  return blocked;
}

/**
 * The network the stack shares: for Rock of Ages the one the api and the
 * database both join (else the api's first); else the first network of the
 * first role that every other role joins too (else that role's first).
 */
function sharedNetwork(info: RuntimeInfo, inspects: Dockerode.ContainerInspectInfo[]): string | undefined {
  const nets = (id?: string) => Object.keys(inspects.find((i) => i.Id === id)?.NetworkSettings.Networks ?? {});
  const order = info.ids ? Object.values(info.components) : [info.components.api, info.components.database];
  const joined = order.map((c) => nets(c?.containerId)).filter((n) => n.length > 0);
  const [first = [], ...others] = joined;
  return first.find((n) => others.every((o) => o.includes(n))) ?? first[0];
}

function folderOf(plan: ComposePlan, role: string): { folder?: string } {
  return plan.folders[role] !== undefined ? { folder: plan.folders[role] } : {};
}
