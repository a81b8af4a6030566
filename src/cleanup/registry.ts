import type Dockerode from 'dockerode';
import { cleanAll } from './clean-all.js';

interface Task {
  what: string;
  run: () => Promise<unknown>;
}

interface OpenRun {
  tasks: Task[];
  keepImages: boolean;
  docker?: Dockerode;
  releasing?: Promise<string[]>;
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
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Process-wide record of what each grading run must undo. Released
 * explicitly on success and failure, and on SIGINT/SIGTERM by a handler
 * installed while a run is open: the handler cleans up, then re-raises the
 * signal so the process ends as it would have.
 */
export class CleanupRegistry {
  readonly #runs = new Map<string, OpenRun>();
  #handler?: (signal: NodeJS.Signals) => void;

  open(runId: string, opts: { keepImages?: boolean; docker?: Dockerode } = {}): RunCleanup {
    let run = this.#runs.get(runId);
    if (!run) {
      run = { tasks: [], keepImages: opts.keepImages ?? false, docker: opts.docker };
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
      void this.releaseAll()
        .then((problems) => {
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
