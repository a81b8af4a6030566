import type { HttpLimits } from './limits.js';

/**
 * Everything a scenario does to a running stack goes through a driver: the
 * engine itself opens no socket and calls no Docker API. The Docker-backed
 * driver maps roles to the booted containers (published ports, exec, the
 * probe sidecar, compose recreate); tests use a fake one. Every method
 * answers within the limits it is given, and reports what went wrong as
 * data (an `error`, a `noAnswer`) rather than by throwing: a throw means
 * the driver itself failed and the criterion is an error, not a failure.
 */
export interface StackDriver {
  /** Whether a role can be checked; `absent` only for what the submission legitimately lacks. */
  role(role: string): Promise<RoleState>;
  http(req: HttpRequest, limits: HttpLimits): Promise<HttpAnswer>;
  /** `query` is literal SQL with $1… placeholders; values only in `params`. */
  sql(role: string, query: string, params: unknown[], limits: { timeoutMs: number; maxRows: number }): Promise<SqlAnswer>;
  redis(role: string, argv: string[], limits: { timeoutMs: number }): Promise<RedisAnswer>;
  /** argv runs as is, never through a shell. */
  exec(role: string, argv: string[], limits: { timeoutMs: number; maxOutputBytes: number }): Promise<ExecAnswer>;
  inspect(role: string, limits: { timeoutMs: number }): Promise<InspectAnswer>;
  /** From inside `from`: does each name resolve to `to`, and does `port` accept? Names default to the names the stack gives `to`. */
  connect(from: string, to: string, names: string[] | undefined, port: number | undefined, limits: { timeoutMs: number }): Promise<ConnectAnswer>;
  /** From a container outside the stack's network: what the names resolve to. Names default to every name of the stack. */
  isolation(names: string[] | undefined, limits: { timeoutMs: number }): Promise<IsolationAnswer>;
  /** A new container for the role (named volumes kept), ready again before it answers. */
  recreate(role: string, opts: { renewAnonymousVolumes: boolean }, limits: { timeoutMs: number }): Promise<ChangeAnswer>;
  restart(role: string, limits: { timeoutMs: number }): Promise<ChangeAnswer>;
}

export type RoleState =
  | { state: 'ready' }
  /** The submission legitimately has no such part (no client in an api repository). */
  | { state: 'absent'; why: string }
  /** It should be there but is not running: `reason` in one line, `see` the criterion that reports why. */
  | { state: 'down'; reason: string; see: string };

export interface HttpRequest {
  role: string;
  method: string;
  /** Begins with one `/`; templated values in it are already percent-encoded. */
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: { json: unknown } | { text: string };
}

export type HttpAnswer =
  | {
      status: number;
      headers: Record<string, string>;
      /** The body as text (UTF-8), at most maxResponseBytes of it. */
      text: string;
      /** Why the body is incomplete: larger than the bound, not ended in time, or the connection broke. */
      cut?: 'size' | 'time' | 'reset';
      ms: number;
    }
  | { noAnswer: string; ms: number };

export type SqlAnswer = { rows: Record<string, unknown>[]; more?: boolean } | { error: string; sqlstate?: string };
export type RedisAnswer = { reply: unknown } | { error: string };
export type ExecAnswer = { exitCode: number | null; stdout: string; stderr: string; cut?: boolean } | { error: string };
export type InspectAnswer = { facts: ContainerFacts } | { error: string };

/** What `inspect` shows of a running container, the same for any engine or mode. */
export interface ContainerFacts {
  health: 'healthy' | 'unhealthy' | 'starting' | 'none';
  /** The engine's last run of the container's HEALTHCHECK, when it has one and has run it. */
  healthCheck?: HealthCheckRun;
  /** Of the container's main process; null when unknown. */
  uid: number | null;
  env: Record<string, string>;
  mounts: { destination: string; type: string; name?: string; source?: string; rw: boolean; named?: boolean }[];
  ports: { container: number; protocol: string; published: boolean }[];
}

export interface HealthCheckRun {
  exitCode: number;
  /** Its output, cut to a few hundred characters. */
  output: string;
  /** The command itself could not run (not found, not executable): waiting longer cannot change the health. */
  cannotRun: boolean;
}

export interface NameLookup {
  name: string;
  /** The tool that looked it up; undefined when the image has none. */
  tool?: string;
  addresses: string[];
  /** One of the addresses belongs to the target role's container. */
  reachesTarget: boolean;
  /** The port accepted a connection; undefined when not tried or no tool could. */
  accepts?: boolean;
  connectTool?: string;
}
export type ConnectAnswer = { lookups: NameLookup[] } | { error: string };
export type IsolationAnswer = { lookups: { name: string; leaked: string[] }[]; network?: string } | { error: string };
export type ChangeAnswer = { ok: true } | { error: string; detail?: string[] };
