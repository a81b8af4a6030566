import type { ChangeAnswer, ConnectAnswer, ExecAnswer, HttpAnswer, HttpRequest, InspectAnswer, IsolationAnswer, RedisAnswer, RoleState, SqlAnswer, StackDriver } from './driver.js';
import { sendHttp } from './http-client.js';
import type { HttpLimits } from './limits.js';

type Answers = {
  sql?: (role: string, query: string, params: unknown[]) => SqlAnswer | Promise<SqlAnswer>;
  redis?: (role: string, argv: string[]) => RedisAnswer;
  exec?: (role: string, argv: string[]) => ExecAnswer;
  inspect?: (role: string) => InspectAnswer;
  connect?: (from: string, to: string, names: string[] | undefined, port: number | undefined) => ConnectAnswer;
  isolation?: (names: string[] | undefined) => IsolationAnswer;
  recreate?: (role: string, opts: { renewAnonymousVolumes: boolean }) => ChangeAnswer;
  restart?: (role: string) => ChangeAnswer;
};

/**
 * A stack driver for tests: http goes to real local servers (one base URL
 * per role) through the real client; everything else answers from the
 * functions given. Every call is recorded, in order.
 */
export class FakeDriver implements StackDriver {
  readonly calls: { method: string; role?: string; detail?: unknown }[] = [];

  constructor(
    private readonly bases: Record<string, string>,
    private readonly answers: Answers = {},
    private readonly states: Record<string, RoleState> = {},
  ) {}

  async role(role: string): Promise<RoleState> {
    return this.states[role] ?? { state: 'ready' };
  }

  http(req: HttpRequest, limits: HttpLimits): Promise<HttpAnswer> {
    this.calls.push({ method: 'http', role: req.role, detail: `${req.method} ${req.path}` });
    const base = this.bases[req.role];
    if (!base) throw new Error(`no server for the role ${req.role}`);
    return sendHttp(base, req, limits);
  }

  async sql(role: string, query: string, params: unknown[]): Promise<SqlAnswer> {
    this.calls.push({ method: 'sql', role, detail: { query, params } });
    return this.need('sql')(role, query, params);
  }

  async redis(role: string, argv: string[]): Promise<RedisAnswer> {
    this.calls.push({ method: 'redis', role, detail: argv });
    return this.need('redis')(role, argv);
  }

  async exec(role: string, argv: string[]): Promise<ExecAnswer> {
    this.calls.push({ method: 'exec', role, detail: argv });
    return this.need('exec')(role, argv);
  }

  async inspect(role: string): Promise<InspectAnswer> {
    this.calls.push({ method: 'inspect', role });
    return this.need('inspect')(role);
  }

  async connect(from: string, to: string, names: string[] | undefined, port: number | undefined): Promise<ConnectAnswer> {
    this.calls.push({ method: 'connect', role: from, detail: { to, names, port } });
    return this.need('connect')(from, to, names, port);
  }

  async isolation(names: string[] | undefined): Promise<IsolationAnswer> {
    this.calls.push({ method: 'isolation', detail: names });
    return this.need('isolation')(names);
  }

  async recreate(role: string, opts: { renewAnonymousVolumes: boolean }): Promise<ChangeAnswer> {
    this.calls.push({ method: 'recreate', role, detail: opts });
    return this.need('recreate')(role, opts);
  }

  async restart(role: string): Promise<ChangeAnswer> {
    this.calls.push({ method: 'restart', role });
    return this.need('restart')(role);
  }

  private need<K extends keyof Answers>(k: K): NonNullable<Answers[K]> {
    const f = this.answers[k];
    if (!f) throw new Error(`the fake driver has no answer for ${k}`);
    return f;
  }
}
