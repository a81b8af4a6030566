import { connect } from 'node:net';
import type Dockerode from 'dockerode';
import type { BoundPorts, WaitStrategy } from 'testcontainers';
import type { ReadySpec } from '../../src/profile/profile.js';
import { execIn } from '../probes/exec.js';
import { databaseReady, DiagnosingWait, httpAnswering } from './readiness.js';

const TRY_EVERY_MS = 250;
const TRY_TIMEOUT_MS = 5_000;
/** A TCP connection the server keeps open this long is a listener's, not the engine's port proxy closing it. */
const TCP_HOLD_MS = 300;

/** How a role's readiness is awaited: the wait (none when there is nothing to wait for) and the words a finding uses. */
export interface RoleWait {
  wait?: DiagnosingWait;
  awaited: string;
  /** The wait reaches the container through its published port, which it lacks. */
  lacksPort?: boolean;
}

/**
 * The wait a profile's `ready` asks for: `http` any HTTP answer on the
 * role's port, `tcp` a connection it keeps open, `exec` an argv that exits
 * 0 in the container (no shell), `postgres` PostgreSQL accepting
 * connections. Without `ready`: its port accepting, else the container
 * staying up.
 */
export function roleWait(docker: Dockerode, ready: ReadySpec | undefined, at: { port?: number; published: boolean; host: string }, budgetMs: number): RoleWait {
  const { port, published, host } = at;
  const spec: ReadySpec | undefined = ready ?? (port !== undefined ? { tcp: {} } : undefined);
  if (!spec) {
    const awaited = 'the container to keep running';
    return { wait: new DiagnosingWait(new Poll(awaited, isRunning), awaited).withStartupTimeout(budgetMs), awaited };
  }
  if ('exec' in spec) {
    const awaited = `${spec.exec.join(' ')} to exit with code 0`;
    return { wait: new DiagnosingWait(new Poll(awaited, execSucceeds(docker, spec.exec)), awaited).withStartupTimeout(budgetMs), awaited };
  }
  if ('postgres' in spec) {
    if (port === undefined) return { awaited: 'PostgreSQL accepting connections', lacksPort: true };
    const wait = databaseReady(port, budgetMs);
    return { wait, awaited: `PostgreSQL accepting connections on port ${port}` };
  }
  if ('http' in spec) {
    if (port === undefined || !published) return { awaited: `an HTTP answer${port === undefined ? '' : ` on port ${port}`} (GET ${spec.http.path})`, lacksPort: true };
    return { wait: httpAnswering(spec.http.path, port, budgetMs), awaited: `an HTTP answer on port ${port} (GET ${spec.http.path})` };
  }
  if (port === undefined || !published) return { awaited: `${port === undefined ? 'its port' : `port ${port}`} to accept connections`, lacksPort: true };
  const awaited = `port ${port} to accept connections`;
  return { wait: new DiagnosingWait(new Poll(awaited, (_c, ports) => tcpHolds(host, ports.getBinding(port))), awaited).withStartupTimeout(budgetMs), awaited };
}

/** A wait that tries a check at short intervals until it holds or the budget is spent. */
class Poll implements WaitStrategy {
  private budgetMs = 60_000;
  private budgetSet = false;

  constructor(
    private readonly what: string,
    private readonly attempt: (container: Dockerode.Container, ports: BoundPorts) => Promise<boolean>,
  ) {}

  withStartupTimeout(ms: number): this {
    this.budgetMs = ms;
    this.budgetSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.budgetSet;
  }

  getStartupTimeout(): number {
    return this.budgetMs;
  }

  async waitUntilReady(container: Dockerode.Container, ports: BoundPorts): Promise<void> {
    const deadline = Date.now() + this.budgetMs;
    for (;;) {
      if (await this.attempt(container, ports).catch(() => false)) return;
      if (Date.now() + TRY_EVERY_MS >= deadline) throw new Error(`waited ${Math.round(this.budgetMs / 1000)}s for ${this.what}`);
      await new Promise((r) => setTimeout(r, TRY_EVERY_MS));
    }
  }
}

async function isRunning(container: Dockerode.Container): Promise<boolean> {
  return (await container.inspect()).State.Running;
}

function execSucceeds(docker: Dockerode, argv: string[]) {
  return async (container: Dockerode.Container): Promise<boolean> => (await execIn(docker, container.id, argv, TRY_TIMEOUT_MS, 4096)).exitCode === 0;
}

/** Connects and holds: a listener keeps the connection open (or speaks first); a port nobody listens on is refused or closed at once. */
export function tcpHolds(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), TRY_TIMEOUT_MS);
    socket.once('connect', () => setTimeout(() => done(true), TCP_HOLD_MS));
    socket.once('data', () => done(true));
    socket.once('end', () => done(false));
    socket.once('close', () => done(false));
    socket.once('error', () => done(false));
  });
}
