import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { isValidRunId } from '../../src/cleanup/labels.js';
import { cleanupRegistry, type RunCleanup } from '../../src/cleanup/registry.js';
import type { Submission } from '../../src/model/submission.js';
import type { AnyProfile } from '../../src/profile/profile.js';
import type { StepPhase } from '../../src/progress/events.js';
import { limitsOf, type Limits } from './limits.js';
import type { RuntimeInfo } from './runtime-info.js';

/** A booted stack (or what of it booted): its description, and how to remove it all. */
export interface StartedStack extends AsyncDisposable {
  readonly info: RuntimeInfo;
  /** Removes every container, network, volume and (unless kept) image of the run; returns the problems met. */
  stop(): Promise<string[]>;
}

export interface StackEvent {
  step: 'build' | 'network' | 'start' | 'ready' | 'stop';
  detail: string;
  /** The latest output line of a build, as it comes. */
  line?: string;
  /** For a step that runs beside others (builds at once): `begins` as it starts, `ends` when it is over. */
  phase?: StepPhase;
}

/**
 * Settings shared by every stack builder. `withX()` only records; nothing
 * touches Docker before `start()`.
 */
export abstract class StackBuilder<P extends AnyProfile = AnyProfile> {
  protected runId = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  protected keepImages = false;
  protected signal?: AbortSignal;
  protected listener: (e: StackEvent) => void = () => undefined;
  protected buildTimeoutMs: number;
  protected bootTimeoutMs: number;
  protected limits: Limits;

  constructor(
    protected readonly submission: Submission,
    protected readonly profile: P,
  ) {
    this.buildTimeoutMs = profile.runtime.buildTimeoutSeconds * 1000;
    this.bootTimeoutMs = profile.runtime.bootTimeoutSeconds * 1000;
    this.limits = limitsOf(profile);
  }

  withRunId(runId: string): this {
    if (!isValidRunId(runId)) throw new Error(`run id "${runId}" must be lower-case letters, digits and dashes`);
    this.runId = runId;
    return this;
  }

  withKeepImages(keep = true): this {
    this.keepImages = keep;
    return this;
  }

  /** Aborting stops the start where it is, removes what was created, and rejects. */
  withAbortSignal(signal: AbortSignal): this {
    this.signal = signal;
    return this;
  }

  withBuildTimeout(ms: number): this {
    this.buildTimeoutMs = ms;
    return this;
  }

  withBootTimeout(ms: number): this {
    this.bootTimeoutMs = ms;
    return this;
  }

  withLimits(limits: Partial<Limits>): this {
    this.limits = { ...this.limits, ...limits };
    return this;
  }

  onEvent(listener: (e: StackEvent) => void): this {
    this.listener = listener;
    return this;
  }

  /**
   * Opens the run's cleanup and boots. An interrupt (SIGINT, SIGTERM) aborts
   * the boot where it is, and the cleanup waits for it before undoing.
   */
  async start(): Promise<StartedStack> {
    this.checkAborted();
    const client = await getContainerRuntimeClient();
    const cleanup = cleanupRegistry.open(this.runId, { keepImages: this.keepImages, docker: client.container.dockerode });
    this.signal = this.signal ? AbortSignal.any([this.signal, cleanup.signal]) : cleanup.signal;
    return cleanup.track(this.boot(client, cleanup));
  }

  protected abstract boot(client: ContainerRuntimeClient, cleanup: RunCleanup): Promise<StartedStack>;

  /** The stack `info` describes; stopping or disposing of it removes what the run created. */
  protected startedStack(info: RuntimeInfo, cleanup: RunCleanup): StartedStack {
    return {
      info,
      stop: () => this.stop(cleanup),
      [Symbol.asyncDispose]: async () => {
        await this.stop(cleanup);
      },
    };
  }

  /** The boot's time and whether everything built and became ready, said to the listener. */
  protected settleBoot(info: RuntimeInfo, bootStart: number): void {
    info.boot.seconds = elapsedSeconds(bootStart);
    info.boot.ok = info.boot.findings.length === 0 && info.build.ok && Object.values(info.components).every((c) => c?.ready);
    this.listener({ step: 'ready', detail: info.boot.ok ? 'all ready' : `${info.boot.findings.length} problem(s)` });
  }

  protected async stop(cleanup: RunCleanup): Promise<string[]> {
    this.listener({ step: 'stop', detail: this.runId });
    return cleanup.release();
  }

  protected checkAborted(): void {
    this.signal?.throwIfAborted();
  }
}

export function elapsedSeconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}
