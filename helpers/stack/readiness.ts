import type Dockerode from 'dockerode';
import { Wait, type BoundPorts, type WaitStrategy } from 'testcontainers';
import type { AnyProfile } from '../../src/profile/profile.js';
import { lastLogLines } from './container-logs.js';
import { HttpAnswerWait } from './http-answer-wait.js';
import { distressCause, DistressWatch, sampleLogRate, samplePids, type Distress } from './distress.js';
import { fatalHint } from './hints.js';

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
  /** The container's memory limit, for the finding of one killed for exceeding it. */
  memoryLimitBytes?: number;
  logLines: string[];
  cause: string;
  /** Waiting stopped before the budget: the log showed a cause that does not go away (see fatalHint), or the container is in distress. */
  gaveUpEarly?: boolean;
  /** Process limit reached, or the log flooded: why waiting stopped (see DistressWatch). */
  distress?: Distress;
}

export class NotReadyError extends Error {
  constructor(readonly facts: NotReadyFacts) {
    super(`not ready: ${facts.awaited} (${facts.cause})`);
  }
}

/** Reads the state and last log lines of a container that failed, before anything removes it. */
export async function diagnose(
  container: Dockerode.Container,
  base: Omit<NotReadyFacts, 'state' | 'exitCode' | 'oomKilled' | 'memoryLimitBytes' | 'logLines'>,
): Promise<NotReadyFacts> {
  let state: string | undefined;
  let exitCode: number | undefined;
  let oomKilled: boolean | undefined;
  let memoryLimitBytes: number | undefined;
  try {
    const info = await container.inspect();
    state = info.State.Status;
    if (!info.State.Running) exitCode = info.State.ExitCode;
    oomKilled = info.State.OOMKilled || undefined;
    memoryLimitBytes = info.HostConfig.Memory || undefined;
  } catch {
    state = 'gone';
  }
  return { ...base, state, exitCode, oomKilled, memoryLimitBytes, logLines: await lastLogLines(container) };
}

const STOPPED = new Set(['created', 'exited', 'dead', 'removing']);
const POLL_MS = 250;
const LOG_EVERY_POLLS = 8;
const PIDS_EVERY_POLLS = 4;
const SLICE_MS = 10_000;

/** A log cause a container does not get past; the wait gives up `graceMs` after first seeing it. */
export interface FatalLogWatch {
  detect: (logText: string) => string | undefined;
  graceMs: number;
}

class GaveUpEarly extends Error {}

class Distressed extends Error {
  constructor(readonly distress: Distress) {
    super(distressCause(distress));
  }
}

/** How long an api whose log shows a fatal cause still gets to become ready: retries that do succeed do so well within it. */
const FATAL_LOG_GRACE_MS = 20_000;

export function fatalLogWatch(profile: AnyProfile): FatalLogWatch {
  return { detect: (log) => fatalHint(log, profile), graceMs: FATAL_LOG_GRACE_MS };
}

/**
 * Wraps a Testcontainers wait strategy: fails as soon as the container
 * stops, or stays at its process limit or floods its log (DistressWatch),
 * or (withFatalLog) soon after its log shows a cause it cannot get past,
 * instead of waiting out the budget; and turns any failure into a
 * NotReadyError holding the exit code and last log lines, read while the
 * container still exists.
 *
 * The inner strategy cannot be cancelled, so it runs in slices of at most
 * SLICE_MS within the budget: once this wait has failed, what is left of
 * the inner one ends within a slice instead of polling on to the end of the
 * budget (which would keep the process alive long after the verdict).
 */
export class DiagnosingWait implements WaitStrategy {
  private fatalLog?: FatalLogWatch;
  private budgetMs?: number;

  constructor(
    private readonly inner: WaitStrategy,
    private readonly awaited: string,
  ) {}

  withFatalLog(watch: FatalLogWatch): this {
    this.fatalLog = watch;
    return this;
  }

  withStartupTimeout(ms: number): this {
    this.budgetMs = ms;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.budgetMs !== undefined;
  }

  getStartupTimeout(): number {
    return this.budgetMs ?? this.inner.getStartupTimeout();
  }

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts, startTime?: Date): Promise<void> {
    const started = Date.now();
    const budgetMs = this.getStartupTimeout();
    let watching = true;
    const distress = new DistressWatch();
    const stopped = (async () => {
      let fatalSince: number | undefined;
      for (let poll = 1; watching; poll++) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (!watching) return;
        const status = await container.inspect().then(
          (i) => i.State.Status,
          () => 'gone',
        );
        if (STOPPED.has(status) || status === 'gone') throw new Error(`the container stopped (${status})`);
        const pids = poll % PIDS_EVERY_POLLS === 0 ? await samplePids(container) : undefined;
        const rate = poll % LOG_EVERY_POLLS === 0 ? await sampleLogRate(container) : 'not-sampled';
        const seen = distress.observe(Date.now(), pids, rate);
        if (seen) throw new Distressed(seen);
        if (!this.fatalLog || poll % LOG_EVERY_POLLS !== 0) continue;
        if (fatalSince === undefined) {
          if (this.fatalLog.detect((await lastLogLines(container)).join('\n'))) fatalSince = Date.now();
        } else if (Date.now() - fatalSince >= this.fatalLog.graceMs) {
          throw new GaveUpEarly(`its log shows an error it does not recover from, and it was still not ready ${Math.round(this.fatalLog.graceMs / 1000)}s later`);
        }
      }
    })();
    const ready = this.innerInSlices(container, boundPorts, started + budgetMs, () => watching, startTime);
    try {
      await Promise.race([ready, stopped]);
    } catch (e) {
      watching = false;
      const cause = String((e as Error).message ?? e).split('\n')[0];
      const facts = await diagnose(container, { awaited: this.awaited, budgetMs, elapsedMs: Date.now() - started, cause });
      const early = e instanceof Distressed ? { gaveUpEarly: true, distress: e.distress } : e instanceof GaveUpEarly ? { gaveUpEarly: true } : {};
      throw new NotReadyError({ ...facts, ...early });
    } finally {
      watching = false;
      stopped.catch(() => undefined);
      ready.catch(() => undefined);
    }
  }

  private async innerInSlices(container: Dockerode.Container, boundPorts: BoundPorts, deadline: number, wanted: () => boolean, startTime?: Date): Promise<void> {
    let last: unknown;
    while (wanted()) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      this.inner.withStartupTimeout(Math.min(SLICE_MS, left));
      try {
        await this.inner.waitUntilReady(container, boundPorts, startTime);
        return;
      } catch (e) {
        last = e;
      }
    }
    const seconds = Math.round(this.getStartupTimeout() / 1000);
    throw new Error(`not ready within ${seconds}s${last ? ` (last check: ${String((last as Error).message ?? last).split('\n')[0]})` : ''}`);
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
    new HttpAnswerWait(path, port, 5_000),
    `an HTTP answer on port ${port} (GET ${path})`,
  ).withStartupTimeout(budgetMs);
}
