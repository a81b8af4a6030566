import type Dockerode from 'dockerode';
import { Wait, type BoundPorts, type WaitStrategy } from 'testcontainers';
import { lastLogLines } from './container-logs.js';

/** What a container's failure to become ready leaves to diagnose it. */
export interface NotReadyFacts {
  /** What was awaited, in words: "HTTP answers on port 8000". */
  awaited: string;
  budgetMs: number;
  elapsedMs: number;
  /** running, exited, restarting... */
  state?: string;
  exitCode?: number;
  oomKilled?: boolean;
  logLines: string[];
  cause: string;
}

export class NotReadyError extends Error {
  constructor(readonly facts: NotReadyFacts) {
    super(`not ready: ${facts.awaited} (${facts.cause})`);
  }
}

/** Reads the state and last log lines of a container that failed, before anything removes it. */
export async function diagnose(
  container: Dockerode.Container,
  base: Omit<NotReadyFacts, 'state' | 'exitCode' | 'oomKilled' | 'logLines'>,
): Promise<NotReadyFacts> {
  let state: string | undefined;
  let exitCode: number | undefined;
  let oomKilled: boolean | undefined;
  try {
    const info = await container.inspect();
    state = info.State.Status;
    if (!info.State.Running) exitCode = info.State.ExitCode;
    oomKilled = info.State.OOMKilled || undefined;
  } catch {
    state = 'gone';
  }
  return { ...base, state, exitCode, oomKilled, logLines: await lastLogLines(container) };
}

const STOPPED = new Set(['created', 'exited', 'dead', 'removing']);

/**
 * Wraps a Testcontainers wait strategy: fails as soon as the container
 * stops (instead of waiting out the budget), and turns any failure into a
 * NotReadyError holding the exit code and last log lines, read while the
 * container still exists.
 */
export class DiagnosingWait implements WaitStrategy {
  constructor(
    private readonly inner: WaitStrategy,
    private readonly awaited: string,
  ) {}

  withStartupTimeout(ms: number): this {
    this.inner.withStartupTimeout(ms);
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.inner.isStartupTimeoutSet();
  }

  getStartupTimeout(): number {
    return this.inner.getStartupTimeout();
  }

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts, startTime?: Date): Promise<void> {
    const started = Date.now();
    const budgetMs = this.getStartupTimeout();
    let watching = true;
    const stopped = (async () => {
      while (watching) {
        await new Promise((r) => setTimeout(r, 500));
        if (!watching) return;
        const status = await container.inspect().then(
          (i) => i.State.Status,
          () => 'gone',
        );
        if (STOPPED.has(status) || status === 'gone') throw new Error(`the container stopped (${status})`);
      }
    })();
    try {
      await Promise.race([this.inner.waitUntilReady(container, boundPorts, startTime), stopped]);
    } catch (e) {
      watching = false;
      const cause = String((e as Error).message ?? e).split('\n')[0];
      throw new NotReadyError(await diagnose(container, { awaited: this.awaited, budgetMs, elapsedMs: Date.now() - started, cause }));
    } finally {
      watching = false;
      stopped.catch(() => undefined);
    }
  }
}

/** PostgreSQL accepts TCP connections (the init-time server listens on its socket only). */
export function databaseReady(port: number, budgetMs: number): DiagnosingWait {
  return new DiagnosingWait(
    Wait.forSuccessfulCommand(`pg_isready -q -h 127.0.0.1 -p ${port}`),
    `PostgreSQL accepting connections on port ${port}`,
  ).withStartupTimeout(budgetMs);
}

/** Any HTTP answer counts: the server is up, whatever it thinks of the request. */
export function httpAnswering(path: string, port: number, budgetMs: number): DiagnosingWait {
  return new DiagnosingWait(
    Wait.forHttp(path, port, { abortOnContainerExit: true })
      .forStatusCodeMatching(() => true)
      .withReadTimeout(5_000),
    `an HTTP answer on port ${port} (GET ${path})`,
  ).withStartupTimeout(budgetMs);
}
