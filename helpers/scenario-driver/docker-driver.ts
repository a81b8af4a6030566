import type Dockerode from 'dockerode';
import type { AnyProfile } from '../../src/profile/profile.js';
import type {
  ChangeAnswer,
  ConnectAnswer,
  ExecAnswer,
  HttpAnswer,
  HttpRequest,
  InspectAnswer,
  IsolationAnswer,
  RedisAnswer,
  RoleState,
  SqlAnswer,
  StackDriver,
} from '../../src/scenario/driver.js';
import { sendHttp } from '../../src/scenario/http-client.js';
import type { HttpLimits } from '../../src/scenario/limits.js';
import { databaseClientConfig } from '../probes/db.js';
import { execIn } from '../probes/exec.js';
import { stackNames } from '../probes/outsider.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { recreatePart, restartPart, type Changed } from './change.js';
import { containerFacts } from './inspect.js';
import { lookupsFrom, lookupsFromOutside } from './lookups.js';
import { servicePart, stackParts, type RoleBinding, type StackPart } from './parts.js';
import { MAX_REPLY_BYTES, redisCliArgv, redisReply } from './redis.js';
import { roleState } from './role-state.js';
import { boundedQuery } from './sql.js';

export interface DockerDriverOptions {
  docker: Dockerode;
  /** The booted stack, as the runtime global setup describes it. */
  runtime: RuntimeInfo;
  profile: AnyProfile;
  /** What plays each role of the scenario. */
  roles: Record<string, RoleBinding>;
  /** Where the isolation probe runs: Docker's default bridge unless given. */
  outsiderNetwork?: string;
}

/**
 * The scenario engine's StackDriver over a stack rock-check booted: each
 * role is a container of it (see RoleBinding); everything goes through the
 * probes' and the stack builders' own operations. Answers about the
 * submission come back as data; a throw is a failure of the grading machine
 * (Docker, the probe image), never of the submission.
 */
export class DockerDriver implements StackDriver {
  private readonly parts = new Map<string, Promise<StackPart | undefined>>();

  constructor(private readonly opts: DockerDriverOptions) {
    if (opts.runtime.error) throw new Error(opts.runtime.error);
    if (opts.runtime.skipped) throw new Error(`no stack to check: ${opts.runtime.skipped}`);
  }

  async role(role: string): Promise<RoleState> {
    const binding = this.binding(role);
    if ('absent' in binding) return { state: 'absent', why: binding.absent };
    return roleState(this.opts.runtime, await this.part(role));
  }

  async http(req: HttpRequest, limits: HttpLimits): Promise<HttpAnswer> {
    const part = await this.ready(req.role);
    if (part.hostPort === undefined) return { noAnswer: `not sent: the ${req.role} container publishes no port to send it to`, ms: 0 };
    const host = this.opts.runtime.host.includes(':') ? `[${this.opts.runtime.host}]` : this.opts.runtime.host;
    return sendHttp(`http://${host}:${part.hostPort}`, req, limits);
  }

  async sql(role: string, query: string, params: unknown[], limits: { timeoutMs: number; maxRows: number }): Promise<SqlAnswer> {
    const part = await this.ready(role);
    if (part.hostPort === undefined) return { error: `the ${role} container publishes no port to query it on` };
    return boundedQuery(databaseClientConfig(this.opts.runtime, part.hostPort), query, params, limits);
  }

  async redis(role: string, argv: string[], limits: { timeoutMs: number }): Promise<RedisAnswer> {
    const part = await this.ready(role);
    const cmd = redisCliArgv(argv, part.port);
    if ('error' in cmd) return cmd;
    const r = await this.execArgv(part, cmd, limits.timeoutMs, MAX_REPLY_BYTES);
    return 'error' in r ? r : redisReply(r, limits.timeoutMs);
  }

  async exec(role: string, argv: string[], limits: { timeoutMs: number; maxOutputBytes: number }): Promise<ExecAnswer> {
    const part = await this.ready(role);
    if (argv.length === 0 || argv[0] === '') return { error: 'there is no command to run' };
    const r = await this.execArgv(part, argv, limits.timeoutMs, limits.maxOutputBytes);
    if ('error' in r) return r;
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, ...(r.cut ? { cut: true } : {}) };
  }

  async inspect(role: string): Promise<InspectAnswer> {
    const part = await this.ready(role);
    try {
      return { facts: await containerFacts(this.opts.docker, part.containerId!, this.opts.runtime) };
    } catch (e) {
      return { error: firstLine(e) };
    }
  }

  async connect(from: string, to: string, names: string[] | undefined, port: number | undefined, limits: { timeoutMs: number }): Promise<ConnectAnswer> {
    const [source, target] = await Promise.all([this.ready(from), this.ready(to)]);
    return lookupsFrom(this.opts.docker, source, target, names ?? target.names, port, limits.timeoutMs);
  }

  async isolation(names: string[] | undefined, limits: { timeoutMs: number }): Promise<IsolationAnswer> {
    const stack = await stackParts(this.opts.docker, this.opts.runtime);
    const { runtime, profile, outsiderNetwork } = this.opts;
    return lookupsFromOutside(stack, names ?? stackNames(stack), { runtime, profile, network: outsiderNetwork, timeoutMs: limits.timeoutMs });
  }

  async recreate(role: string, opts: { renewAnonymousVolumes: boolean }, limits: { timeoutMs: number }): Promise<ChangeAnswer> {
    const part = await this.ready(role);
    return this.changed(part, await recreatePart(this.opts.docker, part, this.binding(role), { ...this.changeOptions(limits), ...opts }));
  }

  async restart(role: string, limits: { timeoutMs: number }): Promise<ChangeAnswer> {
    const part = await this.ready(role);
    return this.changed(part, await restartPart(this.opts.docker, part, this.binding(role), this.changeOptions(limits)));
  }

  private binding(role: string): RoleBinding {
    const b = Object.hasOwn(this.opts.roles, role) ? this.opts.roles[role] : undefined;
    if (!b) throw new Error(`the scenario's role "${role}" is bound to no part of the stack`);
    return b;
  }

  /** The role's part: a booted component as the runtime describes it, or a compose service as its container is now (read once). */
  private part(role: string): Promise<StackPart | undefined> {
    let p = this.parts.get(role);
    if (!p) {
      const b = this.binding(role);
      p = 'component' in b ? Promise.resolve(this.opts.runtime.components[b.component]) : 'service' in b ? servicePart(this.opts.docker, this.opts.runtime, b.service, b.port) : Promise.resolve(undefined);
      this.parts.set(role, p);
    }
    return p;
  }

  /** The engine asks role() before any step: a part that is not ready here is a driver error. */
  private async ready(role: string): Promise<StackPart> {
    const part = await this.part(role);
    if (!part?.ready || !part.containerId) throw new Error(`the ${role} is not running, yet a step asked for it`);
    return part;
  }

  /** After a change, every role the old container played is the new one. */
  private async changed(before: StackPart, r: Changed): Promise<ChangeAnswer> {
    if ('error' in r) return r;
    for (const [role, b] of Object.entries(this.opts.roles)) {
      if (!('absent' in b) && (await this.part(role))?.containerId === before.containerId) this.parts.set(role, Promise.resolve(r.part));
    }
    return { ok: true };
  }

  private changeOptions(limits: { timeoutMs: number }) {
    return { runtime: this.opts.runtime, profile: this.opts.profile, timeoutMs: limits.timeoutMs };
  }

  /** An argv in the part's container; a container that is gone or cannot run it is an answer, not a throw. */
  private async execArgv(part: StackPart, argv: string[], timeoutMs: number, maxBytes: number) {
    try {
      return await execIn(this.opts.docker, part.containerId!, argv, timeoutMs, maxBytes);
    } catch (e) {
      return { error: firstLine(e) };
    }
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
