/** What a grading is doing, as it happens; each event names its run. */
export type ProgressStep = 'intake' | 'static' | 'build' | 'network' | 'start' | 'ready' | 'checks' | 'check' | 'stop';
export type StepPhase = 'begins' | 'ends';

export interface ProgressEvent {
  runId: string;
  step: ProgressStep;
  /** What the step is about: a service, an image, a criterion ID. */
  detail: string;
  /** The latest output line of a long step (a build's last log line). */
  line?: string;
  /** For `check`: how the criterion ended. */
  state?: string;
  /**
   * For a step that runs beside others (the builds of two images at once):
   * `begins` as it starts and `ends` when it is over, so that it keeps one
   * line of its own. Any other step ends when the next one begins.
   */
  phase?: StepPhase;
  /** Milliseconds since the epoch. */
  at: number;
}

const CHANNEL = 'rock-check:progress';
type Emitter = { emit(event: string, payload: unknown): boolean; on(event: string, l: (p: ProgressEvent) => void): void; off(event: string, l: (p: ProgressEvent) => void): void };

/**
 * Progress travels on one process-wide channel, because the stack is booted
 * by vitest's global setup, which loads its own copy of these modules.
 */
export function emitProgress(event: Omit<ProgressEvent, 'at'> & { at?: number }): void {
  (process as unknown as Emitter).emit(CHANNEL, { at: Date.now(), ...event });
}

/** Listens to one run's events; returns the function that stops listening. */
export function onProgress(runId: string, listener: (e: ProgressEvent) => void): () => void {
  const filtered = (e: ProgressEvent) => {
    if (e.runId === runId) listener(e);
  };
  (process as unknown as Emitter).on(CHANNEL, filtered);
  return () => (process as unknown as Emitter).off(CHANNEL, filtered);
}
