import type Dockerode from 'dockerode';
import { cleanAll } from './clean-all.js';
import { recordInterrupt } from './interrupted.js';

interface Task {
  what: string;
  run: () => Promise<unknown>;
}

interface OpenRun {
  tasks: Task[];
  keepImages: boolean;
  docker?: Dockerode;
  releasing?: Promise<string[]>;
  /** Aborted when the process is interrupted, before anything is undone. */
  interrupt: AbortController;
  /** Work in flight that an interrupt waits for (a while) before undoing, so nothing is created after the sweep. */
  busy: Set<Promise<unknown>>;
}

export interface RunCleanup {
  readonly runId: string;
  /** Registers an undo step; steps run last-in first-out. The returned function drops the step (already undone). */
  defer(what: string, run: () => Promise<unknown>): () => void;
  /**
   * Runs every step, then removes whatever still carries the run's label.
   * Never throws: returns the problems met (empty when all went).
   */
  release(): Promise<string[]>;
  /** Aborted when SIGINT or SIGTERM interrupts the process: stop what is in flight. */
  readonly signal: AbortSignal;
  /** Registers work in flight (a build, a start); an interrupt waits for it to settle before undoing. */
  track<T>(work: Promise<T>): Promise<T>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** How long an interrupt waits for aborted work to settle before undoing anyway. */
const INTERRUPT_SETTLE_MS = 20_000;
const LATE_SWEEP_MS = 1_500;

/**
 * Process-wide record of what each grading run must undo. Released
 * explicitly on success and failure, and on SIGINT/SIGTERM by a handler
 * installed while a run is open: the handler aborts each run's work in
 * flight and waits for it to settle, cleans up, then re-raises the signal so
 * the process ends as it would have.
 */
export class CleanupRegistry {
  readonly #runs = new Map<string, OpenRun>();
  #handler?: (signal: NodeJS.Signals) => void;

  open(runId: string, opts: { keepImages?: boolean; docker?: Dockerode } = {}): RunCleanup {
    let run = this.#runs.get(runId);
    if (!run) {
      run = { tasks: [], keepImages: opts.keepImages ?? false, docker: opts.docker, interrupt: new AbortController(), busy: new Set() };
      this.#runs.set(runId, run);
    }
    this.#installSignalHandlers();
    const entry = run;
    return {
      runId,
      defer: (what, fn) => {
        const task = { what, run: fn };
        entry.tasks.push(task);
        return () => {
          const i = entry.tasks.indexOf(task);
          if (i >= 0) entry.tasks.splice(i, 1);
        };
      },
      release: () => this.release(runId),
      signal: entry.interrupt.signal,
      track: (work) => {
        entry.busy.add(work);
        const done = () => entry.busy.delete(work);
        work.then(done, done);
        return work;
      },
    };
  }

  /** Runs still open (not yet released). */
  openRuns(): string[] {
    return [...this.#runs.keys()];
  }

  release(runId: string): Promise<string[]> {
    const run = this.#runs.get(runId);
    if (!run) return Promise.resolve([]);
    run.releasing ??= this.#undo(runId, run).finally(() => {
      this.#runs.delete(runId);
      if (this.#runs.size === 0) this.#removeSignalHandlers();
    });
    return run.releasing;
  }

  /** Aborts the work in flight of every open run and waits for it to settle (at most `settleMs`). */
  async interruptAll(reason: Error, settleMs = INTERRUPT_SETTLE_MS): Promise<void> {
    const busy: Promise<unknown>[] = [];
    for (const run of this.#runs.values()) {
      run.interrupt.abort(reason);
      busy.push(...run.busy);
    }
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, settleMs);
    });
    await Promise.race([Promise.allSettled(busy), cap]);
    clearTimeout(timer);
  }

  async releaseAll(): Promise<string[]> {
    const problems = await Promise.all(this.openRuns().map((id) => this.release(id)));
    return problems.flat();
  }

  async #undo(runId: string, run: OpenRun): Promise<string[]> {
    const problems: string[] = [];
    while (run.tasks.length > 0) {
      const task = run.tasks.pop()!;
      try {
        await task.run();
      } catch (e) {
        problems.push(`${task.what}: ${String((e as Error).message ?? e).split('\n')[0]}`);
      }
    }
    try {
      await cleanAll(run.docker, { runId, keepImages: run.keepImages });
    } catch (e) {
      problems.push(String((e as Error).message ?? e));
    }
    return problems;
  }

  #installSignalHandlers(): void {
    if (this.#handler) return;
    let cleaning = false;
    const handler = (signal: NodeJS.Signals) => {
      if (cleaning) {
        // A second signal while cleaning: give up waiting and end now.
        this.#removeSignalHandlers();
        process.kill(process.pid, signal);
        return;
      }
      cleaning = true;
      recordInterrupt(signal);
      process.stderr.write(`rock-check: interrupted by ${signal}: no grade; removing what the run created in Docker\n`);
      const swept = [...this.#runs].map(([runId, run]) => ({ runId, docker: run.docker, keepImages: run.keepImages }));
      void this.interruptAll(new Error(`interrupted by ${signal}`))
        .then(() => this.releaseAll())
        .then(async (problems) => {
          // Requests other threads had already sent (a probe creating its container) land after the first sweep.
          await new Promise((r) => setTimeout(r, LATE_SWEEP_MS));
          for (const run of swept) await cleanAll(run.docker, run).catch((e: Error) => problems.push(e.message));
          for (const p of problems) process.stderr.write(`rock-check: cleanup: ${p}\n`);
        })
        .finally(() => {
          this.#removeSignalHandlers();
          process.kill(process.pid, signal);
        });
    };
    this.#handler = handler;
    for (const s of SIGNALS) process.on(s, handler);
  }

  #removeSignalHandlers(): void {
    if (!this.#handler) return;
    for (const s of SIGNALS) process.off(s, this.#handler);
    this.#handler = undefined;
  }
}

export const cleanupRegistry = new CleanupRegistry();
